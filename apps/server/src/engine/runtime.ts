import { join } from 'node:path';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { systemClock, type Clock } from './clock.js';
import type { Config } from './config.js';
import type { AppContext } from './context.js';
import { openDatabase, type Database } from './db/database.js';
import { migrate } from './db/migrate.js';
import { OutboxPublisher } from './events/outbox.js';
import { buildApp } from './http/app.js';
import { JobQueue } from './jobs/queue.js';
import { RealtimeHub } from './realtime/hub.js';
import { LocalStorage } from './storage/storage.js';
import { createSlaEngine } from '../modules/sla/sla.engine.js';

export type Role = 'api' | 'worker' | 'all';

export interface RuntimeOptions {
  role: Role;
  clock?: Clock;
  /** Use an already-open database (tests). */
  database?: Database;
  jobSchema?: string;
  migrate?: boolean;
  /** Adds routes before the app is sealed (the CLI control channel). */
  onApp?: (app: FastifyInstance, ctx: AppContext) => void;
}

export interface Runtime {
  ctx: AppContext;
  app: FastifyInstance | null;
  close(): Promise<void>;
}

/** The outbox sweep: publishes whatever a crashed or busy process left unpublished. */
export const outboxSweepJob = {
  name: 'outbox.sweep',
  payload: Type.Object({}),
  cron: '* * * * *',
  retryLimit: 3,
};

/**
 * Planner statistics for PGlite, which has no autovacuum: without them the inbox list and the
 * requester lookups pick whole-workspace scans (docs/benchmarks.md). PostgreSQL's autovacuum
 * does this itself.
 */
export const analyzeJob = {
  name: 'db.analyze',
  payload: Type.Object({}),
  cron: '17 * * * *',
  retryLimit: 1,
};

/**
 * Opens the database, applies migrations, and wires the engine: job queue, outbox publisher,
 * realtime hub and (for the api role) the HTTP app. The caller listens.
 */
export async function createRuntime(config: Config, log: Logger, opts: RuntimeOptions): Promise<Runtime> {
  const database =
    opts.database ??
    (await openDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: join(config.dataDir, 'pg'),
      poolSize: config.dbPoolSize,
      sharedBuffers: config.pgliteSharedBuffers,
    }));
  try {
    if (opts.migrate !== false) {
      const applied = await migrate(database);
      if (applied.length) log.info({ applied }, 'migrations applied');
    }
    const outbox = new OutboxPublisher(database, log, config.outboxDelayMs);
    const jobs = new JobQueue(database, log, {
      schema: opts.jobSchema ?? 'pgboss',
      pollSeconds: config.jobPollSeconds,
      worker: opts.role !== 'api',
    });
    const hub = new RealtimeHub(database, log);
    const ctx: AppContext = {
      config,
      database,
      clock: opts.clock ?? systemClock,
      log,
      jobs,
      outbox,
      hub,
      storage: new LocalStorage(join(config.dataDir, 'files')),
    };
    jobs.define({
      ...outboxSweepJob,
      handler: async () => {
        const n = await outbox.publishAll();
        if (n > 0) log.info({ published: n }, 'outbox sweep published late events');
      },
    });
    if (database.kind === 'pglite') {
      jobs.define({ ...analyzeJob, handler: async () => void (await database.execute('analyze')) });
      const stats = await database.execute(`select 1 from pg_stats where tablename = 'tickets' limit 1`);
      if (stats.rows.length === 0) await database.execute('analyze');
    }
    const sla = createSlaEngine(ctx);
    await jobs.start();
    // SLA timers fire in worker processes (docs/sla.md); every process keeps its policy cache fresh.
    await sla.start({ sweep: opts.role !== 'api' });
    if (opts.role !== 'worker') await hub.start();
    // Anything committed but not published before the last stop goes out now.
    const late = await outbox.publishAll();
    if (late > 0) log.info({ published: late }, 'published events left from before the restart');
    const app = opts.role === 'worker' ? null : await buildApp(ctx);
    if (app) {
      opts.onApp?.(app, ctx);
      await app.ready();
    }
    return {
      ctx,
      app,
      async close() {
        await app?.close();
        await sla.stop();
        await hub.close();
        await outbox.close();
        await jobs.stop();
        await database.close();
      },
    };
  } catch (e) {
    if (!opts.database) await database.close().catch(() => {});
    throw e;
  }
}
