import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { TicketSlaSummary } from '@kefu/contracts/sla-state';
import type { CreateTicketRequest } from '@kefu/contracts/tickets';
import { validateCustomFields } from '@kefu/core/custom-fields';
import type { Actor } from '../../../engine/auth/principal.js';
import type { AppContext } from '../../../engine/context.js';
import type { MessageRow, TicketRow } from '../../../engine/db/schema.js';
import { inTransaction, type Tx } from '../../../engine/db/tx.js';
import { AppError, badRequest } from '../../../engine/errors.js';
import { recordEvents, type EventInput } from '../../../engine/events/events.repository.js';
import { findCustomer, upsertRequester } from '../../customers/customers.repository.js';
import { newTicketSlaCtes } from '../../sla/ticket-sla.repository.js';
import { newTicketSlaSummary, planNewTicketSla } from '../../sla/use-cases/recompute-ticket-sla.js';
import { claimAttachments } from '../messages.repository.js';
import { bodyVector, subjectVector } from '../search-vector.js';
import { TICKET_COLUMNS, sequenceName, type RequesterSummary } from '../tickets.repository.js';
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
): Promise<{ ticket: TicketRow; message: MessageRow; requester: RequesterSummary | null; sla: TicketSlaSummary | null }> {
  const ws = actor.workspaceId;
  let requesterId: string;
  /** Known when the requester was just created, so the response needs no extra query. */
  let requester: RequesterSummary | null = null;
  if (input.requesterId) {
    const c = await findCustomer(trx, ws, input.requesterId);
    if (!c) throw new AppError('customer_not_found', 422, 'No customer with that requesterId', { field: 'requesterId' });
    requesterId = c.merged_into_id ?? c.id;
  } else if (input.requester) {
    if (!input.requester.email && !input.requester.phone && !input.requester.wechatOpenId && !input.requester.visitorId) {
      throw badRequest('requester_identity_required', 'The requester needs an email, phone, WeChat openid or visitor id');
    }
    const r = await upsertRequester(trx, ws, input.requester);
    requesterId = r.id;
    if (r.created && r.name) requester = { id: r.id, name: r.name, email: r.email };
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
  const status = input.assigneeId || authoredByAgent ? 'open' : 'new';
  const priority = input.priority ?? 'normal';
  const ticketId = randomUUID();
  const message: MessageRow = {
    id: randomUUID(),
    workspace_id: ws,
    ticket_id: ticketId,
    kind: 'public',
    author_type: authoredByAgent ? 'agent' : 'customer',
    author_user_id: authoredByAgent ? actor.id : null,
    author_customer_id: authoredByAgent ? null : requesterId,
    body: input.body,
    channel,
    channel_meta: input.channelMeta ?? {},
    delivery_status: null,
    created_at: now,
  };
  const created = {
    subject: input.subject,
    status,
    priority,
    channel,
    requesterId,
    assigneeId: input.assigneeId ?? null,
    groupId: input.groupId ?? null,
  };
  // Its SLA is known before it exists: the sort key and the SLA rows go into the same statement.
  const sla = await planNewTicketSla(
    trx,
    {
      workspace_id: ws,
      status,
      priority,
      type: input.type ?? null,
      channel,
      group_id: input.groupId ?? null,
      category: input.category ?? null,
      tags,
      requester_id: requesterId,
      created_at: now,
    },
    authoredByAgent ? 'agent' : 'customer',
    now,
  );
  // One statement: the ticket (numbered by the workspace's sequence), its first message, both
  // events and its SLA. Fewer statements is what makes intake fast, on PGlite above all (docs/benchmarks.md).
  const { rows } = await sql<TicketRow>`
    with t as (
      insert into tickets (id, workspace_id, number, subject, status, priority, type, category, channel, requester_id,
                           assignee_id, group_id, tags, language, custom_fields, message_count, search_vector, created_at, updated_at,
                           sla_due_at)
      values (${ticketId}, ${ws}, nextval(${sequenceName(ws)}::regclass), ${input.subject}, ${status}, ${priority},
              ${input.type ?? null}, ${input.category ?? null}, ${channel}, ${requesterId}, ${input.assigneeId ?? null},
              ${input.groupId ?? null}, ${tags}::text[], ${input.language ?? null}, ${JSON.stringify(customFields)}::jsonb, 1,
              ${subjectVector(input.subject)} || ${bodyVector(input.body)}, ${now}, ${now}, ${sla?.after ?? null}::timestamptz)
      returning ${sql.join(TICKET_COLUMNS.map((c) => sql.ref(c)))}
    ), m as (
      insert into messages (id, workspace_id, ticket_id, kind, author_type, author_user_id, author_customer_id, body, channel,
                            channel_meta, created_at)
      select ${message.id}::uuid, t.workspace_id, t.id, 'public', ${message.author_type}::text, ${message.author_user_id}::uuid,
             ${message.author_customer_id}::uuid, ${message.body}::text, t.channel, ${JSON.stringify(message.channel_meta)}::jsonb, t.created_at
      from t
    ), e as (
      insert into events (workspace_id, ticket_id, subject_type, subject_id, actor_type, actor_id, kind, new_value, created_at)
      select t.workspace_id, t.id, 'ticket', t.id, ${actor.type}::text, ${actor.id}::uuid, 'ticket.created',
             ${JSON.stringify(created)}::jsonb || jsonb_build_object('number', t.number), t.created_at
      from t
      union all
      select t.workspace_id, t.id, 'ticket', t.id, ${actor.type}::text, ${actor.id}::uuid, 'message.created',
             ${JSON.stringify({ messageId: message.id, kind: 'public', authorType: message.author_type })}::jsonb, t.created_at
      from t
    )${newTicketSlaCtes(sla?.reconciliation ?? null, now)}
    select * from t`.execute(trx);
  const ticket = rows[0]!;
  if (input.attachmentIds?.length) {
    const n = await claimAttachments(trx, ws, message.id, input.attachmentIds);
    if (n !== input.attachmentIds.length) throw new AppError('attachment_not_found', 422, 'An attachment is unknown or already used');
  }
  const number = Number(ticket.number);
  const events: EventInput[] = [];
  if (input.followUpOf) {
    await trx
      .insertInto('ticket_links')
      .values({ workspace_id: ws, source_id: ticket.id, target_id: input.followUpOf, kind: 'follow_up_of' })
      .execute();
    events.push({ ticketId: ticket.id, kind: 'ticket.link_added', newValue: { kind: 'follow_up_of', targetId: input.followUpOf } });
    events.push({ ticketId: input.followUpOf, kind: 'ticket.follow_up_created', newValue: { followUpId: ticket.id, number } });
  }
  await recordEvents(trx, actor, events, now);
  return { ticket, message, requester, sla: newTicketSlaSummary(sla) };
}

export function createTicket(ctx: AppContext, actor: Actor, input: CreateTicketInput) {
  return inTransaction(ctx, (trx) => createTicketInTx(trx, actor, input, ctx.clock.now()));
}
