// Query layer overhead (ADR 0001): the same point lookup through Kysely and as raw SQL,
// on PGlite and PostgreSQL. Usage: node --conditions=kefu-src --import tsx bench/query-layer.ts
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { sql } from 'kysely';
import { openDatabase, type Database } from '../apps/server/src/engine/db/database.js';
import { migrate } from '../apps/server/src/engine/db/migrate.js';
import { createBenchDatabase, dropBenchDatabase } from './lib/postgres.js';

const N = 3000;
function pct(xs: number[], p: number) {
  const s = [...xs].sort((a, b) => a - b);
  return Number(s[Math.floor((p / 100) * (s.length - 1))]!.toFixed(3));
}

async function measure(label: string, database: Database) {
  await migrate(database);
  const ws = await database.db
    .insertInto('workspaces')
    .values({ slug: `b${Date.now()}`, name: 'b' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const ids: string[] = [];
  for (let i = 0; i < 200; i++) {
    const c = await database.db
      .insertInto('customers')
      .values({ workspace_id: ws.id, name: `c${i}` })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.push(c.id);
  }
  const runs: Record<string, number[]> = { kysely: [], raw: [], kyselyCompileOnly: [] };
  for (let round = 0; round < 2; round++) {
    for (let i = 0; i < N; i++) {
      const id = ids[i % ids.length]!;
      let t = performance.now();
      await database.db.selectFrom('customers').selectAll().where('workspace_id', '=', ws.id).where('id', '=', id).executeTakeFirst();
      if (round) runs.kysely!.push(performance.now() - t);
      t = performance.now();
      await database.execute('select * from customers where workspace_id = $1 and id = $2', [ws.id, id]);
      if (round) runs.raw!.push(performance.now() - t);
      t = performance.now();
      database.db.selectFrom('customers').selectAll().where('workspace_id', '=', ws.id).where('id', '=', id).compile();
      if (round) runs.kyselyCompileOnly!.push(performance.now() - t);
    }
  }
  await sql`select 1`.execute(database.db);
  const r = Object.fromEntries(Object.entries(runs).map(([k, v]) => [k, { p50: pct(v, 50), p95: pct(v, 95) }]));
  console.log(label, JSON.stringify(r));
  return { label, ...r };
}

const results = [await measure('pglite', await openDatabase({ dataDir: 'memory://' }))];
{
  const bench = await createBenchDatabase();
  const db = await openDatabase({ databaseUrl: bench.url, dataDir: '/tmp' });
  results.push(await measure('postgres', db));
  await db.close();
  await dropBenchDatabase(bench.name);
}
const out = {
  bench: 'query-layer',
  date: new Date().toISOString(),
  machine: { cpu: cpus()[0]?.model, cores: cpus().length, node: process.version },
  unit: 'ms per query',
  results,
};
writeFileSync(new URL(`./results/query-layer-${out.date.slice(0, 10)}.json`, import.meta.url), JSON.stringify(out, null, 2) + '\n');
process.exit(0);
