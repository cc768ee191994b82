import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Database } from './database.js';

export const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../../migrations');

export function migrationFiles(dir = MIGRATIONS_DIR): string[] {
  return readdirSync(dir)
    .filter((f) => /^\d{14}_[a-z0-9_]+\.sql$/.test(f))
    .sort();
}

const LOCK_ID = 4_242_001; // pg_advisory_lock key: one migrator at a time across processes

/**
 * Applies pending forward-only migrations, each in its own transaction, recording them in
 * kefu_migrations. Safe to run from several processes at once (advisory lock on Postgres).
 */
export async function migrate(database: Database, dir = MIGRATIONS_DIR): Promise<string[]> {
  const applied: string[] = [];
  await database.db.connection().execute(async (conn) => {
    const run = (text: string) => sql.raw(text).execute(conn);
    await run(`select pg_advisory_lock(${LOCK_ID})`);
    try {
      await run(`create table if not exists kefu_migrations (name text primary key, applied_at timestamptz not null default now())`);
      const done = new Set(((await run(`select name from kefu_migrations`)).rows as Array<{ name: string }>).map((r) => r.name));
      for (const file of migrationFiles(dir)) {
        if (done.has(file)) continue;
        const sql = readFileSync(join(dir, file), 'utf8');
        await run('begin');
        try {
          await run(sql);
          await run(`insert into kefu_migrations (name) values ('${file}')`);
          await run('commit');
        } catch (e) {
          await run('rollback');
          throw new Error(`migration ${file} failed: ${(e as Error).message}`);
        }
        applied.push(file);
      }
    } finally {
      await run(`select pg_advisory_unlock(${LOCK_ID})`);
    }
  });
  return applied;
}

export async function pendingMigrations(database: Database, dir = MIGRATIONS_DIR): Promise<string[]> {
  const exists = await database.execute<{ t: string | null }>(`select to_regclass('kefu_migrations')::text as t`);
  const done = new Set<string>();
  if (exists.rows[0]?.t) {
    for (const r of (await database.execute<{ name: string }>(`select name from kefu_migrations`)).rows) done.add(r.name);
  }
  return migrationFiles(dir).filter((f) => !done.has(f));
}
