import { randomBytes } from 'node:crypto';
import { generateTicket, rng } from './corpus.js';
import { runLoad, type RunResult } from './load.js';
import { databaseCounters, sampleActivity } from './postgres.js';
import { cleanRun, type CpuShare } from './quiet.js';
import type { RunningServer } from './server.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

/** A POST /api/v1/tickets body factory: realistic text from a pool, a new requester email each call. */
export function ticketBodies(): () => string {
  const r = rng(7);
  const run = randomBytes(3).toString('hex');
  const pool = Array.from({ length: 4000 }, () => {
    const g = generateTicket(r);
    const head = JSON.stringify({ subject: g.subject, body: g.body, channel: 'email' }).slice(0, -1);
    return [`${head},"requester":{"name":${JSON.stringify(g.name)},"email":"`, `"}}`] as const;
  });
  let n = 0;
  return () => {
    const [a, b] = pool[n % pool.length]!;
    n++;
    return `${a}req${n}.${run}@example.com${b}`;
  };
}

export interface IntakeRun extends RunResult {
  /** CPU used during the run, in cores (CPU seconds / wall seconds) */
  cpuCores: CpuShare;
  /** runs made to get one with little interference from other processes */
  attempts: number;
  waits?: Awaited<ReturnType<ReturnType<typeof sampleActivity>['stop']>>;
  /** pg_stat_database deltas divided by tickets created (includes the outbox and token bookkeeping) */
  databaseCountersPerTicket?: Record<string, number>;
}

export async function intakeRuns(
  s: RunningServer,
  token: string,
  backend: 'pglite' | 'postgres',
  db: { name: string; url: string } | undefined,
  o: { durationS: number; concurrency: number[]; warmupS: number; log: (m: string) => void },
) {
  const body = ticketBodies();
  const base = { url: s.url, token, method: 'POST' as const, path: '/api/v1/tickets', body };
  o.log(`  warm-up ${o.warmupS}s at c=8`);
  await runLoad({ ...base, connections: 8, durationS: o.warmupS });
  const runs: IntakeRun[] = [];
  const windows: Array<{ connections: number; fromMs: number; toMs: number }> = [];
  for (const c of o.concurrency) {
    await sleep(1000);
    const one = async () => {
      const counters0 = db ? await databaseCounters(db.url, db.name) : null;
      const sampler = db ? sampleActivity(db.url, db.name) : null;
      const fromMs = performance.now();
      const r = await runLoad({ ...base, connections: c, durationS: o.durationS });
      const toMs = performance.now();
      const waits = sampler ? await sampler.stop() : undefined;
      return { r, waits, counters0, fromMs, toMs };
    };
    const run = await cleanRun(o.log, s.pid, backend === 'postgres', one);
    const { r, waits, counters0, fromMs, toMs } = run.result;
    let perTicket: Record<string, number> | undefined;
    if (db && counters0) {
      await sleep(1500); // backends flush their statistics about once a second
      const counters1 = await databaseCounters(db.url, db.name);
      perTicket = Object.fromEntries(Object.keys(counters1).map((k) => [k, round((counters1[k]! - counters0[k]!) / Math.max(1, r.ok), 1)]));
    }
    runs.push({
      ...r,
      cpuCores: run.cpu,
      attempts: run.attempts,
      ...(waits ? { waits } : {}),
      ...(perTicket ? { databaseCountersPerTicket: perTicket } : {}),
    });
    windows.push({ connections: c, fromMs, toMs });
    o.log(
      `  c=${c}: ${r.perSecond} tickets/s, p50 ${r.latency.p50Ms} ms, p95 ${r.latency.p95Ms} ms, p99 ${r.latency.p99Ms} ms, ` +
        `non-2xx ${r.non2xx}, errors ${r.errors} (server ${run.cpu.server} cores, other processes ${run.cpu.otherProcesses})`,
    );
  }
  return { runs, windows };
}
