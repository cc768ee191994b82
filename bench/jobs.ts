// Job queue throughput and latency (ADR 0002): pg-boss through our JobQueue on PGlite and PostgreSQL.
// Usage: node --conditions=kefu-src --import tsx bench/jobs.ts [--jobs 2000] (PostgreSQL: BENCH_POSTGRES_URL, default the local server)
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { Type } from '@sinclair/typebox';
import { openDatabase, type Database } from '../apps/server/src/engine/db/database.js';
import { JobQueue } from '../apps/server/src/engine/jobs/queue.js';
import { createLogger } from '../apps/server/src/engine/logger.js';
import { createBenchDatabase, dropBenchDatabase } from './lib/postgres.js';

const N = Number(process.argv[process.argv.indexOf('--jobs') + 1]) || 2000;
const log = createLogger('warn');

async function run(database: Database, label: string, batchSize: number, pollSeconds: number) {
  const schema = `pgboss_bench_${Math.random().toString(36).slice(2, 8)}`;
  const q = new JobQueue(database, log, { schema, pollSeconds, worker: true });
  let done = 0;
  let t0 = 0;
  const latencies: number[] = [];
  let finished!: () => void;
  const all = new Promise<void>((r) => (finished = r));
  const def = {
    name: 'bench.noop',
    payload: Type.Object({ sentAt: Type.Number() }),
    batchSize,
    handler: async (d: { sentAt: number }) => {
      latencies.push(Date.now() - d.sentAt);
      if (++done === N) finished();
    },
  };
  q.define(def);
  await q.start();
  t0 = Date.now();
  for (let i = 0; i < N; i++) await q.send(def, { sentAt: Date.now() });
  const sendMs = Date.now() - t0;
  await all;
  const totalMs = Date.now() - t0;
  await q.stop();
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))];
  const r = {
    label,
    batchSize,
    pollSeconds,
    jobs: N,
    sendPerSec: Math.round((N / sendMs) * 1000),
    completedPerSec: Math.round((N / totalMs) * 1000),
    latencyMs: { p50: pct(50), p95: pct(95), max: latencies.at(-1) },
  };
  console.log(JSON.stringify(r));
  return r;
}

const results = [];
const lite = await openDatabase({ dataDir: 'memory://' });
for (const [b, p] of [
  [1, 0.5],
  [20, 0.5],
  [50, 1],
] as const)
  results.push(await run(lite, 'pglite', b, p));
await lite.close();
{
  const bench = await createBenchDatabase();
  const db = await openDatabase({ databaseUrl: bench.url, dataDir: '/tmp', poolSize: 10 });
  for (const [b, p] of [
    [1, 0.5],
    [20, 0.5],
    [50, 1],
  ] as const)
    results.push(await run(db, 'postgres', b, p));
  await db.close();
  await dropBenchDatabase(bench.name);
}
const out = {
  bench: 'jobs',
  date: new Date().toISOString(),
  machine: { cpu: cpus()[0]?.model, cores: cpus().length, node: process.version },
  results,
};
writeFileSync(new URL(`./results/jobs-${out.date.slice(0, 10)}.json`, import.meta.url), JSON.stringify(out, null, 2) + '\n');
