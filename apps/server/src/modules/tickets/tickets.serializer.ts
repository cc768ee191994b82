import type { TicketSlaSummary } from '@kefu/contracts/sla-state';
import type { Message, Ticket, TicketEvent } from '@kefu/contracts/tickets';
import type { EventRow, MessageRow, TicketRow } from '../../engine/db/schema.js';
import type { RequesterSummary } from './tickets.repository.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toTicket(
  r: TicketRow,
  followerIds: readonly string[],
  requester?: RequesterSummary,
  sla?: TicketSlaSummary | null,
): Ticket {
  return {
    id: r.id,
    number: Number(r.number),
    subject: r.subject,
    status: r.status as Ticket['status'],
    priority: r.priority as Ticket['priority'],
    type: r.type as Ticket['type'],
    category: r.category,
    channel: r.channel,
    requesterId: r.requester_id,
    ...(requester ? { requester } : {}),
    assigneeId: r.assignee_id,
    groupId: r.group_id,
    tags: r.tags,
    followerIds: [...followerIds],
    language: r.language,
    customFields: r.custom_fields ?? {},
    mergedIntoId: r.merged_into_id,
    messageCount: r.message_count,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    solvedAt: iso(r.solved_at),
    closedAt: iso(r.closed_at),
    ...(sla ? { sla } : {}),
  };
}

export function toMessage(r: MessageRow, author: Message['author'], attachments: Message['attachments']): Message {
  return {
    id: r.id,
    ticketId: r.ticket_id,
    kind: r.kind as Message['kind'],
    authorType: r.author_type as Message['authorType'],
    author,
    body: r.body,
    channel: r.channel,
    channelMeta: r.channel_meta ?? {},
    deliveryStatus: r.delivery_status,
    attachments,
    createdAt: r.created_at.toISOString(),
  };
}

export function toEvent(r: EventRow, actorName: string | null): TicketEvent {
  return {
    id: Number(r.id),
    ticketId: r.ticket_id,
    kind: r.kind,
    field: r.field,
    oldValue: r.old_value ?? null,
    newValue: r.new_value ?? null,
    data: r.data ?? null,
    actor: { type: r.actor_type, id: r.actor_id, name: actorName },
    createdAt: r.created_at.toISOString(),
  };
}
