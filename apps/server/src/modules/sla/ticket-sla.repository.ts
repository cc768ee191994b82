import { sql } from 'kysely';
import type { SlaMetric, SlaStatus, SlaTimeline } from '@kefu/core/sla';
import type { SlaReconciliation, StoredSlaState } from '@kefu/core/sla-reconcile';
import type { TicketStatus } from '@kefu/core/ticket-status';
import type { TicketRow } from '../../engine/db/schema.js';
import type { Tx } from '../../engine/db/tx.js';

/** A ticket_sla row as json_agg / selectAll return it. */
interface SlaRowJson {
  metric: string;
  cycle: number;
  status: string;
  policy_id: string | null;
  target_minutes: number;
  business: boolean;
  started_at: string | Date;
  due_at: string | Date;
  warn_at: string | Date;
  paused_minutes: number;
  fulfilled_at: string | Date | null;
  warned_at: string | Date | null;
  breached_at: string | Date | null;
  next_fire_at: string | Date | null;
  version: number;
}

const date = (v: string | Date) => (v instanceof Date ? v : new Date(v));
const dateOrNull = (v: string | Date | null) => (v === null ? null : date(v));

export function toStoredState(r: SlaRowJson): StoredSlaState {
  return {
    metric: r.metric as SlaMetric,
    cycle: r.cycle,
    status: r.status as SlaStatus,
    policyId: r.policy_id,
    targetMinutes: Number(r.target_minutes),
    business: r.business,
    startedAt: date(r.started_at),
    dueAt: date(r.due_at),
    warnAt: date(r.warn_at),
    pausedMinutes: Number(r.paused_minutes),
    fulfilledAt: dateOrNull(r.fulfilled_at),
    warnedAt: dateOrNull(r.warned_at),
    breachedAt: dateOrNull(r.breached_at),
    nextFireAt: dateOrNull(r.next_fire_at),
    version: r.version,
  };
}

export interface TicketSlaSnapshot {
  timeline: SlaTimeline;
  stored: StoredSlaState[];
  tier: string | null;
}

type Json = string | number | boolean | null | Json[] | { [k: string]: Json };

/**
 * Everything the SLA engine reads about one ticket, in one statement: its public messages, its
 * status changes (from the events), the stored per-metric rows and, when asked, the requester's tier.
 */
export async function loadSnapshot(db: Tx, ticket: TicketRow, withTier: boolean): Promise<TicketSlaSnapshot> {
  const ws = ticket.workspace_id;
  const { rows } = await sql<{ messages: Json[][]; statuses: Json[][]; stored: SlaRowJson[]; tier: string | null }>`
    select
      (select coalesce(json_agg(json_build_array(m.created_at, m.author_type) order by m.created_at, m.id), '[]'::json)
         from messages m
        where m.workspace_id = ${ws} and m.ticket_id = ${ticket.id} and m.kind = 'public' and m.author_type in ('agent', 'customer')) as messages,
      (select coalesce(json_agg(json_build_array(e.created_at, e.kind, e.old_value, e.new_value) order by e.id), '[]'::json)
         from events e
        where e.workspace_id = ${ws} and e.ticket_id = ${ticket.id}
          and (e.kind = 'ticket.created' or (e.kind = 'ticket.updated' and e.field = 'status'))) as statuses,
      (select coalesce(json_agg(s), '[]'::json) from ticket_sla s where s.workspace_id = ${ws} and s.ticket_id = ${ticket.id}) as stored,
      ${withTier ? sql`(select c.tier from customers c where c.workspace_id = ${ws} and c.id = ${ticket.requester_id})` : sql`null::text`} as tier`.execute(
    db,
  );
  const r = rows[0]!;
  return {
    timeline: timelineOf(ticket, r.messages, r.statuses),
    stored: r.stored.map(toStoredState),
    tier: r.tier,
  };
}

function timelineOf(ticket: TicketRow, messages: Json[][], events: Json[][]): SlaTimeline {
  const statuses: Array<{ at: Date; status: TicketStatus }> = [];
  let initial: string | null = null;
  for (const [at, kind, oldValue, newValue] of events) {
    if (kind === 'ticket.created') {
      const s = (newValue as { status?: string } | null)?.status;
      if (typeof s === 'string') initial = s;
      continue;
    }
    if (typeof newValue !== 'string') continue;
    initial ??= typeof oldValue === 'string' ? oldValue : null;
    statuses.push({ at: new Date(at as string), status: newValue as TicketStatus });
  }
  statuses.unshift({ at: ticket.created_at, status: (initial ?? ticket.status) as TicketStatus });
  return {
    createdAt: ticket.created_at,
    statuses,
    messages: messages.map(([at, author]) => ({ at: new Date(at as string), author: author as 'agent' | 'customer' })),
  };
}

export async function customerTier(db: Tx, workspaceId: string, customerId: string): Promise<string | null> {
  const r = await db
    .selectFrom('customers')
    .select('tier')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', customerId)
    .executeTakeFirst();
  return r?.tier ?? null;
}

/** Another transaction changed the rows this one read: the caller's transaction must roll back. */
export class SlaWriteConflict extends Error {}

const ROW_COLUMNS = sql.raw(
  'workspace_id, ticket_id, metric, policy_id, cycle, target_minutes, business, started_at, due_at, warn_at, paused_minutes, ' +
    'fulfilled_at, status, warned_at, breached_at, next_fire_at, version, updated_at',
);
const HISTORY_COLUMNS = sql.raw(
  'workspace_id, ticket_id, metric, cycle, kind, status, at, due_at, target_minutes, paused_minutes, policy_id, within_target, ' +
    'group_id, assignee_id, channel, recorded_at',
);

/**
 * Stores a reconciliation in one statement holding only the parts it needs: the rows
 * (compare-and-set on their version), the deletions, the history (with the ticket's group,
 * assignee and channel, for the reports) and the ticket's sort key when it moved. Intake is its
 * hottest caller (two rows and their two history entries), so no JSON and no empty parts.
 */
export async function writeReconciliation(
  db: Tx,
  ticket: TicketRow,
  r: SlaReconciliation,
  nextDue: { changed: boolean; value: Date | null },
  now: Date,
): Promise<void> {
  const ws = ticket.workspace_id;
  const parts = [];
  if (r.writes.length > 0) {
    const rows = r.writes.map(({ state: s, expectedVersion }) => {
      const values = [ws, ticket.id, s.metric, s.policyId, s.cycle, s.targetMinutes, s.business, s.startedAt, s.dueAt, s.warnAt];
      const more = [s.pausedMinutes, s.fulfilledAt, s.status, s.warnedAt, s.breachedAt, s.nextFireAt, expectedVersion + 1, now];
      return sql`(${sql.join([...values, ...more])})`;
    });
    parts.push(sql`w as (
      insert into ticket_sla (${ROW_COLUMNS}) values ${sql.join(rows)}
      on conflict (workspace_id, ticket_id, metric) do update set
        policy_id = excluded.policy_id, cycle = excluded.cycle, target_minutes = excluded.target_minutes, business = excluded.business,
        started_at = excluded.started_at, due_at = excluded.due_at, warn_at = excluded.warn_at, paused_minutes = excluded.paused_minutes,
        fulfilled_at = excluded.fulfilled_at, status = excluded.status, warned_at = excluded.warned_at, breached_at = excluded.breached_at,
        next_fire_at = excluded.next_fire_at, version = excluded.version, updated_at = excluded.updated_at
        where ticket_sla.version = excluded.version - 1
      returning 1)`);
  }
  if (r.deletes.length > 0) {
    const keys = r.deletes.map((d) => sql`(${d.metric}::text, ${d.expectedVersion}::int)`);
    parts.push(sql`d as (
      delete from ticket_sla where workspace_id = ${ws} and ticket_id = ${ticket.id} and (metric, version) in (${sql.join(keys)})
      returning 1)`);
  }
  if (r.history.length > 0) {
    const rows = r.history.map((h) => {
      const values = [ws, ticket.id, h.metric, h.cycle, h.kind, h.status, h.at, h.dueAt, h.targetMinutes, h.pausedMinutes, h.policyId];
      return sql`(${sql.join([...values, h.withinTarget, ticket.group_id, ticket.assignee_id, ticket.channel, now])})`;
    });
    parts.push(sql`h as (insert into ticket_sla_history (${HISTORY_COLUMNS}) values ${sql.join(rows)} returning 1)`);
  }
  if (nextDue.changed) {
    parts.push(sql`u as (update tickets set sla_due_at = ${nextDue.value} where workspace_id = ${ws} and id = ${ticket.id} returning 1)`);
  }
  if (parts.length === 0) return;
  const count = (name: string, present: boolean) => (present ? sql.raw(`(select count(*) from ${name})`) : sql.raw('0'));
  const { rows } = await sql<{ written: number | string; deleted: number | string }>`
    with ${sql.join(parts)}
    select ${count('w', r.writes.length > 0)} as written, ${count('d', r.deletes.length > 0)} as deleted`.execute(db);
  const out = rows[0]!;
  if (Number(out.written) !== r.writes.length || Number(out.deleted) !== r.deletes.length) {
    throw new SlaWriteConflict(`ticket ${ticket.id}: SLA rows changed concurrently`);
  }
}

/**
 * A new ticket's SLA rows and history as common table expressions to append to the statement
 * that inserts the ticket (as `t`): intake then stays one statement. Empty when nothing applies.
 */
export function newTicketSlaCtes(r: SlaReconciliation | null, now: Date) {
  if (!r || r.writes.length + r.history.length === 0) return sql``;
  const parts = [];
  if (r.writes.length > 0) {
    const rows = r.writes.map(
      ({ state: s, expectedVersion }) =>
        sql`(${s.metric}::text, ${s.policyId}::uuid, ${s.cycle}::int, ${s.targetMinutes}::float8, ${s.business}::boolean,
             ${s.startedAt}::timestamptz, ${s.dueAt}::timestamptz, ${s.warnAt}::timestamptz, ${s.pausedMinutes}::float8,
             ${s.fulfilledAt}::timestamptz, ${s.status}::text, ${s.warnedAt}::timestamptz, ${s.breachedAt}::timestamptz,
             ${s.nextFireAt}::timestamptz, ${expectedVersion + 1}::int)`,
    );
    parts.push(sql`sla_rows as (
      insert into ticket_sla (${ROW_COLUMNS})
      select t.workspace_id, t.id, v.metric, v.policy_id, v.cycle, v.target_minutes, v.business, v.started_at, v.due_at, v.warn_at,
             v.paused_minutes, v.fulfilled_at, v.status, v.warned_at, v.breached_at, v.next_fire_at, v.version, ${now}::timestamptz
      from t, (values ${sql.join(rows)}) as v(metric, policy_id, cycle, target_minutes, business, started_at, due_at, warn_at,
           paused_minutes, fulfilled_at, status, warned_at, breached_at, next_fire_at, version))`);
  }
  if (r.history.length > 0) {
    const rows = r.history.map(
      (h) =>
        sql`(${h.metric}::text, ${h.cycle}::int, ${h.kind}::text, ${h.status}::text, ${h.at}::timestamptz, ${h.dueAt}::timestamptz,
             ${h.targetMinutes}::float8, ${h.pausedMinutes}::float8, ${h.policyId}::uuid, ${h.withinTarget}::boolean)`,
    );
    parts.push(sql`sla_history as (
      insert into ticket_sla_history (${HISTORY_COLUMNS})
      select t.workspace_id, t.id, v.metric, v.cycle, v.kind, v.status, v.at, v.due_at, v.target_minutes, v.paused_minutes, v.policy_id,
             v.within_target, t.group_id, t.assignee_id, t.channel, ${now}::timestamptz
      from t, (values ${sql.join(rows)}) as v(metric, cycle, kind, status, at, due_at, target_minutes, paused_minutes, policy_id,
           within_target))`);
  }
  return sql`, ${sql.join(parts)}`;
}

/** The stored rows of several tickets (ticket lists). */
export async function statesOf(db: Tx, workspaceId: string, ticketIds: readonly string[]): Promise<Map<string, StoredSlaState[]>> {
  const map = new Map<string, StoredSlaState[]>();
  if (ticketIds.length === 0) return map;
  const rows = await db
    .selectFrom('ticket_sla')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('ticket_id', 'in', ticketIds)
    .execute();
  for (const r of rows) map.set(r.ticket_id, [...(map.get(r.ticket_id) ?? []), toStoredState(r)]);
  return map;
}

export async function historyOf(db: Tx, workspaceId: string, ticketId: string, limit = 500) {
  return db
    .selectFrom('ticket_sla_history')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('ticket_id', '=', ticketId)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** Tickets with a timer at or before `now`, soonest first. */
export async function dueTickets(db: Tx, now: Date, limit: number): Promise<Array<{ workspaceId: string; ticketId: string }>> {
  const rows = await db
    .selectFrom('ticket_sla')
    .select(['workspace_id', 'ticket_id'])
    .where('next_fire_at', 'is not', null)
    .where('next_fire_at', '<=', now)
    .orderBy('next_fire_at')
    .limit(limit)
    .execute();
  const seen = new Set<string>();
  const out: Array<{ workspaceId: string; ticketId: string }> = [];
  for (const r of rows) {
    if (seen.has(r.ticket_id)) continue;
    seen.add(r.ticket_id);
    out.push({ workspaceId: r.workspace_id, ticketId: r.ticket_id });
  }
  return out;
}

/** The earliest pending timer of all workspaces (the sweeper sleeps until then, or its interval). */
export async function nextTimer(db: Tx): Promise<Date | null> {
  const r = await db
    .selectFrom('ticket_sla')
    .select('next_fire_at')
    .where('next_fire_at', 'is not', null)
    .orderBy('next_fire_at')
    .limit(1)
    .executeTakeFirst();
  return r?.next_fire_at ?? null;
}

/** Puts a ticket's due timers off (a recompute that keeps failing must not spin the sweeper); how many. */
export async function postponeTimers(db: Tx, workspaceId: string, ticketId: string, until: Date, now: Date): Promise<number> {
  const r = await db
    .updateTable('ticket_sla')
    .set({ next_fire_at: until })
    .where('workspace_id', '=', workspaceId)
    .where('ticket_id', '=', ticketId)
    .where('next_fire_at', '<=', now)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
