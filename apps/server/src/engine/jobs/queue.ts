import { FormatRegistry, type TSchema, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { Database } from '../db/database.js';

/** A job type: a name, a payload schema and an idempotent handler (it may run more than once). */
export interface JobDefinition<S extends TSchema = TSchema> {
  name: string;
  payload: S;
  handler: (data: Static<S>, meta: { id: string; retryCount: number }) => Promise<void>;
  retryLimit?: number;
  retryDelaySeconds?: number;
  /** Run at most this often, as a cron expression, in the worker role. */
  cron?: string;
  batchSize?: number;
}

// Payload checks use TypeBox's own validator, which knows no string formats until they are
// registered; without these, any payload with a uuid or a date-time would be refused.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
if (!FormatRegistry.Has('uuid')) FormatRegistry.Set('uuid', (v) => UUID.test(v));
if (!FormatRegistry.Has('date-time')) FormatRegistry.Set('date-time', (v) => !Number.isNaN(Date.parse(v)) && /^\d{4}-\d{2}-\d{2}T/.test(v));

/** Fetching one job per poll caps a worker at a few jobs/s on PostgreSQL (ADR 0002); fetch in batches. */
const DEFAULT_BATCH = 20;

export interface SendOptions {
  startAfter?: Date;
  singletonKey?: string;
  /** Send inside the caller's transaction: a raw executor bound to it. */
  db?: { executeSql(text: string, values: unknown[]): Promise<{ rows: unknown[] }> };
}

export interface JobQueueOptions {
  schema: string;
  pollSeconds: number;
  worker: boolean;
}

/**
 * Durable jobs in Postgres (pg-boss; ADR 0002). The same code runs on PGlite, through the
 * single shared connection, and on PostgreSQL. Retries use exponential backoff.
 */
export class JobQueue {
  readonly boss: PgBoss;
  private readonly defs = new Map<string, JobDefinition>();
  private readonly workers = new Map<string, string>();
  private started = false;
  /** The Postgres schema holding the queue tables. */
  readonly schema: string;

  constructor(
    database: Database,
    private readonly log: Logger,
    private readonly opts: JobQueueOptions,
  ) {
    this.schema = opts.schema;
    this.boss = new PgBoss({
      db: { executeSql: (text, values) => database.execute(text, values) },
      schema: opts.schema,
      supervise: opts.worker,
      schedule: opts.worker,
      migrate: true,
    });
    this.boss.on('error', (err) => this.log.error({ err }, 'job queue error'));
  }

  define<S extends TSchema>(def: JobDefinition<S>): void {
    this.defs.set(def.name, def as unknown as JobDefinition);
  }

  async start(): Promise<void> {
    await this.boss.start();
    this.started = true;
    for (const def of this.defs.values()) {
      await this.boss.createQueue(def.name, {
        name: def.name,
        retryLimit: def.retryLimit ?? 5,
        retryDelay: def.retryDelaySeconds ?? 5,
        retryBackoff: true,
      });
    }
    if (!this.opts.worker) return;
    for (const def of this.defs.values()) {
      const id = await this.boss.work<Record<string, unknown>>(
        def.name,
        { pollingIntervalSeconds: this.opts.pollSeconds, batchSize: def.batchSize ?? DEFAULT_BATCH, includeMetadata: true },
        async (jobs) => {
          // Each job of a batch succeeds or fails (and is retried) on its own; the rest complete.
          for (const job of jobs) {
            try {
              if (!Value.Check(def.payload, job.data)) throw new Error(`invalid payload for ${def.name}`);
              await def.handler(job.data as never, { id: job.id, retryCount: job.retryCount });
            } catch (err) {
              this.log.warn(
                { err, job: job.id, name: def.name, retryCount: job.retryCount },
                'job failed; it will be retried with backoff',
              );
              await this.boss.fail(def.name, job.id, { message: (err as Error).message });
            }
          }
        },
      );
      this.workers.set(def.name, id);
      if (def.cron) await this.boss.schedule(def.name, def.cron, {});
    }
  }

  async send<S extends TSchema>(def: JobDefinition<S>, data: Static<S>, opts: SendOptions = {}): Promise<string | null> {
    if (!Value.Check(def.payload, data)) throw new Error(`invalid payload for job ${def.name}`);
    const id = await this.boss.send(def.name, data as object, {
      ...(opts.startAfter ? { startAfter: opts.startAfter } : {}),
      ...(opts.singletonKey ? { singletonKey: opts.singletonKey } : {}),
      ...(opts.db ? { db: opts.db } : {}),
    });
    // Wake the local worker instead of waiting for its next poll.
    const worker = this.workers.get(def.name);
    if (worker) this.boss.notifyWorker(worker);
    return id;
  }

  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    await this.boss.stop({ graceful: true, close: false, wait: true, timeout: 10_000 });
  }
}
