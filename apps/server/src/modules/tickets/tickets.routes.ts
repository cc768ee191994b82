import { Type } from '@sinclair/typebox';
import { ErrorEnvelope, Ok, Page, Uuid } from '@kefu/contracts/common';
import {
  BulkUpdateResult,
  BulkUpdateTicketsRequest,
  CreateLinkRequest,
  CreateMessageRequest,
  CreateTicketRequest,
  ListTicketsQuery,
  MergeTicketRequest,
  Message,
  Ticket,
  TicketEvent,
  TicketFilters,
  TicketIdParams,
  TicketLink,
  UpdateTicketRequest,
} from '@kefu/contracts/tickets';
import { actorOf } from '../../engine/auth/principal.js';
import { agentOf } from '../../engine/auth/auth.hooks.js';
import type { AppContext } from '../../engine/context.js';
import { notFound } from '../../engine/errors.js';
import { typed, type TypedApp } from '../../engine/http/app.js';
import { findView } from '../views/views.repository.js';
import { hydrateMessages, messagesOf } from './messages.repository.js';
import { findTicket, listTickets } from './tickets.repository.js';
import { ticketDto, ticketDtos, ticketEvents, ticketLinks } from './tickets.queries.js';
import { toTicket } from './tickets.serializer.js';
import { addMessage } from './use-cases/add-message.js';
import { createTicket } from './use-cases/create-ticket.js';
import { linkTickets, unlinkTickets } from './use-cases/link-tickets.js';
import { mergeTickets } from './use-cases/merge-tickets.js';
import { bulkUpdateTickets, updateTicket } from './use-cases/update-ticket.js';

const tags = ['tickets'];
const errors = { 400: ErrorEnvelope, 401: ErrorEnvelope, 403: ErrorEnvelope, 404: ErrorEnvelope, 409: ErrorEnvelope, 422: ErrorEnvelope };
const csv = <T extends string>(s: string | undefined) => (s ? (s.split(',') as T[]) : undefined);

export function ticketRoutes(app: TypedApp, ctx: AppContext): void {
  const api = typed(app);
  const db = ctx.database.db;

  api.post(
    '/tickets',
    {
      schema: { tags, summary: 'Create a ticket with its first message', body: CreateTicketRequest, response: { 201: Ticket, ...errors } },
      config: { access: { role: 'agent' } },
    },
    async (req, reply) => {
      const p = agentOf(req);
      const { ticket, requester, sla } = await createTicket(ctx, actorOf(p), req.body);
      // A new ticket has no followers yet, and a just-created requester is known: no re-read.
      const dto = requester ? toTicket(ticket, [], requester, sla) : await ticketDto(db, p.workspaceId, ticket);
      return reply.status(201).send(dto);
    },
  );

  api.get(
    '/tickets',
    {
      schema: {
        tags,
        summary: 'List tickets with filters, sorted, cursor-paginated',
        querystring: ListTicketsQuery,
        response: { 200: Page(Ticket), ...errors },
      },
    },
    async (req) => {
      const p = agentOf(req);
      const q = req.query;
      let filters: TicketFilters = {
        status: csv(q.status),
        priority: csv(q.priority),
        channel: csv(q.channel),
        assignee: q.assignee,
        group: q.group,
        tag: q.tag,
        requesterId: q.requesterId,
        type: q.type,
        q: q.q,
        updatedWithinDays: q.updatedWithinDays,
      };
      let sort = q.sort;
      if (q.viewId) {
        const view = await findView(db, p.workspaceId, p.userId, q.viewId);
        if (!view) throw notFound('view');
        filters = { ...(view.filters as TicketFilters), ...Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined)) };
        sort ??= view.sort as NonNullable<typeof sort>;
      }
      const page = await listTickets(db, {
        workspaceId: p.workspaceId,
        userId: p.userId,
        filters: Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined)) as TicketFilters,
        sort: sort ?? 'updated_desc',
        cursor: q.cursor,
        limit: q.limit ?? 25,
        now: ctx.clock.now(),
      });
      return { items: await ticketDtos(db, p.workspaceId, page.rows), nextCursor: page.nextCursor };
    },
  );

  api.get(
    '/tickets/:id',
    {
      schema: { tags, summary: 'Get a ticket by id or number', params: TicketIdParams, response: { 200: Ticket, ...errors } },
    },
    async (req) => {
      const p = agentOf(req);
      const t = await findTicket(db, p.workspaceId, req.params.id);
      if (!t) throw notFound('ticket');
      return ticketDto(db, p.workspaceId, t);
    },
  );

  api.patch(
    '/tickets/:id',
    {
      schema: {
        tags,
        summary: 'Update ticket fields and status',
        params: TicketIdParams,
        body: UpdateTicketRequest,
        response: { 200: Ticket, ...errors },
      },
      config: { access: { role: 'agent' } },
    },
    async (req) => {
      const p = agentOf(req);
      const t = await updateTicket(ctx, actorOf(p), req.params.id, req.body);
      return ticketDto(db, p.workspaceId, t);
    },
  );

  api.post(
    '/tickets/bulk',
    {
      schema: {
        tags,
        summary: 'Apply the same changes to up to 100 tickets',
        body: BulkUpdateTicketsRequest,
        response: { 200: BulkUpdateResult, ...errors },
      },
      config: { access: { role: 'agent' } },
    },
    async (req) => bulkUpdateTickets(ctx, actorOf(agentOf(req)), req.body),
  );

  api.get(
    '/tickets/:id/messages',
    {
      schema: {
        tags,
        summary: 'The thread: public replies and internal notes',
        params: TicketIdParams,
        response: { 200: Type.Object({ items: Type.Array(Message) }), ...errors },
      },
    },
    async (req) => {
      const p = agentOf(req);
      const t = await findTicket(db, p.workspaceId, req.params.id);
      if (!t) throw notFound('ticket');
      const rows = await messagesOf(db, p.workspaceId, t.id, { includeNotes: true });
      return { items: await hydrateMessages(db, p.workspaceId, rows) };
    },
  );

  api.post(
    '/tickets/:id/messages',
    {
      schema: {
        tags,
        summary: 'Add a public reply or an internal note (light agents: notes only)',
        params: TicketIdParams,
        body: CreateMessageRequest,
        response: { 201: Type.Object({ message: Message, ticket: Ticket, followUpCreated: Type.Boolean() }), ...errors },
      },
    },
    async (req, reply) => {
      const p = agentOf(req);
      const r = await addMessage(ctx, actorOf(p), req.params.id, req.body, { role: p.role });
      const [message] = await hydrateMessages(db, p.workspaceId, [r.message]);
      return reply
        .status(201)
        .send({ message: message!, ticket: await ticketDto(db, p.workspaceId, r.ticket), followUpCreated: r.followUp !== null });
    },
  );

  api.post(
    '/tickets/:id/merge',
    {
      schema: {
        tags,
        summary: 'Merge this ticket into another',
        params: TicketIdParams,
        body: MergeTicketRequest,
        response: { 200: Type.Object({ source: Ticket, target: Ticket }), ...errors },
      },
      config: { access: { role: 'agent' } },
    },
    async (req) => {
      const p = agentOf(req);
      const r = await mergeTickets(ctx, actorOf(p), req.params.id, req.body.targetId, req.body.comment);
      const [source, target] = await ticketDtos(db, p.workspaceId, [r.source, r.target]);
      return { source: source!, target: target! };
    },
  );

  api.get(
    '/tickets/:id/links',
    {
      schema: {
        tags,
        summary: 'Problem/incident, follow-up, merge and related links',
        params: TicketIdParams,
        response: { 200: Type.Object({ items: Type.Array(TicketLink) }), ...errors },
      },
    },
    async (req) => {
      const p = agentOf(req);
      const t = await findTicket(db, p.workspaceId, req.params.id);
      if (!t) throw notFound('ticket');
      return { items: await ticketLinks(db, p.workspaceId, t.id) };
    },
  );

  api.post(
    '/tickets/:id/links',
    {
      schema: {
        tags,
        summary: 'Link to another ticket (incident_of a problem, or related)',
        params: TicketIdParams,
        body: CreateLinkRequest,
        response: { 201: Type.Object({ id: Uuid }), ...errors },
      },
      config: { access: { role: 'agent' } },
    },
    async (req, reply) => reply.status(201).send(await linkTickets(ctx, actorOf(agentOf(req)), req.params.id, req.body)),
  );

  api.delete(
    '/tickets/:id/links/:linkId',
    {
      schema: {
        tags,
        summary: 'Remove a link',
        params: Type.Object({ id: TicketIdParams.properties.id, linkId: Uuid }),
        response: { 200: Ok, ...errors },
      },
      config: { access: { role: 'agent' } },
    },
    async (req) => {
      await unlinkTickets(ctx, actorOf(agentOf(req)), req.params.id, req.params.linkId);
      return { ok: true as const };
    },
  );

  api.get(
    '/tickets/:id/events',
    {
      schema: {
        tags,
        summary: 'Every change to the ticket: actor, time, field, old → new',
        params: TicketIdParams,
        querystring: Type.Object(
          {
            after: Type.Optional(Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 200 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ items: Type.Array(TicketEvent) }), ...errors },
      },
    },
    async (req) => {
      const p = agentOf(req);
      const t = await findTicket(db, p.workspaceId, req.params.id);
      if (!t) throw notFound('ticket');
      return { items: await ticketEvents(db, p.workspaceId, t.id, req.query.after ?? 0, req.query.limit ?? 200) };
    },
  );
}
