/**
 * `npm run bench -- calendar [--runs 5] [--lines 200] [--cli auto|built|source] [--out bench/results]`
 *
 * 1. `kefu calendar --batch` on N generated JSON lines (mixed add/between; six calendars, among
 *    them Shanghai with the 2026 holidays and make-up days): wall time from spawn to exit, one
 *    warm-up run then `runs` measured ones; and a single `kefu calendar add` (start-up cost).
 *    The CLI is the built one (`node apps/server/bin/kefu.js`) when apps/server/dist exists, else
 *    the sources through tsx; this bench builds nothing. Every output line is checked against the
 *    same arithmetic done in-process.
 * 2. In-process `addBusinessMinutes` / `businessMinutesBetween` over one-year spans, with the
 *    calendar's caches warm (one compiled calendar) and cold (compiled afresh for each call).
 *
 * Writes bench/results/calendar-cli-<date>.json. See docs/benchmarks.md.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, relative } from 'node:path';
// A relative import: bench/run.ts runs without the kefu-src condition that maps @kefu/core to sources.
import {
  addBusinessMinutes,
  businessMinutesBetween,
  compileCalendar,
  type BusinessCalendar,
  type CalendarSpec,
} from '../packages/core/src/calendar.js';
import { machineBusySeconds } from './lib/machine.js';
import { waitForQuiet } from './lib/quiet.js';
import { ROOT } from './lib/server.js';

export interface CalendarBenchOptions {
  runs: number;
  lines: number;
  cli: 'auto' | 'built' | 'source';
  out: string;
  log: (m: string) => void;
}

type Ranges = [string, string][];
const days = (from: string, to: string): string[] => {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00Z`); t <= Date.parse(`${to}T00:00Z`); t += 86_400_000)
    out.push(new Date(t).toISOString().slice(0, 10));
  return out;
};
const weekdays = (r: Ranges) => ({ mon: r, tue: r, wed: r, thu: r, fri: r });
const OFFICE: Ranges = [
  ['09:00', '12:00'],
  ['13:00', '18:00'],
];

/** The calendars of the generated lines; `shanghai` is also the default (--calendar FILE). */
export const CALENDARS: Record<string, CalendarSpec> = {
  shanghai: {
    timeZone: 'Asia/Shanghai',
    weekly: weekdays(OFFICE),
    holidays: [
      ...days('2026-01-01', '2026-01-03'),
      ...days('2026-02-15', '2026-02-23'),
      ...days('2026-04-04', '2026-04-06'),
      ...days('2026-05-01', '2026-05-05'),
      ...days('2026-06-19', '2026-06-21'),
      ...days('2026-09-25', '2026-09-27'),
      ...days('2026-10-01', '2026-10-07'),
    ],
    extraWorkdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'].map((date) => ({ date })),
  },
  newYork: {
    timeZone: 'America/New_York',
    weekly: weekdays([['09:00', '17:00']]),
    holidays: [
      '2026-01-01',
      '2026-01-19',
      '2026-02-16',
      '2026-05-25',
      '2026-06-19',
      '2026-07-03',
      '2026-09-07',
      '2026-11-26',
      '2026-12-25',
    ],
  },
  berlin: {
    timeZone: 'Europe/Berlin',
    weekly: { ...weekdays([['08:00', '20:00']]), sat: [['10:00', '16:00']] },
    holidays: [
      '2026-01-01',
      '2026-04-03',
      '2026-04-06',
      '2026-05-01',
      '2026-05-14',
      '2026-05-25',
      '2026-10-03',
      '2026-12-25',
      '2026-12-26',
    ],
  },
  sydneyNights: {
    timeZone: 'Australia/Sydney',
    weekly: { ...weekdays([['22:00', '06:00']]), sun: [['22:00', '06:00']] },
    holidays: ['2026-01-26', '2026-04-03', '2026-12-25'],
  },
  chatham: { timeZone: 'Pacific/Chatham', weekly: weekdays([['08:30', '17:00']]) },
  twentyFourSeven: {
    timeZone: 'UTC',
    weekly: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['00:00', '24:00']]])),
  },
};

/** mulberry32 */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Query {
  line: string;
  expected: string;
}

/** N lines: half add, half between; a third use the default calendar; spans from minutes to a year. */
export function generateLines(n: number, seed = 4): Query[] {
  const rnd = prng(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const names = Object.keys(CALENDARS);
  const compiled = new Map(names.map((k) => [k, compileCalendar(CALENDARS[k])]));
  const year = Date.UTC(2026, 0, 1);
  const out: Query[] = [];
  for (let i = 0; i < n; i++) {
    const name = rnd() < 1 / 3 ? null : names[int(0, names.length - 1)]!;
    const cal = compiled.get(name ?? 'shanghai')!;
    const start = new Date(year + int(0, 364 * 1440) * 60_000);
    const r = rnd();
    const calendar = name ? { calendar: CALENDARS[name] } : {};
    if (i % 2 === 0) {
      const minutes = r < 0.7 ? int(1, 2880) : r < 0.9 ? int(2881, 10_000) : int(100_000, 130_000);
      out.push({
        line: JSON.stringify({ ...calendar, start: start.toISOString(), minutes }),
        expected: addBusinessMinutes(cal, start, minutes).toISOString().replace('.000Z', 'Z'),
      });
    } else {
      const to = new Date(
        start.getTime() + (r < 0.7 ? int(1, 7 * 1440) : r < 0.9 ? int(1, 60 * 1440) : int(300 * 1440, 366 * 1440)) * 60_000,
      );
      out.push({
        line: JSON.stringify({ ...calendar, from: start.toISOString(), to: to.toISOString() }),
        expected: String(businessMinutesBetween(cal, start, to)),
      });
    }
  }
  return out;
}

/** CPU seconds of this process's waited-for children (cutime + cstime in /proc/self/stat). */
function childrenCpuSeconds(): number {
  const f = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
  return (Number(f[13]) + Number(f[14])) / 100;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const r1 = (x: number) => Math.round(x * 10) / 10;

function cliCommand(mode: 'built' | 'source'): string[] {
  return mode === 'built'
    ? [join(ROOT, 'apps', 'server', 'bin', 'kefu.js')]
    : ['--conditions=kefu-src', '--import', 'tsx', join(ROOT, 'apps', 'server', 'src', 'cli', 'main.ts')];
}

function timed(args: string[], input: string): { ms: number; stdout: string; status: number | null; stderr: string } {
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, input, encoding: 'utf8', env, maxBuffer: 64 << 20 });
  return { ms: performance.now() - t0, stdout: r.stdout, stderr: r.stderr, status: r.status };
}

/** Calls `fn` until at least `seconds` have passed; operations per second. */
function rate(seconds: number, fn: (i: number) => void): { ops: number; seconds: number; opsPerSecond: number; usPerOp: number } {
  let ops = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < seconds * 1000) for (let k = 0; k < 10; k++) fn(ops++);
  const s = (performance.now() - t0) / 1000;
  return { ops, seconds: r1(s), opsPerSecond: Math.round(ops / s), usPerOp: r1((s / ops) * 1e6) };
}

function inProcess() {
  const spec = CALENDARS.shanghai!;
  const warm = compileCalendar(spec);
  const year = Date.UTC(2026, 0, 1);
  const starts = Array.from({ length: 1000 }, (_, i) => new Date(year + ((i * 7919) % (180 * 1440)) * 60_000));
  const yearOfMinutes = businessMinutesBetween(warm, new Date(year), new Date(Date.UTC(2027, 0, 1)));
  const span = (d: Date) => new Date(d.getTime() + 365 * 86_400_000);
  addBusinessMinutes(warm, starts[0]!, yearOfMinutes); // fills the caches
  const cold = (): BusinessCalendar => compileCalendar(spec);
  return {
    calendar: 'shanghai (Asia/Shanghai, office hours, 2026 holidays and make-up days)',
    oneYearOfBusinessMinutes: yearOfMinutes,
    addOneYearWarm: rate(2, (i) => addBusinessMinutes(warm, starts[i % 1000]!, yearOfMinutes)),
    addOneYearCold: rate(2, (i) => addBusinessMinutes(cold(), starts[i % 1000]!, yearOfMinutes)),
    betweenOneYearWarm: rate(2, (i) => businessMinutesBetween(warm, starts[i % 1000]!, span(starts[i % 1000]!))),
    betweenOneYearCold: rate(2, (i) => businessMinutesBetween(cold(), starts[i % 1000]!, span(starts[i % 1000]!))),
    note: 'cold = compileCalendar for every call (its per-date caches empty); the per-zone offset cache is shared and stays warm',
  };
}

function machineInfo() {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  const git = (args: string[]) => {
    try {
      return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' });
    } catch {
      return '';
    }
  };
  return {
    cpuModel: /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? os.cpus()[0]?.model ?? 'unknown',
    cores: os.availableParallelism(),
    memoryGB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    loadAverage1m: Math.round(os.loadavg()[0]! * 100) / 100,
    git: {
      commit: git(['rev-parse', '--short', 'HEAD']).trim(),
      modified: git(['status', '--porcelain', '--untracked-files=no'])
        .split('\n')
        .filter(Boolean)
        .map((l) => l.slice(3)),
    },
  };
}

export async function benchCalendarCli(o: CalendarBenchOptions): Promise<string> {
  const t0 = performance.now();
  const built = existsSync(join(ROOT, 'apps', 'server', 'dist', 'cli', 'main.js'));
  if (o.cli === 'built' && !built) throw new Error('--cli built: apps/server is not built (npm run build)');
  const mode = o.cli === 'auto' ? (built ? 'built' : 'source') : o.cli;
  const args = cliCommand(mode);
  const queries = generateLines(o.lines);
  const input = queries.map((q) => q.line).join('\n') + '\n';
  const dir = mkdtempSync(join(os.tmpdir(), 'kefu-calendar-bench-'));
  const calendarFile = join(dir, 'shanghai.json');
  writeFileSync(calendarFile, JSON.stringify(CALENDARS.shanghai));
  const batchArgs = [...args, 'calendar', '--batch', '--calendar', calendarFile];
  const singleArgs = [...args, 'calendar', 'add', '--calendar', calendarFile, '--start', '2026-09-30T17:00:00+08:00', '--minutes', '90'];

  o.log(`kefu calendar --batch, ${o.lines} lines, CLI from ${mode === 'built' ? 'apps/server/dist' : 'the sources (tsx)'}`);
  await waitForQuiet(o.log, 60);
  const first = timed(batchArgs, input); // warm-up: file system cache, tsx's transform cache
  const got = first.stdout.split('\n').slice(0, -1);
  const mismatches = queries.filter((q, i) => got[i] !== q.expected).length + Math.abs(got.length - queries.length);
  if (first.status !== 0 || mismatches)
    o.log(`  WARNING: exit ${first.status}, ${mismatches} lines differ from in-process results\n${first.stderr}`);

  const busy0 = machineBusySeconds();
  const child0 = childrenCpuSeconds();
  const wall0 = performance.now();
  const batchMs: number[] = [];
  const singleMs: number[] = [];
  for (let i = 0; i < o.runs; i++) {
    batchMs.push(timed(batchArgs, input).ms);
    singleMs.push(timed(singleArgs, '').ms);
  }
  const wallS = (performance.now() - wall0) / 1000;
  const cliCores = (childrenCpuSeconds() - child0) / wallS;
  const otherCores = Math.max(0, (machineBusySeconds() - busy0) / wallS - cliCores);
  rmSync(dir, { recursive: true, force: true });
  o.log(`  batch: median ${r1(median(batchMs))} ms; single add: median ${r1(median(singleMs))} ms`);

  o.log('in-process addBusinessMinutes / businessMinutesBetween over one year (2 s each)');
  await waitForQuiet(o.log, 60);
  const busy1 = machineBusySeconds();
  const self1 = process.cpuUsage();
  const wall1 = performance.now();
  const mem = { ...inProcess(), cpuCores: { bench: 0, otherProcesses: 0 } };
  const wall1S = (performance.now() - wall1) / 1000;
  const self = process.cpuUsage(self1);
  const selfCores = (self.user + self.system) / 1e6 / wall1S;
  mem.cpuCores = { bench: r1(selfCores), otherProcesses: r1(Math.max(0, (machineBusySeconds() - busy1) / wall1S - selfCores)) };
  o.log(`  add, warm: ${mem.addOneYearWarm.opsPerSecond}/s; cold: ${mem.addOneYearCold.opsPerSecond}/s`);

  const date = new Date().toISOString().slice(0, 10);
  const doc = {
    benchmark: 'calendar-cli',
    date,
    command: `npm run bench -- ${process.argv.slice(2).join(' ')}`,
    params: {
      lines: o.lines,
      runs: o.runs,
      cli: mode,
      cliCommand: `node ${relative(ROOT, args.at(-1)!)}${mode === 'source' ? ' (with --conditions=kefu-src --import tsx)' : ''}`,
      batchArgs: ['calendar', '--batch', '--calendar', '<shanghai.json>'],
      lineMix:
        'half add (70% ≤ 2 days of minutes, 20% ≤ 10,000, 10% 100,000–130,000), half between (70% ≤ 7 days, 20% ≤ 60, 10% 300–366 days); a third of the lines use the default calendar',
      calendars: Object.keys(CALENDARS),
    },
    machine: machineInfo(),
    cli: {
      outputLinesChecked: queries.length,
      mismatches,
      batchWallMs: batchMs.map(r1),
      batchMedianMs: r1(median(batchMs)),
      batchMinMs: r1(Math.min(...batchMs)),
      linesPerSecondIncludingStartup: Math.round(o.lines / (median(batchMs) / 1000)),
      singleAddWallMs: singleMs.map(r1),
      singleAddMedianMs: r1(median(singleMs)),
      cpuCores: { cli: r1(cliCores), otherProcesses: r1(otherCores) },
    },
    inProcess: mem,
    benchSeconds: Math.round((performance.now() - t0) / 1000),
  };
  mkdirSync(o.out, { recursive: true });
  const file = join(o.out, `calendar-cli-${date}${mode === 'source' ? '-source' : ''}.json`);
  writeFileSync(file, JSON.stringify(doc, null, 2) + '\n');
  return file;
}
