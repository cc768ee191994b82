import { Type } from '@sinclair/typebox';
import { ErrorEnvelope, IdParams, Ok } from '@kefu/contracts/common';
import { BUILTIN_VIEWS, CreateViewRequest, UpdateViewRequest, View, type TicketFilters } from '@kefu/contracts/tickets';
import { hasRole } from '@kefu/core/roles';
import { actorOf } from '../../engine/auth/principal.js';
import { agentOf } from '../../engine/auth/auth.hooks.js';
import type { AppContext } from '../../engine/context.js';
import { inTransaction } from '../../engine/db/tx.js';
import { forbidden, notFound } from '../../engine/errors.js';
import { recordEvents } from '../../engine/events/events.repository.js';
import { typed, type TypedApp } from '../../engine/http/app.js';
import { countTickets } from '../tickets/tickets.repository.js';
import { findView, toView } from './views.repository.js';

const tags = ['views'];
const errors = { 400: ErrorEnvelope, 403: ErrorEnvelope, 404: ErrorEnvelope };

/** The built-in inbox views every agent has (issue: agent workspace). */

export function viewRoutes(app: TypedApp, ctx: AppContext): void {
  const api = typed(app);
  const db = ctx.database.db;

  api.get(
    '/views',
    { schema: { tags, summary: 'Personal and shared saved views', response: { 200: Type.Object({ items: Type.Array(View) }) } } },
    async (req) => {
      const p = agentOf(req);
      const rows = await db
        .selectFrom('views')
        .selectAll()
        .where('workspace_id', '=', p.workspaceId)
        .where((eb) => eb.or([eb('user_id', '=', p.userId), eb('user_id', 'is', null)]))
        .orderBy('position')
        .orderBy('name')
        .execute();
      return { items: rows.map(toView) };
    },
  );

  api.get(
    '/views/counts',
    {
      schema: {
        tags,
        summary: 'Live ticket counts of the built-in and saved views',
        response: {
          200: Type.Object({ builtin: Type.Record(Type.String(), Type.Integer()), views: Type.Record(Type.String(), Type.Integer()) }),
        },
      },
    },
    async (req) => {
      const p = agentOf(req);
      const now = ctx.clock.now();
      const base = { workspaceId: p.workspaceId, userId: p.userId, now };
      const builtin: Record<string, number> = {};
      for (const v of BUILTIN_VIEWS) builtin[v.key] = await countTickets(db, { ...base, filters: v.filters });
      const saved = await db
        .selectFrom('views')
        .selectAll()
        .where('workspace_id', '=', p.workspaceId)
        .where((eb) => eb.or([eb('user_id', '=', p.userId), eb('user_id', 'is', null)]))
        .execute();
      const views: Record<string, number> = {};
      for (const v of saved) views[v.id] = await countTickets(db, { ...base, filters: v.filters as TicketFilters });
      return { builtin, views };
    },
  );

  api.post(
    '/views',
    {
      schema: {
        tags,
        summary: 'Save a view (shared views: supervisors and up)',
        body: CreateViewRequest,
        response: { 201: View, ...errors },
      },
    },
    async (req, reply) => {
      const p = agentOf(req);
      if (req.body.shared && !hasRole(p.role, 'supervisor')) throw forbidden('Only supervisors and admins can share views');
      const row = await inTransaction(ctx, async (trx) => {
        const r = await trx
          .insertInto('views')
          .values({
            workspace_id: p.workspaceId,
            user_id: req.body.shared ? null : p.userId,
            name: req.body.name,
            filters: JSON.stringify(req.body.filters),
            sort: req.body.sort ?? 'updated_desc',
            position: req.body.position ?? 0,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await recordEvents(
          trx,
          actorOf(p),
          [{ subjectType: 'view', subjectId: r.id, kind: 'view.created', newValue: { name: r.name } }],
          ctx.clock.now(),
        );
        return r;
      });
      return reply.status(201).send(toView(row));
    },
  );

  api.patch(
    '/views/:id',
    { schema: { tags, summary: 'Change a view', params: IdParams, body: UpdateViewRequest, response: { 200: View, ...errors } } },
    async (req) => {
      const p = agentOf(req);
      const v = await findView(db, p.workspaceId, p.userId, req.params.id);
      if (!v) throw notFound('view');
      if ((v.user_id === null || req.body.shared) && !hasRole(p.role, 'supervisor'))
        throw forbidden('Only supervisors and admins can change shared views');
      const b = req.body;
      const row = await db
        .updateTable('views')
        .set({
          ...(b.name !== undefined ? { name: b.name } : {}),
          ...(b.filters !== undefined ? { filters: JSON.stringify(b.filters) } : {}),
          ...(b.sort !== undefined ? { sort: b.sort } : {}),
          ...(b.position !== undefined ? { position: b.position } : {}),
          ...(b.shared !== undefined ? { user_id: b.shared ? null : p.userId } : {}),
          updated_at: ctx.clock.now(),
        })
        .where('workspace_id', '=', p.workspaceId)
        .where('id', '=', v.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      return toView(row);
    },
  );

  api.delete(
    '/views/:id',
    { schema: { tags, summary: 'Delete a view', params: IdParams, response: { 200: Ok, ...errors } } },
    async (req) => {
      const p = agentOf(req);
      const v = await findView(db, p.workspaceId, p.userId, req.params.id);
      if (!v) throw notFound('view');
      if (v.user_id === null && !hasRole(p.role, 'supervisor')) throw forbidden('Only supervisors and admins can delete shared views');
      await db.deleteFrom('views').where('workspace_id', '=', p.workspaceId).where('id', '=', v.id).execute();
      return { ok: true as const };
    },
  );
}
