import { sql } from 'kysely';
import { validateCustomFields, type FieldDefinition, type FieldType, type FieldValue } from '@kefu/core/custom-fields';
import { transition, type StatusEffect, type StatusEvent, type TicketStatus } from '@kefu/core/ticket-status';
import type { Actor } from '../../../engine/auth/principal.js';
import type { TicketRow, TicketUpdate } from '../../../engine/db/schema.js';
import type { Tx } from '../../../engine/db/tx.js';
import { AppError, badRequest } from '../../../engine/errors.js';
import { recordEvents, type EventInput } from '../../../engine/events/events.repository.js';
import { recomputeTicketSla } from '../../sla/use-cases/recompute-ticket-sla.js';
import { TICKET_COLUMNS, followersOf, setFollowers } from '../tickets.repository.js';
import { subjectVector, bodyVector } from '../search-vector.js';

export interface TicketChanges {
  subject?: string | undefined;
  status?: TicketStatus | undefined;
  priority?: string | undefined;
  type?: string | null | undefined;
  category?: string | null | undefined;
  assigneeId?: string | null | undefined;
  groupId?: string | null | undefined;
  tags?: string[] | undefined;
  addTags?: string[] | undefined;
  removeTags?: string[] | undefined;
  followerIds?: string[] | undefined;
  language?: string | null | undefined;
  customFields?: Record<string, FieldValue> | undefined;
}

export async function fieldDefinitions(db: Tx, workspaceId: string): Promise<FieldDefinition[]> {
  const rows = await db
    .selectFrom('field_definitions')
    .select(['key', 'type', 'options', 'required_on_solve', 'is_active'])
    .where('workspace_id', '=', workspaceId)
    .execute();
  return rows.map((r) => ({
    key: r.key,
    type: r.type as FieldType,
    options: r.options,
    requiredOnSolve: r.required_on_solve,
    isActive: r.is_active,
  }));
}

/** Checks that ids name active agents (or groups) of this workspace; a foreign id is "not found". */
export async function assertAgents(db: Tx, workspaceId: string, ids: readonly string[], field: string): Promise<void> {
  if (ids.length === 0) return;
  const rows = await db
    .selectFrom('users')
    .select(['id', 'role', 'is_active'])
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', ids)
    .execute();
  const ok = new Set(rows.filter((r) => r.is_active).map((r) => r.id));
  const missing = ids.filter((i) => !ok.has(i));
  if (missing.length > 0) throw new AppError('user_not_found', 422, `No active agent with id ${missing.join(', ')}`, { field });
}

export async function assertGroup(db: Tx, workspaceId: string, id: string): Promise<void> {
  const row = await db.selectFrom('groups').select('id').where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('group_not_found', 422, `No group with id ${id}`, { field: 'groupId' });
}

function sameArray(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

export interface AppliedChanges {
  ticket: TicketRow;
  effects: StatusEffect[];
  changed: string[];
}

/**
 * Validates and applies field changes to a locked ticket, writing one `ticket.updated` event per
 * changed field (old → new) in the same transaction. Status goes through the pure transition
 * function; `statusEvent` lets replies drive it (agent reply, customer reply).
 */
export async function applyTicketChanges(
  trx: Tx,
  actor: Actor,
  ticket: TicketRow,
  changes: TicketChanges,
  now: Date,
  opts: { statusEvent?: StatusEvent; skipRequiredOnSolve?: boolean; extraEvents?: EventInput[] } = {},
): Promise<AppliedChanges> {
  const ws = ticket.workspace_id;
  const patch: TicketUpdate = {};
  const events: EventInput[] = [];
  const changed: string[] = [];
  const field = (name: string, col: keyof TicketRow, next: unknown) => {
    const prev = ticket[col];
    if (prev === next) return;
    (patch as Record<string, unknown>)[col] = next;
    events.push({ ticketId: ticket.id, kind: 'ticket.updated', field: name, oldValue: prev, newValue: next });
    changed.push(name);
  };

  if (changes.subject !== undefined && changes.subject !== ticket.subject) {
    field('subject', 'subject', changes.subject);
    const bodies = await trx
      .selectFrom('messages')
      .select('body')
      .where('workspace_id', '=', ws)
      .where('ticket_id', '=', ticket.id)
      .orderBy('created_at')
      .execute();
    // Kysely types the column as string; the value is an SQL expression computing the tsvector.
    patch.search_vector =
      sql`${subjectVector(changes.subject)} || ${bodyVector(bodies.map((b) => b.body).join('\n'))}` as unknown as string;
  }
  if (changes.priority !== undefined) field('priority', 'priority', changes.priority);
  if (changes.type !== undefined) field('type', 'type', changes.type);
  if (changes.category !== undefined) field('category', 'category', changes.category);
  if (changes.language !== undefined) field('language', 'language', changes.language);
  if (changes.groupId !== undefined && changes.groupId !== ticket.group_id) {
    if (changes.groupId) await assertGroup(trx, ws, changes.groupId);
    field('group', 'group_id', changes.groupId);
  }
  let assignedNow = false;
  if (changes.assigneeId !== undefined && changes.assigneeId !== ticket.assignee_id) {
    if (changes.assigneeId) await assertAgents(trx, ws, [changes.assigneeId], 'assigneeId');
    field('assignee', 'assignee_id', changes.assigneeId);
    assignedNow = changes.assigneeId !== null;
  }
  if (changes.tags !== undefined || changes.addTags !== undefined || changes.removeTags !== undefined) {
    let tags = changes.tags ? [...changes.tags] : [...ticket.tags];
    for (const t of changes.addTags ?? []) if (!tags.includes(t)) tags.push(t);
    tags = tags.filter((t) => !(changes.removeTags ?? []).includes(t));
    tags = [...new Set(tags.map((t) => t.toLowerCase()))].sort();
    if (tags.length > 50) throw badRequest('too_many_tags', 'A ticket has at most 50 tags');
    if (!sameArray(tags, ticket.tags)) field('tags', 'tags', tags);
  }
  if (changes.followerIds !== undefined) {
    const next = [...new Set(changes.followerIds.map((x) => x.toLowerCase()))].sort();
    await assertAgents(trx, ws, next, 'followerIds');
    const prev = [...((await followersOf(trx, ws, [ticket.id])).get(ticket.id) ?? [])].sort();
    if (!sameArray(prev, next)) {
      await setFollowers(trx, ws, ticket.id, next);
      events.push({ ticketId: ticket.id, kind: 'ticket.updated', field: 'followers', oldValue: prev, newValue: next });
      changed.push('followers');
    }
  }

  // Status: an explicit change, or what a reply/assignment implies.
  let statusEvent: StatusEvent | undefined = opts.statusEvent;
  if (changes.status !== undefined) statusEvent = { type: 'set_status', to: changes.status };
  else if (!statusEvent && assignedNow) statusEvent = { type: 'assigned' };
  let effects: StatusEffect[] = [];
  if (statusEvent) {
    const r = transition(
      { status: ticket.status as TicketStatus, solvedAt: ticket.solved_at, closedAt: ticket.closed_at },
      statusEvent,
      now,
    );
    effects = r.effects;
    if (r.state.status !== ticket.status) {
      field('status', 'status', r.state.status);
      patch.solved_at = r.state.solvedAt;
      patch.closed_at = r.state.closedAt;
    }
  }

  const solving = effects.some((e) => e.type === 'solved');
  if (changes.customFields !== undefined || (solving && !opts.skipRequiredOnSolve)) {
    const defs = await fieldDefinitions(trx, ws);
    const current = ticket.custom_fields ?? {};
    const { values, errors } = validateCustomFields(defs, current, changes.customFields ?? {}, {
      solving: solving && !opts.skipRequiredOnSolve,
    });
    if (errors.length > 0) {
      const required = errors.every((e) => e.code === 'required_on_solve');
      throw new AppError(
        required ? 'required_fields_missing' : 'invalid_custom_fields',
        422,
        required ? 'Fill in the required fields before solving' : 'Some custom fields are invalid',
        { fields: errors },
      );
    }
    if (JSON.stringify(values) !== JSON.stringify(current)) {
      patch.custom_fields = JSON.stringify(values);
      events.push({ ticketId: ticket.id, kind: 'ticket.updated', field: 'custom_fields', oldValue: current, newValue: values });
      changed.push('custom_fields');
    }
  }

  const allEvents = [...events, ...(opts.extraEvents ?? [])];
  if (Object.keys(patch).length === 0 && allEvents.length === 0) return { ticket, effects, changed };
  patch.updated_at = now;
  const updated = await trx
    .updateTable('tickets')
    .set(patch)
    .where('workspace_id', '=', ws)
    .where('id', '=', ticket.id)
    .returning(TICKET_COLUMNS)
    .executeTakeFirstOrThrow();
  await recordEvents(trx, actor, allEvents, now);
  // Every change can move the SLA: another policy or target, a pause, a reply, a solve.
  await recomputeTicketSla(trx, updated, now);
  return { ticket: updated, effects, changed };
}
