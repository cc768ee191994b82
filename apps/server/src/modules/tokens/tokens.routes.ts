import { Type } from '@sinclair/typebox';
import { ErrorEnvelope, IdParams, Ok } from '@kefu/contracts/common';
import { ApiToken, CreateTokenRequest } from '@kefu/contracts/users';
import { hasRole } from '@kefu/core/roles';
import { agentOf } from '../../engine/auth/auth.hooks.js';
import { actorOf } from '../../engine/auth/principal.js';
import { newToken, sha256 } from '../../engine/auth/secrets.js';
import type { AppContext } from '../../engine/context.js';
import { inTransaction, type Tx } from '../../engine/db/tx.js';
import { forbidden, notFound } from '../../engine/errors.js';
import { recordEvents } from '../../engine/events/events.repository.js';
import type { Actor } from '../../engine/auth/principal.js';
import { typed, type TypedApp } from '../../engine/http/app.js';

const tags = ['tokens'];
type Row = { id: string; name: string; scopes: string[]; created_at: Date; last_used_at: Date | null; expires_at: Date | null };
const toToken = (r: Row) => ({
  id: r.id,
  name: r.name,
  scopes: r.scopes as Array<'read' | 'write' | 'admin'>,
  createdAt: r.created_at.toISOString(),
  lastUsedAt: r.last_used_at?.toISOString() ?? null,
  expiresAt: r.expires_at?.toISOString() ?? null,
});

/** Issues an API token for a user or a customer; returns the secret once. */
export async function issueToken(
  trx: Tx,
  actor: Actor,
  t: { userId?: string; customerId?: string; name: string; scopes: string[]; expiresAt: Date | null },
  now: Date,
): Promise<{ row: Row; secret: string }> {
  const secret = newToken(t.customerId ? 'kefu_cust' : 'kefu_pat');
  const row = await trx
    .insertInto('api_tokens')
    .values({
      workspace_id: actor.workspaceId,
      user_id: t.userId ?? null,
      customer_id: t.customerId ?? null,
      name: t.name,
      token_hash: sha256(secret),
      scopes: t.scopes,
      expires_at: t.expiresAt,
    })
    .returning(['id', 'name', 'scopes', 'created_at', 'last_used_at', 'expires_at'])
    .executeTakeFirstOrThrow();
  await recordEvents(
    trx,
    actor,
    [
      {
        subjectType: 'token',
        subjectId: row.id,
        kind: 'token.created',
        newValue: { name: t.name, scopes: t.scopes, userId: t.userId ?? null, customerId: t.customerId ?? null },
      },
    ],
    now,
  );
  return { row, secret };
}

export function tokenRoutes(app: TypedApp, ctx: AppContext): void {
  const api = typed(app);
  const db = ctx.database.db;

  api.get(
    '/tokens',
    { schema: { tags, summary: 'Your API tokens', response: { 200: Type.Object({ items: Type.Array(ApiToken) }) } } },
    async (req) => {
      const p = agentOf(req);
      const rows = await db
        .selectFrom('api_tokens')
        .select(['id', 'name', 'scopes', 'created_at', 'last_used_at', 'expires_at'])
        .where('workspace_id', '=', p.workspaceId)
        .where('user_id', '=', p.userId)
        .where('revoked_at', 'is', null)
        .orderBy('created_at', 'desc')
        .execute();
      return { items: rows.map(toToken) };
    },
  );

  api.post(
    '/tokens',
    {
      schema: {
        tags,
        summary: 'Create an API token for yourself; the secret is shown once',
        body: CreateTokenRequest,
        response: { 201: Type.Object({ token: ApiToken, secret: Type.String() }), 400: ErrorEnvelope, 403: ErrorEnvelope },
      },
      config: { access: { scope: 'admin' } },
    },
    async (req, reply) => {
      const p = agentOf(req);
      if (req.body.scopes.includes('admin') && !hasRole(p.role, 'admin'))
        throw forbidden('Only admins can create tokens with the admin scope');
      const now = ctx.clock.now();
      const expiresAt = req.body.expiresInDays ? new Date(now.getTime() + req.body.expiresInDays * 86_400_000) : null;
      const { row, secret } = await inTransaction(ctx, (trx) =>
        issueToken(trx, actorOf(p), { userId: p.userId, name: req.body.name, scopes: req.body.scopes, expiresAt }, now),
      );
      return reply.status(201).send({ token: toToken(row), secret });
    },
  );

  api.delete(
    '/tokens/:id',
    {
      schema: { tags, summary: 'Revoke one of your tokens', params: IdParams, response: { 200: Ok, 404: ErrorEnvelope } },
      config: { access: { scope: 'admin' } },
    },
    async (req) => {
      const p = agentOf(req);
      const r = await db
        .updateTable('api_tokens')
        .set({ revoked_at: ctx.clock.now() })
        .where('workspace_id', '=', p.workspaceId)
        .where('user_id', '=', p.userId)
        .where('id', '=', req.params.id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) === 0) throw notFound('token');
      return { ok: true as const };
    },
  );
}
