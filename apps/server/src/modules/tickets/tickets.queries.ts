import type { Ticket, TicketEvent, TicketLink } from '@kefu/contracts/tickets';
import type { TicketRow } from '../../engine/db/schema.js';
import type { Tx } from '../../engine/db/tx.js';
import { slaSummaries } from '../sla/sla-summaries.js';
import { followersOf, requesterSummaries } from './tickets.repository.js';
import { toEvent, toTicket } from './tickets.serializer.js';

/** Ticket rows as DTOs, with followers and requester summaries batched. */
export async function ticketDtos(db: Tx, workspaceId: string, rows: readonly TicketRow[]): Promise<Ticket[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [followers, requesters, sla] = await Promise.all([
    followersOf(db, workspaceId, ids),
    requesterSummaries(
      db,
      workspaceId,
      rows.map((r) => r.requester_id),
    ),
    slaSummaries(db, workspaceId, ids),
  ]);
  return rows.map((r) => toTicket(r, followers.get(r.id) ?? [], requesters.get(r.requester_id), sla.get(r.id)));
}

export async function ticketDto(db: Tx, workspaceId: string, row: TicketRow): Promise<Ticket> {
  const [dto] = await ticketDtos(db, workspaceId, [row]);
  return dto!;
}

export async function ticketEvents(db: Tx, workspaceId: string, ticketId: string, afterId: number, limit: number): Promise<TicketEvent[]> {
  const rows = await db
    .selectFrom('events as e')
    .leftJoin('users as u', (j) => j.onRef('u.id', '=', 'e.actor_id').onRef('u.workspace_id', '=', 'e.workspace_id'))
    .leftJoin('customers as c', (j) => j.onRef('c.id', '=', 'e.actor_id').onRef('c.workspace_id', '=', 'e.workspace_id'))
    .selectAll('e')
    .select(['u.name as user_name', 'c.name as customer_name'])
    .where('e.workspace_id', '=', workspaceId)
    .where('e.ticket_id', '=', ticketId)
    .where('e.id', '>', afterId)
    .orderBy('e.id')
    .limit(limit)
    .execute();
  return rows.map((r) => toEvent(r, r.user_name ?? r.customer_name ?? null));
}

export async function ticketLinks(db: Tx, workspaceId: string, ticketId: string): Promise<TicketLink[]> {
  const out = await db
    .selectFrom('ticket_links as l')
    .innerJoin('tickets as t', (j) => j.onRef('t.id', '=', 'l.target_id').onRef('t.workspace_id', '=', 'l.workspace_id'))
    .select(['l.id', 'l.kind', 'l.created_at', 't.id as tid', 't.number', 't.subject', 't.status'])
    .where('l.workspace_id', '=', workspaceId)
    .where('l.source_id', '=', ticketId)
    .execute();
  const inc = await db
    .selectFrom('ticket_links as l')
    .innerJoin('tickets as t', (j) => j.onRef('t.id', '=', 'l.source_id').onRef('t.workspace_id', '=', 'l.workspace_id'))
    .select(['l.id', 'l.kind', 'l.created_at', 't.id as tid', 't.number', 't.subject', 't.status'])
    .where('l.workspace_id', '=', workspaceId)
    .where('l.target_id', '=', ticketId)
    .execute();
  const map =
    (direction: 'outgoing' | 'incoming') =>
    (r: (typeof out)[number]): TicketLink => ({
      id: r.id,
      kind: r.kind as TicketLink['kind'],
      direction,
      ticket: { id: r.tid, number: Number(r.number), subject: r.subject, status: r.status as TicketLink['ticket']['status'] },
      createdAt: r.created_at.toISOString(),
    });
  return [...out.map(map('outgoing')), ...inc.map(map('incoming'))];
}
