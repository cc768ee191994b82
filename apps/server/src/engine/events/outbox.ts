import { sql } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../db/database.js';

export const EVENTS_CHANNEL = 'kefu_events';
const MAX_NOTIFY_BYTES = 7_500;

/** What every process's realtime hub receives for each published event. */
export interface PublishedEvent {
  id: number;
  workspaceId: string;
  ticketId: string | null;
  subjectType: string;
  subjectId: string | null;
  kind: string;
  field: string | null;
  oldValue: unknown;
  newValue: unknown;
  data: unknown;
  actorType: string;
  actorId: string | null;
  createdAt: string;
  /** true when the values were too large for NOTIFY and were left out */
  truncated?: boolean;
}

interface Row {
  id: number;
  workspace_id: string;
  ticket_id: string | null;
  subject_type: string;
  subject_id: string | null;
  kind: string;
  field: string | null;
  old_value: unknown;
  new_value: unknown;
  data: unknown;
  actor_type: string;
  actor_id: string | null;
  created_at: Date | string;
}

function payloadOf(r: Row): string {
  const e: PublishedEvent = {
    id: r.id,
    workspaceId: r.workspace_id,
    ticketId: r.ticket_id,
    subjectType: r.subject_type,
    subjectId: r.subject_id,
    kind: r.kind,
    field: r.field,
    oldValue: r.old_value,
    newValue: r.new_value,
    data: r.data,
    actorType: r.actor_type,
    actorId: r.actor_id,
    createdAt: new Date(r.created_at).toISOString(),
  };
  const full = JSON.stringify(e);
  if (Buffer.byteLength(full) <= MAX_NOTIFY_BYTES) return full;
  return JSON.stringify({ ...e, oldValue: null, newValue: null, data: null, truncated: true });
}

/**
 * The outbox publisher. Events are committed with their change (published_at null); this claims
 * unpublished rows (SKIP LOCKED, so several processes never publish the same row), NOTIFYs them
 * and marks them published in one transaction: a crash before commit leaves them for the next run.
 * `kick()` runs it soon after a commit; the `outbox.sweep` job and start-up catch anything left.
 */
export class OutboxPublisher {
  private running: Promise<number> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    private readonly database: Database,
    private readonly log: Logger,
    private readonly delayMs = 0,
    private readonly batchSize = 500,
  ) {}

  /** Ask for a publish soon; calls in the same tick are coalesced. */
  kick(): void {
    if (this.closed || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.publishAll().catch((e: unknown) => this.log.error({ err: e }, 'outbox publish failed'));
    }, this.delayMs);
  }

  /** Publishes until nothing is pending; returns how many events it published. */
  async publishAll(): Promise<number> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      let total = 0;
      do {
        this.again = false;
        for (;;) {
          const n = await this.publishBatch();
          total += n;
          if (n < this.batchSize) break;
        }
      } while (this.again && !this.closed);
      return total;
    })();
    try {
      return await this.running;
    } finally {
      this.running = null;
    }
  }

  async publishBatch(): Promise<number> {
    return this.database.db.transaction().execute(async (trx) => {
      const { rows } = await sql<Row>`
        with batch as (
          select id from events where published_at is null order by id limit ${this.batchSize} for update skip locked
        )
        update events e set published_at = now() from batch where e.id = batch.id
        returning e.id, e.workspace_id, e.ticket_id, e.subject_type, e.subject_id, e.kind, e.field,
                  e.old_value, e.new_value, e.data, e.actor_type, e.actor_id, e.created_at`.execute(trx);
      if (rows.length === 0) return 0;
      rows.sort((a, b) => a.id - b.id);
      const payloads = rows.map(payloadOf);
      await sql`select pg_notify(${EVENTS_CHANNEL}, p) from unnest(${payloads}::text[]) as p`.execute(trx);
      return rows.length;
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running?.catch(() => {});
  }
}
