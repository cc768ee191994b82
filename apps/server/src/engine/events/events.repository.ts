import type { Kysely } from 'kysely';
import type { Actor } from '../auth/principal.js';
import type { DB } from '../db/schema.js';

export interface EventInput {
  ticketId?: string | null;
  subjectType?: string;
  subjectId?: string | null;
  kind: string;
  field?: string | null;
  oldValue?: unknown;
  newValue?: unknown;
  data?: unknown;
}

const json = (v: unknown) => (v === undefined ? null : JSON.stringify(v));

/**
 * Writes event rows — the timeline, the audit trail and the outbox — with the caller's
 * transaction, so an event exists exactly when its change does.
 */
export async function recordEvents(trx: Kysely<DB>, actor: Actor, events: readonly EventInput[], now: Date): Promise<void> {
  if (events.length === 0) return;
  await trx
    .insertInto('events')
    .values(
      events.map((e) => ({
        workspace_id: actor.workspaceId,
        ticket_id: e.ticketId ?? null,
        subject_type: e.subjectType ?? (e.ticketId ? 'ticket' : 'workspace'),
        subject_id: e.subjectId ?? e.ticketId ?? null,
        actor_type: actor.type,
        actor_id: actor.id,
        kind: e.kind,
        field: e.field ?? null,
        old_value: json(e.oldValue),
        new_value: json(e.newValue),
        data: json(e.data),
        created_at: now,
      })),
    )
    .execute();
}
