// What one statement costs on embedded PGlite (the floor under ticket intake on PGlite):
// 300 autocommit statements each, on a file-backed data dir. Writes bench/results/pglite-rows-<date>.json.
// Usage: node --conditions=kefu-src --import tsx bench/pglite-rows.ts
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../apps/server/src/engine/db/database.js';
import { migrate } from '../apps/server/src/engine/db/migrate.js';

const dir = mkdtempSync(join(tmpdir(), 'kefu-pglite-rows-'));
const db = await openDatabase({ dataDir: join(dir, 'pg') });
await migrate(db);
const ws = (await db.execute<{ id: string }>(`insert into workspaces (slug, name) values ('bench', 'bench') returning id`)).rows[0]!.id;
const N = 300;
const results: Record<string, number> = {};
async function time(label: string, stmt: (i: number) => [string, unknown[]]) {
  const t0 = performance.now();
  for (let i = 0; i < N; i++) await db.execute(...stmt(i));
  results[label] = Number(((performance.now() - t0) / N).toFixed(3));
  console.log(`${label}: ${results[label]} ms`);
}
await time('select 1', () => ['select 1', []]);
await time('begin + commit', () => ['begin; commit;', []]);
await time('insert organization (1 index)', (i) => ['insert into organizations (workspace_id, name) values ($1, $2)', [ws, `o${i}`]]);
await time('insert customer (+ trigram GIN)', (i) => [
  'insert into customers (workspace_id, name, search_text) values ($1, $2, $3)',
  [ws, `c${i}`, `c${i} c${i}@example.com`],
]);
await time('insert event', () => [
  `insert into events (workspace_id, subject_type, actor_type, kind) values ($1, 'x', 'system', 'k')`,
  [ws],
]);
await db.close();
rmSync(dir, { recursive: true, force: true });
const out = {
  bench: 'pglite-rows',
  date: new Date().toISOString(),
  machine: { cpu: cpus()[0]?.model, cores: cpus().length, node: process.version },
  unit: 'ms per statement',
  statements: N,
  results,
};
writeFileSync(new URL(`./results/pglite-rows-${out.date.slice(0, 10)}.json`, import.meta.url), JSON.stringify(out, null, 2) + '\n');
process.exit(0);
