import { randomBytes } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import { ErrorEnvelope, Ok } from '@kefu/contracts/common';
import { ChangePasswordRequest, LoginRequest, MeResponse, SetupRequest, UpdateWorkspaceRequest, Workspace } from '@kefu/contracts/users';
import { createSession, deleteSession, deleteUserSessions } from '../../engine/auth/auth.repository.js';
import { SESSION_COOKIE, agentOf } from '../../engine/auth/auth.hooks.js';
import { actorOf, systemActor } from '../../engine/auth/principal.js';
import { dummyHash, hashPassword, sha256, verifyPassword } from '../../engine/auth/secrets.js';
import type { AppContext } from '../../engine/context.js';
import { inTransaction } from '../../engine/db/tx.js';
import { AppError, conflict } from '../../engine/errors.js';
import { recordEvents } from '../../engine/events/events.repository.js';
import { typed, type TypedApp } from '../../engine/http/app.js';
import { findUser, insertUser, userDto } from '../users/users.repository.js';
import { ensureDefaultSlaPolicies } from '../sla/use-cases/ensure-default-policies.js';
import { insertWorkspace, toWorkspace } from '../workspaces/workspaces.repository.js';

const tags = ['auth'];
const LOCK_AFTER = 10;
const LOCK_MINUTES = 15;

const invalidLogin = () => new AppError('invalid_credentials', 401, 'Wrong email or password');

export function authRoutes(app: TypedApp, ctx: AppContext): void {
  const api = typed(app);
  const db = ctx.database.db;
  const limit = { rateLimit: { max: ctx.config.loginRateLimit, timeWindow: '1 minute' } };

  async function startSession(
    reply: FastifyReply,
    user: { id: string; workspace_id: string },
    remember: boolean,
    ua: string | undefined,
    ip: string,
  ) {
    const token = randomBytes(32).toString('base64url');
    const csrf = randomBytes(24).toString('base64url');
    const days = remember ? ctx.config.sessionDays : 1;
    const expiresAt = new Date(ctx.clock.now().getTime() + days * 86_400_000);
    await createSession(db, {
      id: sha256(token),
      workspaceId: user.workspace_id,
      userId: user.id,
      csrfToken: csrf,
      expiresAt,
      userAgent: ua ?? null,
      ip,
    });
    reply.setCookie(SESSION_COOKIE, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: ctx.config.secureCookies,
      ...(remember ? { expires: expiresAt } : {}),
    });
    return csrf;
  }

  api.get(
    '/setup',
    {
      schema: {
        tags,
        summary: 'Whether this installation still needs its first owner',
        response: { 200: Type.Object({ needed: Type.Boolean() }) },
      },
      config: { access: { auth: 'public' } },
    },
    async () => {
      const any = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
      return { needed: !any };
    },
  );

  api.post(
    '/setup',
    {
      schema: {
        tags,
        summary: 'First run: create the owner account and workspace',
        body: SetupRequest,
        response: { 201: MeResponse, 400: ErrorEnvelope, 409: ErrorEnvelope },
      },
      config: { access: { auth: 'public' }, ...limit },
    },
    async (req, reply) => {
      const b = req.body;
      const { ws, user } = await inTransaction(ctx, async (trx) => {
        const any = await trx.selectFrom('users').select('id').limit(1).executeTakeFirst();
        if (any) throw conflict('already_set_up', 'This installation already has an owner; sign in instead');
        const ws = await insertWorkspace(trx, { name: b.workspaceName, slug: b.workspaceSlug, language: b.language, timeZone: b.timeZone });
        await ensureDefaultSlaPolicies(trx, ws.id, ctx.clock.now());
        const user = await insertUser(trx, {
          workspaceId: ws.id,
          email: b.email,
          name: b.name,
          role: 'owner',
          password: b.password,
          language: b.language,
        });
        await recordEvents(
          trx,
          systemActor(ws.id),
          [{ subjectType: 'workspace', subjectId: ws.id, kind: 'workspace.created', newValue: { name: ws.name, ownerId: user.id } }],
          ctx.clock.now(),
        );
        return { ws, user };
      });
      const csrfToken = await startSession(reply, user, true, req.headers['user-agent'], req.ip);
      return reply.status(201).send({ user: await userDto(db, user), workspace: toWorkspace(ws), csrfToken });
    },
  );

  api.post(
    '/auth/login',
    {
      schema: {
        tags,
        summary: 'Sign in with email and password (sets a session cookie)',
        body: LoginRequest,
        response: { 200: MeResponse, 400: ErrorEnvelope, 401: ErrorEnvelope, 423: ErrorEnvelope, 429: ErrorEnvelope },
      },
      config: { access: { auth: 'public' }, ...limit },
    },
    async (req, reply) => {
      const { email, password, workspace, remember } = req.body;
      let q = db
        .selectFrom('users as u')
        .innerJoin('workspaces as w', 'w.id', 'u.workspace_id')
        .selectAll('u')
        .select(['w.slug'])
        .where(({ fn, eb }) => eb(fn('lower', ['u.email']), '=', email.trim().toLowerCase()))
        .where('u.is_active', '=', true);
      if (workspace) q = q.where('w.slug', '=', workspace);
      const candidates = await q.limit(2).execute();
      if (candidates.length > 1)
        throw new AppError('workspace_required', 400, 'This email belongs to several workspaces; say which one', { field: 'workspace' });
      const user = candidates[0];
      const now = ctx.clock.now();
      if (!user) {
        await verifyPassword(await dummyHash(), password);
        throw invalidLogin();
      }
      if (user.locked_until && user.locked_until > now) {
        throw new AppError('account_locked', 423, 'Too many failed sign-ins; try again later', { until: user.locked_until.toISOString() });
      }
      if (!(await verifyPassword(user.password_hash, password))) {
        const fails = user.failed_logins + 1;
        await db
          .updateTable('users')
          .set({
            failed_logins: fails >= LOCK_AFTER ? 0 : fails,
            locked_until: fails >= LOCK_AFTER ? new Date(now.getTime() + LOCK_MINUTES * 60_000) : null,
          })
          .where('id', '=', user.id)
          .execute();
        throw invalidLogin();
      }
      await db.updateTable('users').set({ failed_logins: 0, locked_until: null, last_login_at: now }).where('id', '=', user.id).execute();
      const csrfToken = await startSession(reply, user, remember ?? false, req.headers['user-agent'], req.ip);
      const ws = await db.selectFrom('workspaces').selectAll().where('id', '=', user.workspace_id).executeTakeFirstOrThrow();
      const { slug: _slug, ...row } = user;
      return { user: await userDto(db, row), workspace: toWorkspace(ws), csrfToken };
    },
  );

  api.post(
    '/auth/logout',
    {
      schema: { tags, summary: 'End the session', response: { 200: Ok } },
      config: { access: { auth: 'public' } },
    },
    async (req, reply) => {
      const p = req.principal;
      if (p?.kind === 'user' && p.sessionId) await deleteSession(db, p.sessionId);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  );

  api.get(
    '/auth/me',
    {
      schema: { tags, summary: 'The signed-in agent, the workspace and the CSRF token', response: { 200: MeResponse, 401: ErrorEnvelope } },
    },
    async (req) => {
      const p = agentOf(req);
      const user = await findUser(db, p.workspaceId, p.userId);
      const ws = await db.selectFrom('workspaces').selectAll().where('id', '=', p.workspaceId).executeTakeFirstOrThrow();
      return { user: await userDto(db, user!), workspace: toWorkspace(ws), csrfToken: p.csrfToken };
    },
  );

  api.post(
    '/auth/password',
    {
      schema: {
        tags,
        summary: 'Change your password (ends your other sessions)',
        body: ChangePasswordRequest,
        response: { 200: Ok, 400: ErrorEnvelope, 401: ErrorEnvelope },
      },
      config: { ...limit },
    },
    async (req) => {
      const p = agentOf(req);
      const user = await findUser(db, p.workspaceId, p.userId);
      if (!user || !(await verifyPassword(user.password_hash, req.body.currentPassword))) {
        throw new AppError('invalid_credentials', 400, 'The current password is wrong', { field: 'currentPassword' });
      }
      await inTransaction(ctx, async (trx) => {
        await trx
          .updateTable('users')
          .set({ password_hash: await hashPassword(req.body.newPassword), updated_at: ctx.clock.now() })
          .where('id', '=', user.id)
          .execute();
        await recordEvents(trx, actorOf(p), [{ subjectType: 'user', subjectId: user.id, kind: 'user.password_changed' }], ctx.clock.now());
      });
      await deleteUserSessions(db, p.workspaceId, p.userId, p.sessionId ?? undefined);
      return { ok: true as const };
    },
  );

  api.get('/workspace', { schema: { tags: ['workspace'], summary: 'This workspace', response: { 200: Workspace } } }, async (req) => {
    const p = agentOf(req);
    return toWorkspace(await db.selectFrom('workspaces').selectAll().where('id', '=', p.workspaceId).executeTakeFirstOrThrow());
  });

  api.patch(
    '/workspace',
    {
      schema: {
        tags: ['workspace'],
        summary: 'Workspace settings (admins)',
        body: UpdateWorkspaceRequest,
        response: { 200: Workspace, 400: ErrorEnvelope, 403: ErrorEnvelope },
      },
      config: { access: { role: 'admin', scope: 'admin' } },
    },
    async (req) => {
      const p = agentOf(req);
      const b = req.body;
      return inTransaction(ctx, async (trx) => {
        const before = await trx.selectFrom('workspaces').selectAll().where('id', '=', p.workspaceId).forUpdate().executeTakeFirstOrThrow();
        const row = await trx
          .updateTable('workspaces')
          .set({
            ...(b.name !== undefined ? { name: b.name } : {}),
            ...(b.defaultLanguage !== undefined ? { default_language: b.defaultLanguage } : {}),
            ...(b.timeZone !== undefined ? { time_zone: b.timeZone } : {}),
            updated_at: ctx.clock.now(),
          })
          .where('id', '=', p.workspaceId)
          .returningAll()
          .executeTakeFirstOrThrow();
        await recordEvents(
          trx,
          actorOf(p),
          [
            {
              subjectType: 'workspace',
              subjectId: row.id,
              kind: 'workspace.updated',
              oldValue: toWorkspace(before),
              newValue: toWorkspace(row),
            },
          ],
          ctx.clock.now(),
        );
        return toWorkspace(row);
      });
    },
  );
}
