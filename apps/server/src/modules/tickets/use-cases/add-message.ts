import { sql } from 'kysely';
import type { CreateMessageRequest } from '@kefu/contracts/tickets';
import { extractMentions } from '@kefu/core/mentions';
import type { TicketStatus } from '@kefu/core/ticket-status';
import type { Actor } from '../../../engine/auth/principal.js';
import type { AppContext } from '../../../engine/context.js';
import type { MessageRow, TicketRow } from '../../../engine/db/schema.js';
import { inTransaction, type Tx } from '../../../engine/db/tx.js';
import { AppError, forbidden, notFound } from '../../../engine/errors.js';
import { recordEvents } from '../../../engine/events/events.repository.js';
import { claimAttachments, insertMessage } from '../messages.repository.js';
import { appendToVector, bodyVector } from '../search-vector.js';
import { findTicket } from '../tickets.repository.js';
import { applyTicketChanges } from './apply-changes.js';
import { createTicketInTx } from './create-ticket.js';
import { solveIncidents } from './solve-incidents.js';

export interface AddMessageInput extends CreateMessageRequest {
  channel?: string;
  channelMeta?: Record<string, unknown>;
  /** Set when a customer writes (widget, portal, email, or an agent recording it via the API). */
  customerId?: string;
}

export interface AddMessageResult {
  ticket: TicketRow;
  message: MessageRow;
  /** When the ticket was closed and a customer wrote: the follow-up ticket that got the message. */
  followUp: TicketRow | null;
}

/**
 * Adds a public reply or internal note. Agent replies move new → open (or to `setStatus`),
 * customer replies reopen; a customer reply to a closed ticket creates a linked follow-up.
 * @mentions in notes notify the mentioned agents.
 */
export async function addMessageInTx(
  trx: Tx,
  actor: Actor,
  ticketRef: string,
  input: AddMessageInput,
  now: Date,
  opts: { role?: string } = {},
): Promise<AddMessageResult> {
  const ws = actor.workspaceId;
  const ticket = await findTicket(trx, ws, ticketRef, true);
  if (!ticket) throw notFound('ticket');
  if (ticket.merged_into_id)
    throw new AppError('ticket_merged', 409, 'This ticket was merged; write on the ticket it was merged into', {
      mergedIntoId: ticket.merged_into_id,
    });
  const fromCustomer = input.authorType === 'customer' || actor.type === 'customer';
  if (fromCustomer && input.kind === 'note') throw new AppError('invalid_message', 422, 'Customers cannot write internal notes');
  // Light agents write notes only: no public reply, nor a public message recorded as the customer's.
  if (input.kind === 'public' && opts.role === 'light_agent') throw forbidden('Light agents can only add internal notes');
  if (input.kind === 'note' && input.setStatus) throw new AppError('invalid_message', 422, 'setStatus goes with a public reply');

  const customerId = fromCustomer ? (input.customerId ?? (actor.type === 'customer' ? actor.id : ticket.requester_id)) : null;
  if (fromCustomer && ticket.status === 'closed') {
    const follow = await createTicketInTx(
      trx,
      actor,
      {
        subject: ticket.subject,
        body: input.body,
        requesterId: customerId ?? ticket.requester_id,
        channel: (input.channel ?? ticket.channel) as never,
        priority: ticket.priority as never,
        ...(ticket.type ? { type: ticket.type as never } : {}),
        ...(ticket.category ? { category: ticket.category } : {}),
        ...(ticket.group_id ? { groupId: ticket.group_id } : {}),
        tags: ticket.tags,
        ...(input.attachmentIds ? { attachmentIds: input.attachmentIds } : {}),
        channelMeta: input.channelMeta ?? {},
        followUpOf: ticket.id,
      },
      now,
    );
    return { ticket: follow.ticket, message: follow.message, followUp: follow.ticket };
  }

  const channel = input.kind === 'note' ? 'internal' : (input.channel ?? (fromCustomer ? ticket.channel : ticket.channel));
  const message = await insertMessage(trx, {
    workspaceId: ws,
    ticketId: ticket.id,
    kind: input.kind,
    authorType: fromCustomer ? 'customer' : actor.type === 'system' ? 'system' : 'agent',
    authorUserId: fromCustomer || actor.type !== 'user' ? null : actor.id,
    authorCustomerId: customerId,
    body: input.body,
    channel,
    channelMeta: input.channelMeta ?? {},
    createdAt: now,
  });
  if (input.attachmentIds?.length) {
    const n = await claimAttachments(trx, ws, message.id, input.attachmentIds);
    if (n !== input.attachmentIds.length) throw new AppError('attachment_not_found', 422, 'An attachment is unknown or already used');
  }
  await trx
    .updateTable('tickets')
    .set({ message_count: sql`message_count + 1`, search_vector: appendToVector(bodyVector(input.body)) })
    .where('workspace_id', '=', ws)
    .where('id', '=', ticket.id)
    .execute();

  const statusEvent = fromCustomer
    ? ({ type: 'customer_reply' } as const)
    : input.kind === 'note'
      ? ({ type: 'agent_note' } as const)
      : ({ type: 'agent_reply', setStatus: input.setStatus as TicketStatus | undefined } as const);
  const applied = await applyTicketChanges(trx, actor, ticket, {}, now, {
    statusEvent,
    extraEvents: [
      {
        ticketId: ticket.id,
        kind: 'message.created',
        newValue: { messageId: message.id, kind: message.kind, authorType: message.author_type },
      },
    ],
  });
  if (applied.effects.some((e) => e.type === 'solved') && ticket.type === 'problem') {
    await solveIncidents(trx, actor, applied.ticket, input.kind === 'public' ? input.body : null, now);
  }

  if (input.kind === 'note' && actor.type === 'user') {
    await notifyMentions(trx, actor, ticket.id, message.id, input, now);
  }
  return { ticket: applied.ticket, message, followUp: null };
}

async function notifyMentions(
  trx: Tx,
  actor: Actor,
  ticketId: string,
  messageId: string,
  input: AddMessageInput,
  now: Date,
): Promise<void> {
  const ws = actor.workspaceId;
  const parsed = extractMentions(input.body);
  const ids = new Set([...(input.mentionIds ?? []).map((x) => x.toLowerCase()), ...parsed.userIds]);
  if (parsed.groupIds.length > 0) {
    const members = await trx
      .selectFrom('group_members')
      .select('user_id')
      .where('workspace_id', '=', ws)
      .where('group_id', 'in', parsed.groupIds)
      .execute();
    for (const m of members) ids.add(m.user_id);
  }
  ids.delete(actor.id ?? '');
  if (ids.size === 0) return;
  const users = await trx
    .selectFrom('users')
    .select('id')
    .where('workspace_id', '=', ws)
    .where('id', 'in', [...ids])
    .where('is_active', '=', true)
    .execute();
  if (users.length === 0) return;
  const rows = await trx
    .insertInto('notifications')
    .values(
      users.map((u) => ({
        workspace_id: ws,
        user_id: u.id,
        kind: 'mention',
        ticket_id: ticketId,
        message_id: messageId,
        actor_id: actor.id,
        created_at: now,
      })),
    )
    .returning(['id', 'user_id'])
    .execute();
  await recordEvents(
    trx,
    actor,
    rows.map((r) => ({
      ticketId,
      subjectType: 'user',
      subjectId: r.user_id,
      kind: 'notification.created',
      newValue: { notificationId: r.id, userId: r.user_id, kind: 'mention', messageId },
    })),
    now,
  );
}

export function addMessage(ctx: AppContext, actor: Actor, ticketRef: string, input: AddMessageInput, opts: { role?: string } = {}) {
  return inTransaction(ctx, (trx) => addMessageInTx(trx, actor, ticketRef, input, ctx.clock.now(), opts));
}
