import type { User } from '@kefu/contracts/users';
import type { UserRow } from '../../engine/db/schema.js';
import type { Tx } from '../../engine/db/tx.js';
import { conflict } from '../../engine/errors.js';
import { hashPassword } from '../../engine/auth/secrets.js';
import { pgCode } from '../../engine/db/tx.js';

export function toUser(r: UserRow, groupIds: readonly string[]): User {
  return {
    id: r.id,
    email: r.email,
    name: r.name,
    role: r.role as User['role'],
    language: r.language,
    timeZone: r.time_zone,
    isActive: r.is_active,
    groupIds: [...groupIds],
    createdAt: r.created_at.toISOString(),
  };
}

export async function groupIdsOf(db: Tx, workspaceId: string, userIds: readonly string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  if (userIds.length === 0) return map;
  const rows = await db
    .selectFrom('group_members')
    .select(['user_id', 'group_id'])
    .where('workspace_id', '=', workspaceId)
    .where('user_id', 'in', userIds)
    .execute();
  for (const r of rows) map.set(r.user_id, [...(map.get(r.user_id) ?? []), r.group_id]);
  return map;
}

export async function findUser(db: Tx, workspaceId: string, id: string): Promise<UserRow | null> {
  return (await db.selectFrom('users').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst()) ?? null;
}

export async function userDto(db: Tx, row: UserRow): Promise<User> {
  return toUser(row, (await groupIdsOf(db, row.workspace_id, [row.id])).get(row.id) ?? []);
}

export async function insertUser(
  trx: Tx,
  u: {
    workspaceId: string;
    email: string;
    name: string;
    role: string;
    password?: string | undefined;
    language?: string | null | undefined;
  },
): Promise<UserRow> {
  try {
    return await trx
      .insertInto('users')
      .values({
        workspace_id: u.workspaceId,
        email: u.email.trim().toLowerCase(),
        name: u.name,
        role: u.role,
        password_hash: u.password ? await hashPassword(u.password) : null,
        language: u.language ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  } catch (e) {
    if (pgCode(e) === '23505') throw conflict('email_taken', 'A user with this email already exists in the workspace');
    throw e;
  }
}
