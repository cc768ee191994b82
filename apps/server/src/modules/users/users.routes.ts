import { Type } from '@sinclair/typebox';
import { ErrorEnvelope, IdParams } from '@kefu/contracts/common';
import { CreateGroupRequest, CreateUserRequest, Group, UpdateGroupRequest, UpdateUserRequest, User } from '@kefu/contracts/users';
import { canAssignRole, type Role } from '@kefu/core/roles';
import { deleteUserSessions } from '../../engine/auth/auth.repository.js';
import { agentOf } from '../../engine/auth/auth.hooks.js';
import { actorOf } from '../../engine/auth/principal.js';
import type { AppContext } from '../../engine/context.js';
import { inTransaction, pgCode, type Tx } from '../../engine/db/tx.js';
import { conflict, forbidden, notFound } from '../../engine/errors.js';
import { recordEvents } from '../../engine/events/events.repository.js';
import { typed, type TypedApp } from '../../engine/http/app.js';
import { assertAgents, assertGroup } from '../tickets/use-cases/apply-changes.js';
import { findUser, groupIdsOf, insertUser, toUser, userDto } from './users.repository.js';

const errors = { 400: ErrorEnvelope, 403: ErrorEnvelope, 404: ErrorEnvelope, 409: ErrorEnvelope, 422: ErrorEnvelope };

async function setMembers(trx: Tx, workspaceId: string, groupId: string, userIds: readonly string[]) {
  await assertAgents(trx, workspaceId, userIds, 'memberIds');
  await trx.deleteFrom('group_members').where('workspace_id', '=', workspaceId).where('group_id', '=', groupId).execute();
  if (userIds.length) {
    await trx
      .insertInto('group_members')
      .values(userIds.map((u) => ({ workspace_id: workspaceId, group_id: groupId, user_id: u })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
}

async function groupDto(db: Tx, workspaceId: string, g: { id: string; name: string; description: string; created_at: Date }) {
  const members = await db
    .selectFrom('group_members')
    .select('user_id')
    .where('workspace_id', '=', workspaceId)
    .where('group_id', '=', g.id)
    .execute();
  return {
    id: g.id,
    name: g.name,
    description: g.description,
    memberIds: members.map((m) => m.user_id),
    createdAt: g.created_at.toISOString(),
  };
}

export function userRoutes(app: TypedApp, ctx: AppContext): void {
  const api = typed(app);
  const db = ctx.database.db;

  api.get(
    '/users',
    { schema: { tags: ['users'], summary: 'Agents of the workspace', response: { 200: Type.Object({ items: Type.Array(User) }) } } },
    async (req) => {
      const p = agentOf(req);
      const rows = await db.selectFrom('users').selectAll().where('workspace_id', '=', p.workspaceId).orderBy('name').execute();
      const groups = await groupIdsOf(
        db,
        p.workspaceId,
        rows.map((r) => r.id),
      );
      return { items: rows.map((r) => toUser(r, groups.get(r.id) ?? [])) };
    },
  );

  api.get(
    '/users/:id',
    { schema: { tags: ['users'], summary: 'One agent', params: IdParams, response: { 200: User, ...errors } } },
    async (req) => {
      const p = agentOf(req);
      const u = await findUser(db, p.workspaceId, req.params.id);
      if (!u) throw notFound('user');
      return userDto(db, u);
    },
  );

  api.post(
    '/users',
    {
      schema: { tags: ['users'], summary: 'Invite an agent (admins)', body: CreateUserRequest, response: { 201: User, ...errors } },
      config: { access: { role: 'admin', scope: 'admin' } },
    },
    async (req, reply) => {
      const p = agentOf(req);
      if (!canAssignRole(p.role, req.body.role as Role)) throw forbidden(`You cannot create a user with role ${req.body.role}`);
      const row = await inTransaction(ctx, async (trx) => {
        const u = await insertUser(trx, { workspaceId: p.workspaceId, ...req.body });
        for (const g of req.body.groupIds ?? []) {
          await assertGroup(trx, p.workspaceId, g);
          await trx
            .insertInto('group_members')
            .values({ workspace_id: p.workspaceId, group_id: g, user_id: u.id })
            .onConflict((oc) => oc.doNothing())
            .execute();
        }
        await recordEvents(
          trx,
          actorOf(p),
          [{ subjectType: 'user', subjectId: u.id, kind: 'user.created', newValue: { email: u.email, name: u.name, role: u.role } }],
          ctx.clock.now(),
        );
        return u;
      });
      return reply.status(201).send(await userDto(db, row));
    },
  );

  api.patch(
    '/users/:id',
    {
      schema: {
        tags: ['users'],
        summary: 'Change an agent (admins; anyone may change their own name, language, time zone)',
        params: IdParams,
        body: UpdateUserRequest,
        response: { 200: User, ...errors },
      },
    },
    async (req) => {
      const p = agentOf(req);
      const b = req.body;
      const self = req.params.id === p.userId;
      const adminOnly = b.role !== undefined || b.isActive !== undefined;
      if (!self || adminOnly) {
        if (!p.scopes.includes('admin') || !canAssignRole(p.role, 'agent')) throw forbidden();
      }
      const row = await inTransaction(ctx, async (trx) => {
        const u = await findUser(trx, p.workspaceId, req.params.id);
        if (!u) throw notFound('user');
        if (u.role === 'owner' && p.role !== 'owner' && adminOnly) throw forbidden('Only an owner can change an owner');
        if (b.role && !canAssignRole(p.role, b.role as Role)) throw forbidden(`You cannot give the role ${b.role}`);
        if (self && (b.isActive === false || (b.role && b.role !== u.role && u.role === 'owner'))) {
          const owners = await trx
            .selectFrom('users')
            .select('id')
            .where('workspace_id', '=', p.workspaceId)
            .where('role', '=', 'owner')
            .where('is_active', '=', true)
            .execute();
          if (u.role === 'owner' && owners.length <= 1) throw conflict('last_owner', 'The workspace needs at least one active owner');
        }
        const updated = await trx
          .updateTable('users')
          .set({
            ...(b.name !== undefined ? { name: b.name } : {}),
            ...(b.role !== undefined ? { role: b.role } : {}),
            ...(b.language !== undefined ? { language: b.language } : {}),
            ...(b.timeZone !== undefined ? { time_zone: b.timeZone } : {}),
            ...(b.isActive !== undefined ? { is_active: b.isActive } : {}),
            updated_at: ctx.clock.now(),
          })
          .where('workspace_id', '=', p.workspaceId)
          .where('id', '=', u.id)
          .returningAll()
          .executeTakeFirstOrThrow();
        const diff = Object.keys(b).map((k) => ({
          subjectType: 'user',
          subjectId: u.id,
          kind: 'user.updated',
          field: k,
          oldValue: toUser(u, [])[k as keyof typeof b] ?? null,
          newValue: b[k as keyof typeof b],
        }));
        await recordEvents(trx, actorOf(p), diff, ctx.clock.now());
        return updated;
      });
      if (b.isActive === false) await deleteUserSessions(db, p.workspaceId, row.id);
      return userDto(db, row);
    },
  );

  api.get(
    '/groups',
    { schema: { tags: ['groups'], summary: 'Groups (teams)', response: { 200: Type.Object({ items: Type.Array(Group) }) } } },
    async (req) => {
      const p = agentOf(req);
      const rows = await db.selectFrom('groups').selectAll().where('workspace_id', '=', p.workspaceId).orderBy('name').execute();
      const members = await db
        .selectFrom('group_members')
        .select(['group_id', 'user_id'])
        .where('workspace_id', '=', p.workspaceId)
        .execute();
      return {
        items: rows.map((g) => ({
          id: g.id,
          name: g.name,
          description: g.description,
          memberIds: members.filter((m) => m.group_id === g.id).map((m) => m.user_id),
          createdAt: g.created_at.toISOString(),
        })),
      };
    },
  );

  api.get(
    '/groups/:id',
    { schema: { tags: ['groups'], summary: 'One group', params: IdParams, response: { 200: Group, ...errors } } },
    async (req) => {
      const p = agentOf(req);
      const g = await db
        .selectFrom('groups')
        .selectAll()
        .where('workspace_id', '=', p.workspaceId)
        .where('id', '=', req.params.id)
        .executeTakeFirst();
      if (!g) throw notFound('group');
      return groupDto(db, p.workspaceId, g);
    },
  );

  api.post(
    '/groups',
    {
      schema: { tags: ['groups'], summary: 'Create a group (admins)', body: CreateGroupRequest, response: { 201: Group, ...errors } },
      config: { access: { role: 'admin', scope: 'admin' } },
    },
    async (req, reply) => {
      const p = agentOf(req);
      const g = await inTransaction(ctx, async (trx) => {
        let g;
        try {
          g = await trx
            .insertInto('groups')
            .values({ workspace_id: p.workspaceId, name: req.body.name, description: req.body.description ?? '' })
            .returningAll()
            .executeTakeFirstOrThrow();
        } catch (e) {
          if (pgCode(e) === '23505') throw conflict('group_name_taken', 'A group with this name exists');
          throw e;
        }
        await setMembers(trx, p.workspaceId, g.id, req.body.memberIds ?? []);
        await recordEvents(
          trx,
          actorOf(p),
          [
            {
              subjectType: 'group',
              subjectId: g.id,
              kind: 'group.created',
              newValue: { name: g.name, memberIds: req.body.memberIds ?? [] },
            },
          ],
          ctx.clock.now(),
        );
        return g;
      });
      return reply.status(201).send(await groupDto(db, p.workspaceId, g));
    },
  );

  api.patch(
    '/groups/:id',
    {
      schema: {
        tags: ['groups'],
        summary: 'Rename a group or set its members (admins)',
        params: IdParams,
        body: UpdateGroupRequest,
        response: { 200: Group, ...errors },
      },
      config: { access: { role: 'admin', scope: 'admin' } },
    },
    async (req) => {
      const p = agentOf(req);
      const g = await inTransaction(ctx, async (trx) => {
        const before = await trx
          .selectFrom('groups')
          .selectAll()
          .where('workspace_id', '=', p.workspaceId)
          .where('id', '=', req.params.id)
          .executeTakeFirst();
        if (!before) throw notFound('group');
        const b = req.body;
        let g = before;
        if (b.name !== undefined || b.description !== undefined) {
          try {
            g = await trx
              .updateTable('groups')
              .set({
                ...(b.name !== undefined ? { name: b.name } : {}),
                ...(b.description !== undefined ? { description: b.description } : {}),
                updated_at: ctx.clock.now(),
              })
              .where('workspace_id', '=', p.workspaceId)
              .where('id', '=', before.id)
              .returningAll()
              .executeTakeFirstOrThrow();
          } catch (e) {
            if (pgCode(e) === '23505') throw conflict('group_name_taken', 'A group with this name exists');
            throw e;
          }
        }
        if (b.memberIds) await setMembers(trx, p.workspaceId, g.id, b.memberIds);
        await recordEvents(
          trx,
          actorOf(p),
          [{ subjectType: 'group', subjectId: g.id, kind: 'group.updated', oldValue: { name: before.name }, newValue: b }],
          ctx.clock.now(),
        );
        return g;
      });
      return groupDto(db, p.workspaceId, g);
    },
  );
}
