import type { Memory } from './server.js';
import type { RunResult } from './load.js';

interface Result {
  backend: 'pglite' | 'postgres';
  intake: RunResult[];
  memory: Record<string, Memory>;
  startup: Record<string, number>;
  reads: Record<string, RunResult>;
}

export interface TargetCheck {
  target: string;
  measured: string;
  met: boolean;
  /** measured / limit for "less than" targets, limit / measured for "at least" ones: > 1 means missed by that factor */
  ratio: number;
}

const r2 = (x: number) => Math.round(x * 100) / 100;

/** The goals from the issue, checked against one backend's figures. */
export function targetsOf(r: Result): TargetCheck[] {
  const out: TargetCheck[] = [];
  const c32 = r.intake.find((x) => x.connections === 32) ?? r.intake.at(-1);
  if (c32 && r.backend === 'postgres') {
    out.push({
      target: 'ticket creation ≥ 2,000/s at c=32',
      measured: `${c32.perSecond}/s`,
      met: c32.perSecond >= 2000,
      ratio: r2(2000 / c32.perSecond),
    });
    out.push({
      target: 'ticket creation p99 < 50 ms at c=32',
      measured: `${c32.latency.p99Ms} ms`,
      met: c32.latency.p99Ms < 50,
      ratio: r2(c32.latency.p99Ms / 50),
    });
  }
  if (r.backend === 'pglite') {
    const best = [...r.intake].sort((a, b) => b.perSecond - a.perSecond)[0];
    if (best)
      out.push({
        target: 'ticket creation ≥ 500/s',
        measured: `${best.perSecond}/s (best, at c=${best.connections})`,
        met: best.perSecond >= 500,
        ratio: r2(500 / best.perSecond),
      });
  }
  for (const [k, limit, label] of [
    ['inbox', 20, 'inbox list p95 < 20 ms'],
    ['inboxMine', 20, 'inbox list (assignee=me) p95 < 20 ms'],
    ['searchZh', 100, 'search q=退款 p95 < 100 ms'],
    ['searchEn', 100, 'search q=refund p95 < 100 ms'],
  ] as const) {
    const x = r.reads[k];
    if (x) out.push({ target: label, measured: `${x.latency.p95Ms} ms`, met: x.latency.p95Ms < limit, ratio: r2(x.latency.p95Ms / limit) });
  }
  const rssLimit = r.backend === 'pglite' ? 400 : 200;
  // PGlite: "kefu start with the demo workspace" (the demo samples when the demo phase ran);
  // PostgreSQL: "per API process", every sample, under load too.
  const demoKeys = Object.keys(r.memory).filter((k) => k.startsWith('demo'));
  const keys = r.backend === 'pglite' && demoKeys.length ? demoKeys : Object.keys(r.memory);
  const worst = keys.map((k) => [k, r.memory[k]!] as const).sort((a, b) => b[1].rssMB - a[1].rssMB)[0];
  const all = Object.entries(r.memory)
    .map(([k, m]) => `${k} ${m.rssMB}`)
    .join(', ');
  if (worst)
    out.push({
      target: `RSS < ${rssLimit} MB${r.backend === 'postgres' ? ' per API process' : ' with the demo workspace'}`,
      measured: `${worst[1].rssMB} MB (highest: ${worst[0]}; all samples, MB: ${all})`,
      met: worst[1].rssMB < rssLimit,
      ratio: r2(worst[1].rssMB / rssLimit),
    });
  const cold = r.startup.existingDataDirSecondMs;
  if (cold !== undefined)
    out.push({ target: 'cold start to ready < 5 s once built', measured: `${cold} ms`, met: cold < 5000, ratio: r2(cold / 5000) });
  return out;
}
