import { sql } from 'kysely';
import type { CreateTicketRequest } from '@kefu/contracts/tickets';
import { validateCustomFields } from '@kefu/core/custom-fields';
import type { Actor } from '../../../engine/auth/principal.js';
import type { AppContext } from '../../../engine/context.js';
import type { MessageRow, TicketRow } from '../../../engine/db/schema.js';
import { inTransaction, type Tx } from '../../../engine/db/tx.js';
import { AppError, badRequest } from '../../../engine/errors.js';
import { recordEvents } from '../../../engine/events/events.repository.js';
import { findCustomer, upsertRequester } from '../../customers/customers.repository.js';
import { claimAttachments, insertMessage } from '../messages.repository.js';
import { bodyVector, subjectVector } from '../search-vector.js';
import { nextTicketNumber } from '../tickets.repository.js';
import { assertAgents, assertGroup, fieldDefinitions } from './apply-changes.js';

export interface CreateTicketInput extends CreateTicketRequest {
  /** Channel-specific data of the first message (e.g. email headers). */
  channelMeta?: Record<string, unknown>;
  /** For follow-ups: the closed ticket this one continues. */
  followUpOf?: string;
}

/**
 * Creates a ticket with its first message in one transaction: requester found or created by
 * identity, number from the workspace's sequence, search vector, and the events.
 */
export async function createTicketInTx(
  trx: Tx,
  actor: Actor,
  input: CreateTicketInput,
  now: Date,
): Promise<{ ticket: TicketRow; message: MessageRow }> {
  const ws = actor.workspaceId;
  let requesterId: string;
  if (input.requesterId) {
    const c = await findCustomer(trx, ws, input.requesterId);
    if (!c) throw new AppError('customer_not_found', 422, 'No customer with that requesterId', { field: 'requesterId' });
    requesterId = c.merged_into_id ?? c.id;
  } else if (input.requester) {
    if (!input.requester.email && !input.requester.phone && !input.requester.wechatOpenId && !input.requester.visitorId) {
      throw badRequest('requester_identity_required', 'The requester needs an email, phone, WeChat openid or visitor id');
    }
    requesterId = (await upsertRequester(trx, ws, input.requester)).id;
  } else {
    throw badRequest('requester_required', 'Give requesterId or requester');
  }
  if (input.assigneeId) await assertAgents(trx, ws, [input.assigneeId], 'assigneeId');
  if (input.groupId) await assertGroup(trx, ws, input.groupId);
  let customFields = {};
  if (input.customFields && Object.keys(input.customFields).length > 0) {
    const r = validateCustomFields(await fieldDefinitions(trx, ws), {}, input.customFields, { solving: false });
    if (r.errors.length > 0) throw new AppError('invalid_custom_fields', 422, 'Some custom fields are invalid', { fields: r.errors });
    customFields = r.values;
  }
  const authoredByAgent = input.authoredBy === 'agent' && actor.type === 'user';
  const channel = input.channel ?? (actor.type === 'user' ? 'api' : 'portal');
  const tags = [...new Set((input.tags ?? []).map((t) => t.toLowerCase()))].sort();
  const number = await nextTicketNumber(trx, ws);
  const status = input.assigneeId || authoredByAgent ? 'open' : 'new';
  const ticket = await trx
    .insertInto('tickets')
    .values({
      workspace_id: ws,
      number,
      subject: input.subject,
      status,
      priority: input.priority ?? 'normal',
      type: input.type ?? null,
      category: input.category ?? null,
      channel,
      requester_id: requesterId,
      assignee_id: input.assigneeId ?? null,
      group_id: input.groupId ?? null,
      tags,
      language: input.language ?? null,
      custom_fields: JSON.stringify(customFields),
      message_count: 1,
      search_vector: sql<string>`${subjectVector(input.subject)} || ${bodyVector(input.body)}`,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const message = await insertMessage(trx, {
    workspaceId: ws,
    ticketId: ticket.id,
    kind: 'public',
    authorType: authoredByAgent ? 'agent' : 'customer',
    authorUserId: authoredByAgent ? actor.id : null,
    authorCustomerId: authoredByAgent ? null : requesterId,
    body: input.body,
    channel,
    channelMeta: input.channelMeta ?? {},
    createdAt: now,
  });
  if (input.attachmentIds?.length) {
    const n = await claimAttachments(trx, ws, message.id, input.attachmentIds);
    if (n !== input.attachmentIds.length) throw new AppError('attachment_not_found', 422, 'An attachment is unknown or already used');
  }
  const events = [
    {
      ticketId: ticket.id,
      kind: 'ticket.created',
      newValue: {
        number,
        subject: ticket.subject,
        status,
        priority: ticket.priority,
        channel,
        requesterId,
        assigneeId: ticket.assignee_id,
        groupId: ticket.group_id,
      },
    },
    { ticketId: ticket.id, kind: 'message.created', newValue: { messageId: message.id, kind: 'public', authorType: message.author_type } },
  ];
  if (input.followUpOf) {
    await trx
      .insertInto('ticket_links')
      .values({ workspace_id: ws, source_id: ticket.id, target_id: input.followUpOf, kind: 'follow_up_of' })
      .execute();
    events.push({
      ticketId: ticket.id,
      kind: 'ticket.link_added',
      newValue: { kind: 'follow_up_of', targetId: input.followUpOf },
    } as never);
    events.push({ ticketId: input.followUpOf, kind: 'ticket.follow_up_created', newValue: { followUpId: ticket.id, number } } as never);
  }
  await recordEvents(trx, actor, events, now);
  return { ticket, message };
}

export function createTicket(ctx: AppContext, actor: Actor, input: CreateTicketInput) {
  return inTransaction(ctx, (trx) => createTicketInTx(trx, actor, input, ctx.clock.now()));
}
