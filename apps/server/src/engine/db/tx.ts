import { CompiledQuery, type Kysely } from 'kysely';
import type { Database } from './database.js';
import type { DB } from './schema.js';
import type { OutboxPublisher } from '../events/outbox.js';

export type Tx = Kysely<DB>;

/** Runs `fn` in a transaction, then asks the outbox to publish the events it wrote. */
export async function inTransaction<T>(ctx: { database: Database; outbox: OutboxPublisher }, fn: (trx: Tx) => Promise<T>): Promise<T> {
  const result = await ctx.database.db.transaction().execute(fn);
  ctx.outbox.kick();
  return result;
}

/** Postgres error code of a driver error (pg and PGlite both expose `code`). */
export function pgCode(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : undefined;
}

/** A raw SQL executor bound to a transaction: pg-boss sends a job in it, atomically with the change. */
export function txExecutor(trx: Tx): { executeSql(text: string, values: unknown[]): Promise<{ rows: unknown[] }> } {
  return { executeSql: async (text, values) => ({ rows: (await trx.executeQuery(CompiledQuery.raw(text, values))).rows }) };
}
