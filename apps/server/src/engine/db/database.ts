import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.js';
import { PGlitePool, pgliteDialect } from './pglite-dialect.js';

export type Notification = { channel: string; payload: string };
type Listener = (payload: string) => void;

/** The one handle to the database: Kysely for queries, plus raw SQL and LISTEN for the engine. */
export interface Database {
  readonly kind: 'pglite' | 'postgres';
  readonly db: Kysely<DB>;
  /** Raw SQL outside Kysely (pg-boss, migrations). Runs on one connection. */
  execute<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<{ rows: R[] }>;
  /** Subscribes to NOTIFY on a channel; returns an unsubscribe function. */
  listen(channel: string, fn: Listener): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl?: string | undefined;
  /** PGlite data folder; `memory://` for a throwaway in-memory database. */
  dataDir: string;
  poolSize?: number;
  /** A PGlite data dir dump to start from (tests load a migrated template). */
  loadDataDir?: Blob | File | undefined;
  /** Postgres schema for this connection (tests isolate runs in their own schema). */
  searchPath?: string | undefined;
  /** PGlite's shared_buffers, e.g. '32MB'. */
  sharedBuffers?: string | undefined;
}

// pg returns int8 as string by default; our bigints (ticket numbers, event ids) fit in a double.
pg.types.setTypeParser(20, (v) => Number(v));

export async function openDatabase(opts: DatabaseOptions): Promise<Database> {
  return opts.databaseUrl ? openPostgres(opts.databaseUrl, opts) : openPGlite(opts);
}

async function openPostgres(url: string, opts: DatabaseOptions): Promise<Database> {
  const options = opts.searchPath ? `-c search_path=${opts.searchPath},public` : undefined;
  const pool = new pg.Pool({ connectionString: url, max: opts.poolSize ?? 10, options });
  pool.on('error', () => {
    /* an idle client died; the pool replaces it */
  });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  let listener: pg.Client | null = null;
  const listeners = new Map<string, Set<Listener>>();
  return {
    kind: 'postgres',
    db,
    async execute(sql, params) {
      const r = await pool.query(sql, params as unknown[]);
      return { rows: r.rows };
    },
    async listen(channel, fn) {
      if (!listener) {
        listener = new pg.Client({ connectionString: url, options });
        listener.on('error', () => {});
        await listener.connect();
        listener.on('notification', (n) => {
          for (const l of listeners.get(n.channel) ?? []) l(n.payload ?? '');
        });
      }
      let set = listeners.get(channel);
      if (!set) {
        set = new Set();
        listeners.set(channel, set);
        await listener.query(`listen "${channel.replace(/"/g, '')}"`);
      }
      set.add(fn);
      return async () => {
        set.delete(fn);
      };
    },
    async close() {
      await listener?.end().catch(() => {});
      await db.destroy();
    },
  };
}

async function openPGlite(opts: DatabaseOptions): Promise<Database> {
  const inMemory = opts.dataDir === 'memory://';
  const existedBefore = !inMemory && existsSync(join(opts.dataDir, 'PG_VERSION'));
  if (!inMemory) mkdirSync(opts.dataDir, { recursive: true });
  const create = () =>
    PGlite.create({
      dataDir: inMemory ? undefined : opts.dataDir,
      extensions: { pg_trgm },
      loadDataDir: opts.loadDataDir,
      // PGlite lives in this process's memory: small shared buffers (the OS page cache still caches
      // the data files) and a small WAL (PGlite's default lets it grow to ~700 MB).
      postgresqlconf: [`shared_buffers = ${opts.sharedBuffers ?? '32MB'}`, 'max_wal_size = 64MB', 'min_wal_size = 32MB'].join('\n'),
    });
  let pglite = await create();
  if (!inMemory && !existedBefore) {
    // Creating a database grows the WASM heap (~800 MB peak) and it never shrinks: start afresh.
    await pglite.close();
    pglite = await create();
  }
  const pool = new PGlitePool(pglite);
  const db = new Kysely<DB>({ dialect: pgliteDialect(pool) });
  return {
    kind: 'pglite',
    db,
    execute(sql, params) {
      return pool.withClient(async (c) => ({ rows: (await c.query(sql, params)).rows as never[] }));
    },
    async listen(channel, fn) {
      const unsub = await pglite.listen(channel, fn);
      return unsub;
    },
    async close() {
      await pool.end();
      await pglite.close();
    },
  };
}

/** Where a PGlite-backed process keeps the data dir, or none for Postgres. */
export function describeDatabase(opts: DatabaseOptions): string {
  if (opts.databaseUrl) return opts.databaseUrl.replace(/\/\/([^:@/]+):[^@]*@/, '//$1:***@');
  return `pglite:${opts.dataDir}`;
}
