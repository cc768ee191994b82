import { Type } from '@sinclair/typebox';
import { ErrorEnvelope, IdParams, Ok } from '@kefu/contracts/common';
import {
  CommitmentQuery,
  CommitmentResponse,
  CreateSlaPolicyRequest,
  ReorderSlaPoliciesRequest,
  SlaPolicy,
  SlaReport,
  SlaReportQuery,
  TicketSla,
  UpdateSlaPolicyRequest,
} from '@kefu/contracts/sla';
import { TicketIdParams } from '@kefu/contracts/tickets';
import { explainMatch, matchPolicy, type SlaTicketFacts } from '@kefu/core/sla';
import { commitmentLanguage, replyCommitment } from '@kefu/core/sla-commitment';
import type { TicketPriority } from '@kefu/core/ticket-status';
import { agentOf } from '../../engine/auth/auth.hooks.js';
import { actorOf } from '../../engine/auth/principal.js';
import type { AppContext } from '../../engine/context.js';
import { AppError, badRequest, notFound } from '../../engine/errors.js';
import { typed, type TypedApp } from '../../engine/http/app.js';
import { findTicket } from '../tickets/tickets.repository.js';
import { workspacePolicies } from './sla-cache.js';
import { findPolicy, listPolicies, toSlaPolicy } from './sla-policies.repository.js';
import { slaReport } from './sla-reports.repository.js';
import { toHistoryEntry, toSummary } from './sla.serializer.js';
import { customerTier, historyOf, statesOf } from './ticket-sla.repository.js';
import { factsOf } from './use-cases/recompute-ticket-sla.js';
import { createPolicy, deletePolicy, reorderPolicies, updatePolicy } from './use-cases/manage-policies.js';

const tags = ['sla'];
const errors = { 400: ErrorEnvelope, 401: ErrorEnvelope, 403: ErrorEnvelope, 404: ErrorEnvelope, 409: ErrorEnvelope, 422: ErrorEnvelope };
const DAY = 86_400_000;

export function slaRoutes(app: TypedApp, ctx: AppContext): void {
  const api = typed(app);
  const db = ctx.database.db;

  api.get(
    '/sla/policies',
    {
      schema: {
        tags,
        summary: 'SLA policies in order (the first that matches a ticket applies)',
        response: { 200: Type.Object({ items: Type.Array(SlaPolicy) }), ...errors },
      },
    },
    async (req) => ({ items: (await listPolicies(db, agentOf(req).workspaceId)).map(toSlaPolicy) }),
  );

  api.post(
    '/sla/policies',
    {
      schema: {
        tags,
        summary: 'Create an SLA policy (at `position`, default last)',
        body: CreateSlaPolicyRequest,
        response: { 201: SlaPolicy, ...errors },
      },
      config: { access: { role: 'admin', scope: 'admin' } },
    },
    async (req, reply) => reply.status(201).send(toSlaPolicy(await createPolicy(ctx, actorOf(agentOf(req)), req.body))),
  );

  api.post(
    '/sla/policies/reorder',
    {
      schema: {
        tags,
        summary: 'Put the given policies first, in this order (the others follow in their order)',
        body: ReorderSlaPoliciesRequest,
        response: { 200: Type.Object({ items: Type.Array(SlaPolicy) }), ...errors },
      },
      config: { access: { role: 'admin', scope: 'admin' } },
    },
    async (req) => ({ items: (await reorderPolicies(ctx, actorOf(agentOf(req)), req.body.policyIds)).map(toSlaPolicy) }),
  );

  api.get(
    '/sla/policies/:id',
    { schema: { tags, summary: 'One SLA policy', params: IdParams, response: { 200: SlaPolicy, ...errors } } },
    async (req) => {
      const p = await findPolicy(db, agentOf(req).workspaceId, req.params.id);
      if (!p) throw notFound('sla_policy');
      return toSlaPolicy(p);
    },
  );

  api.patch(
    '/sla/policies/:id',
    {
      schema: {
        tags,
        summary: 'Change an SLA policy; open tickets are re-evaluated',
        params: IdParams,
        body: UpdateSlaPolicyRequest,
        response: { 200: SlaPolicy, ...errors },
      },
      config: { access: { role: 'admin', scope: 'admin' } },
    },
    async (req) => toSlaPolicy(await updatePolicy(ctx, actorOf(agentOf(req)), req.params.id, req.body)),
  );

  api.delete(
    '/sla/policies/:id',
    {
      schema: { tags, summary: 'Delete an SLA policy; open tickets are re-evaluated', params: IdParams, response: { 200: Ok, ...errors } },
      config: { access: { role: 'admin', scope: 'admin' } },
    },
    async (req) => {
      await deletePolicy(ctx, actorOf(agentOf(req)), req.params.id);
      return { ok: true as const };
    },
  );

  api.get(
    '/sla/commitment',
    {
      schema: {
        tags,
        summary: 'The first-reply commitment for a ticket like this, as a sentence (agents and customer tokens)',
        querystring: CommitmentQuery,
        response: { 200: CommitmentResponse, ...errors },
      },
      config: { access: { auth: 'any' } },
    },
    async (req) => {
      const p = req.principal!;
      const q = req.query;
      const isCustomer = p.kind === 'customer';
      const facts: SlaTicketFacts = {
        priority: q.priority ?? 'normal',
        type: q.type ?? null,
        channel: q.channel ?? (isCustomer ? 'portal' : 'api'),
        groupId: q.groupId ?? null,
        category: q.category ?? null,
        tags: q.tags ? q.tags.toLowerCase().split(',') : [],
        // A customer's own tier, never one they claim.
        customerTier: isCustomer ? await customerTier(db, p.workspaceId, p.customerId) : (q.tier ?? null),
      };
      const policy = matchPolicy((await workspacePolicies(db, p.workspaceId)).active, facts);
      const target = policy?.targets[facts.priority as TicketPriority]?.first_reply ?? null;
      const lang = commitmentLanguage(q.lang);
      return {
        policyId: isCustomer ? null : (policy?.id ?? null),
        policyName: isCustomer ? null : (policy?.name ?? null),
        target,
        lang,
        text: target ? replyCommitment(target, lang) : null,
      };
    },
  );

  api.get(
    '/tickets/:id/sla',
    {
      schema: {
        tags,
        summary: 'SLA of a ticket: each metric, the history, and which policy applies and why',
        params: TicketIdParams,
        response: { 200: TicketSla, ...errors },
      },
    },
    async (req) => {
      const p = agentOf(req);
      const ticket = await findTicket(db, p.workspaceId, req.params.id);
      if (!ticket) throw notFound('ticket');
      const policies = await listPolicies(db, p.workspaceId);
      const [states, history, tier] = await Promise.all([
        statesOf(db, p.workspaceId, [ticket.id]),
        historyOf(db, p.workspaceId, ticket.id),
        customerTier(db, p.workspaceId, ticket.requester_id),
      ]);
      const stored = states.get(ticket.id) ?? [];
      return {
        ticketId: ticket.id,
        summary: toSummary(stored) ?? { policyId: null, nextDueAt: null, metrics: [], commitment: null },
        evaluation: explainMatch(policies, factsOf(ticket, tier)).map((e) => ({
          policyId: e.policy.id,
          name: e.policy.name,
          matched: e.matched,
          skipped: e.skipped,
          checks: e.checks.map((c) => ({
            ...c,
            expected: [...c.expected],
            actual: typeof c.actual === 'string' || c.actual === null ? c.actual : [...c.actual],
          })),
        })),
        history: history.map(toHistoryEntry),
      };
    },
  );

  api.get(
    '/reports/sla',
    {
      schema: {
        tags: ['reports'],
        summary: 'SLA attainment per metric, by policy, group, agent, channel or metric (default: the last 30 days)',
        querystring: SlaReportQuery,
        response: { 200: SlaReport, ...errors },
      },
      config: { access: { role: 'supervisor' } },
    },
    async (req) => {
      const p = agentOf(req);
      const to = req.query.to ? new Date(req.query.to) : ctx.clock.now();
      const from = req.query.from ? new Date(req.query.from) : new Date(to.getTime() - 30 * DAY);
      if (!(from < to)) throw badRequest('invalid_range', '`from` must be before `to`');
      if (to.getTime() - from.getTime() > 3660 * DAY) throw new AppError('range_too_long', 400, 'At most ten years per report');
      const by = req.query.by ?? 'metric';
      return { from: from.toISOString(), to: to.toISOString(), by, ...(await slaReport(db, p.workspaceId, from, to, by)) };
    },
  );
}
