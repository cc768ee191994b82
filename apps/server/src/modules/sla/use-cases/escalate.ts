import type { SlaFiring } from '@kefu/core/sla-reconcile';
import { TICKET_PRIORITIES } from '@kefu/core/ticket-status';
import { systemActor } from '../../../engine/auth/principal.js';
import type { TicketRow, TicketUpdate } from '../../../engine/db/schema.js';
import type { Tx } from '../../../engine/db/tx.js';
import { recordEvents, type EventInput } from '../../../engine/events/events.repository.js';
import { TICKET_COLUMNS } from '../../tickets/tickets.repository.js';
import { activeUsers, existingGroups, type SlaPolicyRecord } from '../sla-policies.repository.js';

/**
 * The policy's built-in escalation on a breach, in the breach's transaction: raise the priority
 * one step, move the ticket to a group (unassigned, so the group picks it up), notify supervisors.
 * Every change is an event of the system actor with `data.reason = "sla_breached"`. Returns the
 * changed ticket, or null when the ticket row did not change.
 */
export async function escalate(
  trx: Tx,
  ticket: TicketRow,
  policy: SlaPolicyRecord,
  breaches: readonly SlaFiring[],
  now: Date,
): Promise<TicketRow | null> {
  const e = policy.escalation;
  const ws = ticket.workspace_id;
  const data = { reason: 'sla_breached', policyId: policy.id, metrics: breaches.map((b) => b.metric) };
  const patch: TicketUpdate = {};
  const events: EventInput[] = [];
  const change = (field: string, col: 'priority' | 'group_id' | 'assignee_id', from: unknown, to: string | null) => {
    (patch as Record<string, unknown>)[col] = to;
    events.push({ ticketId: ticket.id, kind: 'ticket.updated', field, oldValue: from, newValue: to, data });
  };
  if (e.raisePriority) {
    const next = TICKET_PRIORITIES[TICKET_PRIORITIES.indexOf(ticket.priority as never) + 1];
    if (next) change('priority', 'priority', ticket.priority, next);
  }
  if (e.groupId && e.groupId !== ticket.group_id && (await existingGroups(trx, ws, [e.groupId])).has(e.groupId)) {
    change('group', 'group_id', ticket.group_id, e.groupId);
    if (ticket.assignee_id) change('assignee', 'assignee_id', ticket.assignee_id, null);
  }
  const notify = [...(await activeUsers(trx, ws, e.notifyUserIds ?? []))];
  if (notify.length > 0) {
    const rows = await trx
      .insertInto('notifications')
      .values(notify.map((userId) => ({ workspace_id: ws, user_id: userId, kind: 'sla_breached', ticket_id: ticket.id, created_at: now })))
      .returning(['id', 'user_id'])
      .execute();
    for (const r of rows)
      events.push({
        ticketId: ticket.id,
        subjectType: 'user',
        subjectId: r.user_id,
        kind: 'notification.created',
        newValue: { notificationId: r.id, userId: r.user_id, kind: 'sla_breached', metrics: data.metrics },
      });
  }
  let updated: TicketRow | null = null;
  if (Object.keys(patch).length > 0) {
    patch.updated_at = now;
    updated = await trx
      .updateTable('tickets')
      .set(patch)
      .where('workspace_id', '=', ws)
      .where('id', '=', ticket.id)
      .returning(TICKET_COLUMNS)
      .executeTakeFirstOrThrow();
  }
  await recordEvents(trx, systemActor(ws), events, now);
  return updated;
}
