import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://root@127.0.0.1:5432/postgres';

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: ADMIN_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** Creates `kefu_bench_<random>` and returns its URL. */
export async function createBenchDatabase(): Promise<{ name: string; url: string }> {
  const name = `kefu_bench_${randomBytes(4).toString('hex')}`;
  await admin((c) => c.query(`create database ${name}`));
  const u = new URL(ADMIN_URL);
  u.pathname = `/${name}`;
  return { name, url: u.toString() };
}

export async function dropBenchDatabase(name: string): Promise<void> {
  if (!/^kefu_bench_[0-9a-f]+$/.test(name)) throw new Error(`refusing to drop ${name}`);
  await admin((c) => c.query(`drop database if exists ${name} with (force)`));
}

export async function postgresVersion(): Promise<string> {
  return admin(async (c) => String((await c.query<{ v: string }>(`select version() as v`)).rows[0]?.v ?? ''));
}

/** The server settings that matter most for these figures. */
export async function postgresSettings(): Promise<Record<string, string>> {
  const names = ['shared_buffers', 'work_mem', 'max_connections', 'synchronous_commit', 'fsync', 'wal_level', 'effective_cache_size'];
  return admin(async (c) => {
    const r = await c.query<{ name: string; setting: string; unit: string | null }>(
      `select name, setting, unit from pg_settings where name = any($1)`,
      [names],
    );
    return Object.fromEntries(r.rows.map((x) => [x.name, x.unit ? `${x.setting} ${x.unit}` : x.setting]));
  });
}

export interface ActivitySample {
  /** what the server's connections were doing: state | wait event | query start */
  what: string;
  /** share of samples × connections */
  share: number;
}

/**
 * Samples pg_stat_activity of one database every `everyMs` until `stop()` — a poor man's wait
 * profile (pg_stat_statements is not installed). Returns the commonest states and the mean
 * number of active connections.
 */
export function sampleActivity(url: string, dbName: string, everyMs = 50) {
  const counts = new Map<string, number>();
  let samples = 0;
  let active = 0;
  let running = true;
  const done = (async () => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      while (running) {
        const r = await c.query<{ state: string | null; wait: string | null; q: string }>(
          `select state, wait_event_type || ':' || wait_event as wait, regexp_replace(left(query, 48), '\\s+', ' ', 'g') as q
           from pg_stat_activity where datname = $1 and pid <> pg_backend_pid() and backend_type = 'client backend'`,
          [dbName],
        );
        samples++;
        for (const x of r.rows) {
          if (x.state === 'active') active++;
          const key = `${x.state ?? '?'} | ${x.wait ?? 'cpu'} | ${x.state === 'idle' ? '' : x.q}`;
          counts.set(key, (counts.get(key) ?? 0) + 1);
        }
        await new Promise((res) => setTimeout(res, everyMs));
      }
    } finally {
      await c.end();
    }
  })();
  return {
    async stop(): Promise<{ samples: number; meanActive: number; top: ActivitySample[] }> {
      running = false;
      await done;
      const total = [...counts.values()].reduce((a, b) => a + b, 0) || 1;
      const top = [...counts.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 15)
        .map(([what, n]) => ({ what, share: Math.round((n / total) * 1000) / 1000 }));
      return { samples, meanActive: samples ? Math.round((active / samples) * 10) / 10 : 0, top };
    },
  };
}

/** Cumulative counters of one database (pg_stat_database); flushed by backends about once a second. */
export async function databaseCounters(url: string, dbName: string): Promise<Record<string, number>> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const r = await c.query<Record<string, string>>(
      `select xact_commit, xact_rollback, tup_inserted, tup_updated, tup_deleted, tup_fetched, blks_read, blks_hit
       from pg_stat_database where datname = $1`,
      [dbName],
    );
    return Object.fromEntries(Object.entries(r.rows[0] ?? {}).map(([k, v]) => [k, Number(v)]));
  } finally {
    await c.end();
  }
}
