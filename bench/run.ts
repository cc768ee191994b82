/**
 * Kefu benchmarks. `npm run bench -- intake [--backend pglite|postgres|both] [--duration 20]
 * [--tickets 100000] [--reads 200] [--profile] [--out bench/results] [--no-build]`,
 * `npm run bench -- calendar [--runs 5] [--lines 200] [--cli auto|built|source]` (the `kefu calendar`
 * CLI and the calendar arithmetic; builds nothing), `npm run bench -- sla [--timers 100000] [--sample 200]
 * [--spread 20] [--burst 500] [--target 15] [--intake 1000]` (SLA timers and intake cost on PostgreSQL; builds nothing), and
 * `npm run bench -- report [YYYY-MM-DD]` for the markdown tables of docs/benchmarks.md.
 * See docs/benchmarks.md for what is measured and the latest figures.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { machine } from './lib/machine.js';
import { postgresSettings, postgresVersion } from './lib/postgres.js';
import { ROOT } from './lib/server.js';

const USAGE = `usage: npm run bench -- report [YYYY-MM-DD]          (markdown tables from bench/results)
       npm run bench -- sla [--timers <n>] [--sample <n>] [--spread <s>] [--burst <n>] [--target <s>] [--intake <n>] [--out <dir>]
       npm run bench -- intake [--backend pglite|postgres|both] [--duration <s>] [--tickets <n>]
       [--reads <n>] [--concurrency 1,8,32] [--warmup <s>] [--max-wait <s>] [--profile] [--keep] [--out <dir>] [--no-build]
       npm run bench -- calendar [--runs <n>] [--lines <n>] [--cli auto|built|source] [--out <dir>]`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    backend: { type: 'string', default: 'both' },
    duration: { type: 'string', default: '20' },
    tickets: { type: 'string', default: '100000' },
    reads: { type: 'string', default: '200' },
    concurrency: { type: 'string', default: '1,8,32' },
    warmup: { type: 'string', default: '5' },
    'max-wait': { type: 'string', default: '150' },
    profile: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    out: { type: 'string', default: join(ROOT, 'bench', 'results') },
    'no-build': { type: 'boolean', default: false },
    timers: { type: 'string', default: '100000' },
    sample: { type: 'string', default: '200' },
    spread: { type: 'string', default: '20' },
    burst: { type: 'string', default: '500' },
    target: { type: 'string', default: '15' },
    intake: { type: 'string', default: '1000' },
    runs: { type: 'string', default: '5' },
    lines: { type: 'string', default: '200' },
    cli: { type: 'string', default: 'auto' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

const scenario = positionals[0];
if (scenario === 'report' && !values.help) {
  const { report } = await import('./report.js');
  console.log(report(values.out!, positionals[1]));
  process.exit(0);
}
if (scenario === 'calendar' && !values.help) {
  const cli = values.cli as 'auto' | 'built' | 'source';
  const runs = Number(values.runs);
  const lines = Number(values.lines);
  if (!['auto', 'built', 'source'].includes(cli) || !(Number.isInteger(runs) && runs >= 1) || !(Number.isInteger(lines) && lines >= 1)) {
    console.error(`--cli must be auto, built or source; --runs and --lines whole numbers ≥ 1\n${USAGE}`);
    process.exit(2);
  }
  const { benchCalendarCli } = await import('./calendar-cli.js');
  const file = await benchCalendarCli({ runs, lines, cli, out: values.out!, log: (m) => console.log(m) });
  console.log(`wrote ${relative(process.cwd(), file)}`);
  process.exit(0);
}
if (scenario === 'sla' && !values.help) {
  // The server's runtime from its sources (no build): run again resolving @kefu/* to src.
  if (!process.execArgv.includes('--conditions=kefu-src')) {
    const r = spawnSync(process.execPath, ['--conditions=kefu-src', '--import', 'tsx', ...process.argv.slice(1)], { stdio: 'inherit' });
    process.exit(r.status ?? 1);
  }
  const { benchSla } = await import('./sla-timers.js');
  const file = await benchSla(values, `npm run bench -- ${process.argv.slice(2).join(' ')}`, (m) => console.log(m));
  console.log(`wrote ${relative(process.cwd(), file)}`);
  process.exit(0);
}
if (values.help || scenario !== 'intake') {
  console.error(USAGE);
  process.exit(values.help ? 0 : 2);
}
const backends = (values.backend === 'both' ? ['pglite', 'postgres'] : [values.backend]) as Array<'pglite' | 'postgres'>;
if (!backends.every((b) => b === 'pglite' || b === 'postgres')) {
  console.error(`--backend must be pglite, postgres or both\n${USAGE}`);
  process.exit(2);
}
const num = (name: string, v: string | undefined, min: number) => {
  const n = Number(v);
  if (!Number.isFinite(n) || n < min) {
    console.error(`--${name} must be a number ≥ ${min}`);
    process.exit(2);
  }
  return n;
};
const opts = {
  durationS: num('duration', values.duration, 1),
  tickets: Math.round(num('tickets', values.tickets, 0)),
  reads: Math.round(num('reads', values.reads, 10)),
  concurrency: (values.concurrency ?? '').split(',').map((c) => Math.round(num('concurrency', c, 1))),
  warmupS: num('warmup', values.warmup, 1),
  profile: values.profile === true,
  keep: values.keep === true,
  log: (m: string) => console.log(m),
};

let build: 'ok' | 'failed' | 'skipped' = 'skipped';
if (!values['no-build']) {
  console.log('npm run build');
  try {
    execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
    build = 'ok';
  } catch {
    build = 'failed';
    console.error('WARNING: npm run build failed; benchmarking whatever apps/server/dist holds (recorded as build: "failed")');
  }
}
if (!existsSync(join(ROOT, 'apps', 'server', 'dist', 'cli', 'main.js'))) {
  console.error('apps/server is not built: run "npm run build"');
  process.exit(1);
}

const maxWaitS = num('max-wait', values['max-wait'], 0);

// Loaded after the build: the bulk loader imports the server's search-vector module (and @kefu/nlp's dist).
const { benchBackend } = await import('./intake.js');
const { targetsOf } = await import('./lib/targets.js');
const { setWaitBudget } = await import('./lib/quiet.js');

const pgVersion = await postgresVersion().catch(() => null);
// The code under test: recorded now, right after the build (the tree may change while the bench runs).
const atBuild = machine(pgVersion);
const date = new Date().toISOString().slice(0, 10);
const command = `npm run bench -- ${process.argv.slice(2).join(' ')}`;
mkdirSync(values.out!, { recursive: true });
const started = performance.now();
for (const backend of backends) {
  const t0 = performance.now();
  setWaitBudget(maxWaitS);
  const loadAverage1m = machine(pgVersion).loadAverage1m;
  const result = await benchBackend(backend, opts);
  const { backend: _backend, ...figures } = result;
  const doc = {
    benchmark: 'intake',
    backend,
    date,
    command,
    params: {
      durationS: opts.durationS,
      tickets: opts.tickets,
      readRequests: opts.reads,
      concurrency: opts.concurrency,
      warmupS: opts.warmupS,
      maxWaitForQuietS: maxWaitS,
      profiled: opts.profile,
      build,
      serverCommand: 'node apps/server/bin/kefu.js start --role all',
      serverEnv: { KEFU_LOG_LEVEL: 'warn', KEFU_DB_POOL_SIZE: '10 (default)' },
    },
    machine: {
      ...atBuild,
      loadAverage1m,
      ...(backend === 'postgres' ? { postgresSettings: await postgresSettings() } : {}),
    },
    ...figures,
    targets: targetsOf(result),
    benchSeconds: Math.round((performance.now() - t0) / 1000),
  };
  const file = join(values.out!, `intake-${backend}-${date}${opts.profile ? '-profile' : ''}.json`);
  writeFileSync(file, JSON.stringify(doc, null, 2) + '\n');
  console.log(`[${backend}] wrote ${relative(process.cwd(), file)}`);
  for (const t of doc.targets) console.log(`  ${t.met ? 'met   ' : 'MISSED'} ${t.target}: ${t.measured}`);
}
console.log(`done in ${Math.round((performance.now() - started) / 1000)} s`);
