import { sql } from 'kysely';
import { Type } from '@sinclair/typebox';
import { ErrorEnvelope, IdParams, Page } from '@kefu/contracts/common';
import {
  CreateCustomerRequest,
  CreateOrganizationRequest,
  Customer,
  ListCustomersQuery,
  MergeCustomerRequest,
  Organization,
  UpdateCustomerRequest,
  UpdateOrganizationRequest,
} from '@kefu/contracts/customers';
import { agentOf } from '../../engine/auth/auth.hooks.js';
import { actorOf } from '../../engine/auth/principal.js';
import type { AppContext } from '../../engine/context.js';
import type { CustomerRow } from '../../engine/db/schema.js';
import { inTransaction, pgCode, txExecutor, type Tx } from '../../engine/db/tx.js';
import { AppError, badRequest, conflict, notFound } from '../../engine/errors.js';
import { recordEvents } from '../../engine/events/events.repository.js';
import { typed, type TypedApp } from '../../engine/http/app.js';
import { reevaluateJob } from '../sla/use-cases/reevaluate-tickets.js';
import { addIdentities, findCustomer, identitiesOf, refreshSearchText } from './customers.repository.js';

const errors = { 400: ErrorEnvelope, 403: ErrorEnvelope, 404: ErrorEnvelope, 409: ErrorEnvelope, 422: ErrorEnvelope };

async function customerDtos(db: Tx, workspaceId: string, rows: readonly CustomerRow[]): Promise<Customer[]> {
  const ids = await identitiesOf(
    db,
    workspaceId,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    organizationId: r.organization_id,
    language: r.language,
    notes: r.notes,
    tags: r.tags,
    tier: r.tier,
    identities: ids
      .filter((i) => i.customer_id === r.id)
      .map((i) => ({ id: i.id, kind: i.kind as 'email', value: i.value, displayName: i.display_name })),
    mergedIntoId: r.merged_into_id,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  }));
}

async function assertOrganization(db: Tx, workspaceId: string, id: string | null | undefined) {
  if (!id) return;
  const o = await db
    .selectFrom('organizations')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!o) throw new AppError('organization_not_found', 422, 'No organization with that id', { field: 'organizationId' });
}

function takenError(taken: Array<{ kind: string; value: string; customerId: string }>) {
  return conflict('identity_taken', 'An identity already belongs to another customer; merge the customers instead', { taken });
}

export function customerRoutes(app: TypedApp, ctx: AppContext): void {
  const api = typed(app);
  const db = ctx.database.db;
  const tags = ['customers'];

  api.get(
    '/customers',
    {
      schema: {
        tags,
        summary: 'Search customers by name, email or phone (fuzzy), newest first',
        querystring: ListCustomersQuery,
        response: { 200: Page(Customer), ...errors },
      },
    },
    async (req) => {
      const p = agentOf(req);
      const limit = req.query.limit ?? 25;
      const offset = req.query.cursor ? Number.parseInt(req.query.cursor, 36) : 0;
      if (!Number.isFinite(offset) || offset < 0 || offset > 1_000_000)
        throw badRequest('invalid_cursor', 'The cursor is not one this API returned');
      let q = db.selectFrom('customers').selectAll().where('workspace_id', '=', p.workspaceId).where('merged_into_id', 'is', null);
      if (req.query.organizationId) q = q.where('organization_id', '=', req.query.organizationId);
      const text = req.query.q?.trim().toLowerCase();
      if (text) {
        const digits = text.replace(/[^\d]/g, '');
        q = q
          .where((eb) =>
            eb.or([
              eb('search_text', 'like', `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`),
              sql<boolean>`search_text % ${text}`,
              ...(digits.length >= 5 ? [eb('search_text', 'like', `%${digits}%`)] : []),
            ]),
          )
          .orderBy(sql`similarity(search_text, ${text})`, 'desc');
      }
      const rows = await q
        .orderBy('created_at', 'desc')
        .orderBy('id')
        .limit(limit + 1)
        .offset(offset)
        .execute();
      const more = rows.length > limit;
      return {
        items: await customerDtos(db, p.workspaceId, rows.slice(0, limit)),
        nextCursor: more ? (offset + limit).toString(36) : null,
      };
    },
  );

  api.get(
    '/customers/:id',
    { schema: { tags, summary: 'One customer with identities', params: IdParams, response: { 200: Customer, ...errors } } },
    async (req) => {
      const p = agentOf(req);
      const c = await findCustomer(db, p.workspaceId, req.params.id);
      if (!c) throw notFound('customer');
      return (await customerDtos(db, p.workspaceId, [c]))[0]!;
    },
  );

  api.post(
    '/customers',
    {
      schema: { tags, summary: 'Create a customer', body: CreateCustomerRequest, response: { 201: Customer, ...errors } },
      config: { access: { role: 'agent' } },
    },
    async (req, reply) => {
      const p = agentOf(req);
      const b = req.body;
      const row = await inTransaction(ctx, async (trx) => {
        await assertOrganization(trx, p.workspaceId, b.organizationId);
        const c = await trx
          .insertInto('customers')
          .values({
            workspace_id: p.workspaceId,
            name: b.name,
            organization_id: b.organizationId ?? null,
            language: b.language ?? null,
            notes: b.notes ?? '',
            tags: b.tags ?? [],
            tier: b.tier ?? null,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        const taken = await addIdentities(trx, p.workspaceId, c.id, b.identities ?? []);
        if (taken.length) throw takenError(taken);
        await refreshSearchText(trx, p.workspaceId, c.id);
        await recordEvents(
          trx,
          actorOf(p),
          [{ subjectType: 'customer', subjectId: c.id, kind: 'customer.created', newValue: { name: c.name } }],
          ctx.clock.now(),
        );
        return c;
      });
      return reply.status(201).send((await customerDtos(db, p.workspaceId, [row]))[0]!);
    },
  );

  api.patch(
    '/customers/:id',
    {
      schema: {
        tags,
        summary: 'Change a customer, add or remove identities',
        params: IdParams,
        body: UpdateCustomerRequest,
        response: { 200: Customer, ...errors },
      },
      config: { access: { role: 'agent' } },
    },
    async (req) => {
      const p = agentOf(req);
      const b = req.body;
      const row = await inTransaction(ctx, async (trx) => {
        const before = await findCustomer(trx, p.workspaceId, req.params.id);
        if (!before) throw notFound('customer');
        await assertOrganization(trx, p.workspaceId, b.organizationId);
        const c = await trx
          .updateTable('customers')
          .set({
            ...(b.name !== undefined ? { name: b.name } : {}),
            ...(b.organizationId !== undefined ? { organization_id: b.organizationId } : {}),
            ...(b.language !== undefined ? { language: b.language } : {}),
            ...(b.notes !== undefined ? { notes: b.notes } : {}),
            ...(b.tags !== undefined ? { tags: b.tags } : {}),
            ...(b.tier !== undefined ? { tier: b.tier } : {}),
            updated_at: ctx.clock.now(),
          })
          .where('workspace_id', '=', p.workspaceId)
          .where('id', '=', before.id)
          .returningAll()
          .executeTakeFirstOrThrow();
        if (b.removeIdentityIds?.length) {
          await trx
            .deleteFrom('customer_identities')
            .where('workspace_id', '=', p.workspaceId)
            .where('customer_id', '=', c.id)
            .where('id', 'in', b.removeIdentityIds)
            .execute();
        }
        const taken = await addIdentities(trx, p.workspaceId, c.id, b.addIdentities ?? []);
        if (taken.length) throw takenError(taken);
        await refreshSearchText(trx, p.workspaceId, c.id);
        // SLA policies can target the tier: the customer's open tickets are evaluated again.
        if (b.tier !== undefined && b.tier !== before.tier)
          await ctx.jobs.send(reevaluateJob(ctx), { workspaceId: p.workspaceId, requesterId: c.id }, { db: txExecutor(trx) });
        const changes = Object.entries(b).map(([field, value]) => ({
          subjectType: 'customer',
          subjectId: c.id,
          kind: 'customer.updated',
          field,
          oldValue: field in before ? ((before as unknown as Record<string, unknown>)[field] ?? null) : null,
          newValue: value,
        }));
        await recordEvents(trx, actorOf(p), changes, ctx.clock.now());
        return c;
      });
      return (await customerDtos(db, p.workspaceId, [row]))[0]!;
    },
  );

  api.post(
    '/customers/:id/merge',
    {
      schema: {
        tags,
        summary: 'Merge another customer (sourceId) into this one: identities and tickets move here',
        params: IdParams,
        body: MergeCustomerRequest,
        response: { 200: Customer, ...errors },
      },
      config: { access: { role: 'agent' } },
    },
    async (req) => {
      const p = agentOf(req);
      const row = await inTransaction(ctx, async (trx) => {
        const target = await findCustomer(trx, p.workspaceId, req.params.id);
        const source = await findCustomer(trx, p.workspaceId, req.body.sourceId);
        if (!target) throw notFound('customer');
        if (!source) throw new AppError('customer_not_found', 404, 'source customer not found', { field: 'sourceId' });
        if (source.id === target.id) throw badRequest('merge_into_self', 'A customer cannot be merged into itself');
        if (source.merged_into_id || target.merged_into_id) throw conflict('customer_merged', 'One of these customers was already merged');
        const ws = p.workspaceId;
        await trx
          .updateTable('customer_identities')
          .set({ customer_id: target.id })
          .where('workspace_id', '=', ws)
          .where('customer_id', '=', source.id)
          .execute();
        const moved = await trx
          .updateTable('tickets')
          .set({ requester_id: target.id })
          .where('workspace_id', '=', ws)
          .where('requester_id', '=', source.id)
          .executeTakeFirst();
        await trx
          .updateTable('messages')
          .set({ author_customer_id: target.id })
          .where('workspace_id', '=', ws)
          .where('author_customer_id', '=', source.id)
          .execute();
        await trx
          .updateTable('api_tokens')
          .set({ revoked_at: ctx.clock.now() })
          .where('workspace_id', '=', ws)
          .where('customer_id', '=', source.id)
          .execute();
        await trx
          .updateTable('customers')
          .set({ merged_into_id: target.id, updated_at: ctx.clock.now(), search_text: '' })
          .where('workspace_id', '=', ws)
          .where('id', '=', source.id)
          .execute();
        const c = await trx
          .updateTable('customers')
          .set({
            tags: [...new Set([...target.tags, ...source.tags])],
            notes: [target.notes, source.notes].filter(Boolean).join('\n\n'),
            organization_id: target.organization_id ?? source.organization_id,
            updated_at: ctx.clock.now(),
          })
          .where('workspace_id', '=', ws)
          .where('id', '=', target.id)
          .returningAll()
          .executeTakeFirstOrThrow();
        await refreshSearchText(trx, ws, target.id);
        await recordEvents(
          trx,
          actorOf(p),
          [
            {
              subjectType: 'customer',
              subjectId: target.id,
              kind: 'customer.merged',
              field: 'merged_from',
              oldValue: null,
              newValue: { sourceId: source.id, ticketsMoved: Number(moved.numUpdatedRows) },
            },
            {
              subjectType: 'customer',
              subjectId: source.id,
              kind: 'customer.merged',
              field: 'merged_into',
              oldValue: null,
              newValue: { targetId: target.id },
            },
          ],
          ctx.clock.now(),
        );
        return c;
      });
      return (await customerDtos(db, p.workspaceId, [row]))[0]!;
    },
  );

  const otags = ['organizations'];
  const toOrg = (o: { id: string; name: string; domains: string[]; notes: string; created_at: Date }) => ({
    id: o.id,
    name: o.name,
    domains: o.domains,
    notes: o.notes,
    createdAt: o.created_at.toISOString(),
  });

  api.get(
    '/organizations',
    { schema: { tags: otags, summary: 'Organizations', response: { 200: Type.Object({ items: Type.Array(Organization) }) } } },
    async (req) => {
      const p = agentOf(req);
      const rows = await db
        .selectFrom('organizations')
        .selectAll()
        .where('workspace_id', '=', p.workspaceId)
        .orderBy('name')
        .limit(1000)
        .execute();
      return { items: rows.map(toOrg) };
    },
  );
  api.get(
    '/organizations/:id',
    { schema: { tags: otags, summary: 'One organization', params: IdParams, response: { 200: Organization, ...errors } } },
    async (req) => {
      const p = agentOf(req);
      const o = await db
        .selectFrom('organizations')
        .selectAll()
        .where('workspace_id', '=', p.workspaceId)
        .where('id', '=', req.params.id)
        .executeTakeFirst();
      if (!o) throw notFound('organization');
      return toOrg(o);
    },
  );
  api.post(
    '/organizations',
    {
      schema: {
        tags: otags,
        summary: 'Create an organization',
        body: CreateOrganizationRequest,
        response: { 201: Organization, ...errors },
      },
      config: { access: { role: 'agent' } },
    },
    async (req, reply) => {
      const p = agentOf(req);
      const o = await inTransaction(ctx, async (trx) => {
        try {
          const o = await trx
            .insertInto('organizations')
            .values({ workspace_id: p.workspaceId, name: req.body.name, domains: req.body.domains ?? [], notes: req.body.notes ?? '' })
            .returningAll()
            .executeTakeFirstOrThrow();
          await recordEvents(
            trx,
            actorOf(p),
            [{ subjectType: 'organization', subjectId: o.id, kind: 'organization.created', newValue: { name: o.name } }],
            ctx.clock.now(),
          );
          return o;
        } catch (e) {
          if (pgCode(e) === '23505') throw conflict('organization_name_taken', 'An organization with this name exists');
          throw e;
        }
      });
      return reply.status(201).send(toOrg(o));
    },
  );
  api.patch(
    '/organizations/:id',
    {
      schema: {
        tags: otags,
        summary: 'Change an organization',
        params: IdParams,
        body: UpdateOrganizationRequest,
        response: { 200: Organization, ...errors },
      },
      config: { access: { role: 'agent' } },
    },
    async (req) => {
      const p = agentOf(req);
      const b = req.body;
      return inTransaction(ctx, async (trx) => {
        const o = await trx
          .updateTable('organizations')
          .set({
            ...(b.name !== undefined ? { name: b.name } : {}),
            ...(b.domains !== undefined ? { domains: b.domains } : {}),
            ...(b.notes !== undefined ? { notes: b.notes } : {}),
            updated_at: ctx.clock.now(),
          })
          .where('workspace_id', '=', p.workspaceId)
          .where('id', '=', req.params.id)
          .returningAll()
          .executeTakeFirst()
          .catch((e: unknown) => {
            if (pgCode(e) === '23505') throw conflict('organization_name_taken', 'An organization with this name exists');
            throw e;
          });
        if (!o) throw notFound('organization');
        await recordEvents(
          trx,
          actorOf(p),
          [{ subjectType: 'organization', subjectId: o.id, kind: 'organization.updated', newValue: b }],
          ctx.clock.now(),
        );
        return toOrg(o);
      });
    },
  );
}
