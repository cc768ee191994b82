import type { Kysely } from 'kysely';
import type { Role } from '@kefu/core/roles';
import type { DB } from '../db/schema.js';
import type { Scope } from './principal.js';

export interface SessionRecord {
  sessionId: string;
  workspaceId: string;
  userId: string;
  role: Role;
  csrfToken: string;
  expiresAt: Date;
  lastSeenAt: Date;
}

export interface TokenRecord {
  tokenId: string;
  workspaceId: string;
  userId: string | null;
  customerId: string | null;
  role: Role | null;
  scopes: Scope[];
  lastUsedAt: Date | null;
}

export async function findSession(db: Kysely<DB>, sessionHash: string, now: Date): Promise<SessionRecord | null> {
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', (j) => j.onRef('u.id', '=', 's.user_id').onRef('u.workspace_id', '=', 's.workspace_id'))
    .select(['s.id', 's.workspace_id', 's.user_id', 'u.role', 's.csrf_token', 's.expires_at', 's.last_seen_at'])
    .where('s.id', '=', sessionHash)
    .where('s.expires_at', '>', now)
    .where('u.is_active', '=', true)
    .executeTakeFirst();
  if (!row) return null;
  return {
    sessionId: row.id,
    workspaceId: row.workspace_id,
    userId: row.user_id,
    role: row.role as Role,
    csrfToken: row.csrf_token,
    expiresAt: row.expires_at,
    lastSeenAt: row.last_seen_at,
  };
}

export async function touchSession(db: Kysely<DB>, sessionHash: string, now: Date): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', sessionHash).execute();
}

export async function createSession(
  db: Kysely<DB>,
  s: { id: string; workspaceId: string; userId: string; csrfToken: string; expiresAt: Date; userAgent: string | null; ip: string | null },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      id: s.id,
      workspace_id: s.workspaceId,
      user_id: s.userId,
      csrf_token: s.csrfToken,
      expires_at: s.expiresAt,
      user_agent: s.userAgent?.slice(0, 500) ?? null,
      ip: s.ip,
    })
    .execute();
}

export async function deleteSession(db: Kysely<DB>, sessionHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionHash).execute();
}

export async function deleteUserSessions(db: Kysely<DB>, workspaceId: string, userId: string, except?: string): Promise<void> {
  let q = db.deleteFrom('sessions').where('workspace_id', '=', workspaceId).where('user_id', '=', userId);
  if (except) q = q.where('id', '<>', except);
  await q.execute();
}

export async function findToken(db: Kysely<DB>, tokenHash: string, now: Date): Promise<TokenRecord | null> {
  const row = await db
    .selectFrom('api_tokens as t')
    .leftJoin('users as u', (j) => j.onRef('u.id', '=', 't.user_id').onRef('u.workspace_id', '=', 't.workspace_id'))
    .select(['t.id', 't.workspace_id', 't.user_id', 't.customer_id', 't.scopes', 't.expires_at', 't.last_used_at', 'u.role', 'u.is_active'])
    .where('t.token_hash', '=', tokenHash)
    .where('t.revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row) return null;
  if (row.expires_at && row.expires_at <= now) return null;
  if (row.user_id && row.is_active !== true) return null;
  return {
    tokenId: row.id,
    workspaceId: row.workspace_id,
    userId: row.user_id,
    customerId: row.customer_id,
    role: (row.role as Role | null) ?? null,
    scopes: row.scopes as Scope[],
    lastUsedAt: row.last_used_at,
  };
}

export async function markTokenUsed(db: Kysely<DB>, tokenId: string, now: Date): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', tokenId).execute();
}
