import { Type } from '@sinclair/typebox';
import { ErrorEnvelope, IdParams, Ok } from '@kefu/contracts/common';
import { Notification } from '@kefu/contracts/tickets';
import { agentOf } from '../../engine/auth/auth.hooks.js';
import type { AppContext } from '../../engine/context.js';
import { notFound } from '../../engine/errors.js';
import { typed, type TypedApp } from '../../engine/http/app.js';

const tags = ['notifications'];

export function notificationRoutes(app: TypedApp, ctx: AppContext): void {
  const api = typed(app);
  const db = ctx.database.db;

  api.get(
    '/notifications',
    {
      schema: {
        tags,
        summary: 'Your notifications (mentions), newest first',
        querystring: Type.Object(
          { unread: Type.Optional(Type.Boolean()), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ items: Type.Array(Notification), unreadCount: Type.Integer() }) },
      },
    },
    async (req) => {
      const p = agentOf(req);
      let q = db
        .selectFrom('notifications as n')
        .leftJoin('tickets as t', (j) => j.onRef('t.id', '=', 'n.ticket_id').onRef('t.workspace_id', '=', 'n.workspace_id'))
        .leftJoin('users as u', (j) => j.onRef('u.id', '=', 'n.actor_id').onRef('u.workspace_id', '=', 'n.workspace_id'))
        .select([
          'n.id',
          'n.kind',
          'n.ticket_id',
          'n.message_id',
          'n.read_at',
          'n.created_at',
          't.number',
          't.subject',
          'u.id as actor_id',
          'u.name as actor_name',
          'u.email as actor_email',
        ])
        .where('n.workspace_id', '=', p.workspaceId)
        .where('n.user_id', '=', p.userId);
      if (req.query.unread) q = q.where('n.read_at', 'is', null);
      const rows = await q
        .orderBy('n.created_at', 'desc')
        .limit(req.query.limit ?? 50)
        .execute();
      const unread = await db
        .selectFrom('notifications')
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .where('workspace_id', '=', p.workspaceId)
        .where('user_id', '=', p.userId)
        .where('read_at', 'is', null)
        .executeTakeFirstOrThrow();
      return {
        items: rows.map((r) => ({
          id: r.id,
          kind: r.kind,
          ticketId: r.ticket_id,
          ticketNumber: r.number === null ? null : Number(r.number),
          ticketSubject: r.subject,
          messageId: r.message_id,
          actor: r.actor_id ? { id: r.actor_id, name: r.actor_name ?? '', email: r.actor_email } : null,
          readAt: r.read_at?.toISOString() ?? null,
          createdAt: r.created_at.toISOString(),
        })),
        unreadCount: Number(unread.n),
      };
    },
  );

  api.post(
    '/notifications/:id/read',
    { schema: { tags, summary: 'Mark one read', params: IdParams, response: { 200: Ok, 404: ErrorEnvelope } } },
    async (req) => {
      const p = agentOf(req);
      const r = await db
        .updateTable('notifications')
        .set({ read_at: ctx.clock.now() })
        .where('workspace_id', '=', p.workspaceId)
        .where('user_id', '=', p.userId)
        .where('id', '=', req.params.id)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) === 0) throw notFound('notification');
      return { ok: true as const };
    },
  );

  api.post('/notifications/read-all', { schema: { tags, summary: 'Mark all read', response: { 200: Ok } } }, async (req) => {
    const p = agentOf(req);
    await db
      .updateTable('notifications')
      .set({ read_at: ctx.clock.now() })
      .where('workspace_id', '=', p.workspaceId)
      .where('user_id', '=', p.userId)
      .where('read_at', 'is', null)
      .execute();
    return { ok: true as const };
  });
}
