import type { PGlite } from '@electric-sql/pglite';
import { PostgresDialect } from 'kysely';

/**
 * PGlite is one connection. Kysely's Postgres driver asks a pool for a connection per query or
 * transaction; this pool hands out the single connection to one holder at a time, so a
 * transaction never interleaves with another caller's statements.
 */
export class PGlitePool {
  private tail: Promise<void> = Promise.resolve();
  constructor(readonly pglite: PGlite) {}

  connect(): Promise<PGliteClient> {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const ready = this.tail.then(() => new PGliteClient(this.pglite, release));
    this.tail = this.tail.then(() => held);
    return ready;
  }

  async end(): Promise<void> {
    await this.tail;
  }

  /** Runs `fn` holding the connection (used by pg-boss and raw SQL outside Kysely). */
  async withClient<T>(fn: (c: PGliteClient) => Promise<T>): Promise<T> {
    const c = await this.connect();
    try {
      return await fn(c);
    } finally {
      c.release();
    }
  }
}

const COMMAND = /^\s*(insert|update|delete|merge|select|with)/i;

export class PGliteClient {
  private released = false;
  constructor(
    private readonly pglite: PGlite,
    private readonly onRelease: () => void,
  ) {}

  async query(sql: string | { text: string; values?: unknown[] }, values?: readonly unknown[]) {
    const text = typeof sql === 'string' ? sql : sql.text;
    const params = (typeof sql === 'string' ? values : sql.values) ?? [];
    // Without parameters use the simple protocol, which (like pg's) allows several statements.
    const res =
      params.length === 0
        ? ((await this.pglite.exec(text)).at(-1) ?? { rows: [], affectedRows: 0 })
        : await this.pglite.query<Record<string, unknown>>(text, params as unknown[]);
    const command = COMMAND.exec(text)?.[1]?.toUpperCase() ?? 'SELECT';
    return { command, rowCount: res.affectedRows ?? res.rows.length, rows: res.rows };
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    this.onRelease();
  }
}

export function pgliteDialect(pool: PGlitePool): PostgresDialect {
  // Kysely only calls connect()/end() and query()/release() on what it is given.
  return new PostgresDialect({ pool: pool as never });
}
