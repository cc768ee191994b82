import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface Hotspot {
  name: string;
  where: string;
  selfPct: number;
  selfMs: number;
}

export interface ProfileSummary {
  totalMs: number;
  /** share of samples when the main thread was idle (waiting on I/O) */
  idlePct: number;
  /** self time grouped by package / area */
  byArea: Array<{ area: string; selfPct: number }>;
  top: Hotspot[];
}

/** Which package or part of the runtime a frame belongs to. */
function areaOf(url: string, name: string): string {
  if (!url) {
    if (name === '(idle)' || name === '(program)' || name === '(garbage collector)') return name;
    return name.startsWith('(') ? name : 'native / builtins';
  }
  if (url.startsWith('wasm://')) return 'wasm (PGlite Postgres)';
  if (url.startsWith('node:')) return 'node core';
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1]!;
  const k = /\/(apps\/server|packages\/[^/]+)\//.exec(url);
  if (k) return `kefu ${k[1]}`;
  return url.replace(/^file:\/\//, '');
}

function shortUrl(url: string): string {
  return url
    .replace(/^file:\/\//, '')
    .replace(/^.*node_modules\//, '')
    .replace(/^.*\/(apps|packages)\//, '$1/');
}

/** Self time per function and per area from a V8 .cpuprofile (node --cpu-prof), counting only samples between `skipMs` and `untilMs` after the process started. */
export function summarizeProfile(file: string, opts: { skipMs?: number; untilMs?: number; topN?: number } = {}): ProfileSummary {
  const p = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  const skipUs = (opts.skipMs ?? 0) * 1000;
  const untilUs = (opts.untilMs ?? Infinity) * 1000;
  let at = 0;
  for (let i = 0; i < p.samples.length; i++) {
    const id = p.samples[i]!;
    const dt = p.timeDeltas[i] ?? 0;
    at += dt;
    if (at < skipUs || at > untilUs) continue;
    self.set(id, (self.get(id) ?? 0) + dt);
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const fn = new Map<string, Hotspot>();
  const area = new Map<string, number>();
  for (const [id, us] of self) {
    const n = byId.get(id)!;
    const { functionName, url, lineNumber } = n.callFrame;
    const name = functionName || '(anonymous)';
    const where = url ? `${shortUrl(url)}:${lineNumber + 1}` : '';
    const key = `${name}@${where}`;
    const h = fn.get(key) ?? { name, where, selfPct: 0, selfMs: 0 };
    h.selfMs += us / 1000;
    fn.set(key, h);
    const a = areaOf(url, name);
    area.set(a, (area.get(a) ?? 0) + us);
  }
  const pct = (us: number) => Math.round((us / total) * 1000) / 10;
  const top = [...fn.values()]
    .sort((a, b) => b.selfMs - a.selfMs)
    .slice(0, opts.topN ?? 25)
    .map((h) => ({ ...h, selfMs: Math.round(h.selfMs), selfPct: pct(h.selfMs * 1000) }));
  return {
    totalMs: Math.round(total / 1000),
    idlePct: pct(area.get('(idle)') ?? 0),
    byArea: [...area.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 20)
      .map(([a, us]) => ({ area: a, selfPct: pct(us) })),
    top,
  };
}

export function profileArgs(dir: string | null): string[] {
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : [];
}

/** Summaries of the newest .cpuprofile in `dir` for each named window (bench clock, ms). */
export function profileWindows(dir: string, spawnedAt: number, windows: Array<{ name: string; fromMs: number; toMs: number }>) {
  const file = readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .sort()
    .at(-1);
  if (!file) return {};
  const out: Record<string, ProfileSummary> = {};
  for (const w of windows) {
    out[w.name] = summarizeProfile(join(dir, file), { skipMs: w.fromMs - spawnedAt, untilMs: w.toMs - spawnedAt });
  }
  rmSync(join(dir, file));
  return out;
}
