import { sql, type Insertable } from 'kysely';
import type { DB } from '../../engine/db/schema.js';
import type { Tx } from '../../engine/db/tx.js';
import { sequenceName } from '../tickets/tickets.repository.js';

/** Bulk writes for the demo seeder: many rows per statement, because PGlite pays per statement. */

type Table = 'users' | 'groups' | 'group_members' | 'field_definitions' | 'organizations' | 'customers' | 'customer_identities';
type BulkTable = Table | 'views' | 'tickets' | 'messages' | 'ticket_followers' | 'ticket_links' | 'events';

/** Inserts rows `size` at a time (Postgres allows 65,535 parameters per statement). */
export async function insertInBatches<T extends BulkTable>(
  db: Tx,
  table: T,
  rows: ReadonlyArray<Insertable<DB[T]>>,
  size = 500,
): Promise<void> {
  for (let i = 0; i < rows.length; i += size) {
    // Kysely cannot narrow `values` for a generic table; each caller passes rows of its table.
    await db
      .insertInto(table)
      .values(rows.slice(i, i + size) as never)
      .execute();
  }
}

export async function findWorkspaceBySlug(db: Tx, slug: string) {
  return (await db.selectFrom('workspaces').selectAll().where('slug', '=', slug).executeTakeFirst()) ?? null;
}

/** The first of `base`, `base-2`, `base-3`… that no workspace uses. */
export async function freeSlug(db: Tx, base: string): Promise<string> {
  const rows = await db
    .selectFrom('workspaces')
    .select('slug')
    .where((eb) => eb.or([eb('slug', '=', base), eb('slug', 'like', `${base}-%`)]))
    .execute();
  const taken = new Set(rows.map((r) => r.slug));
  let n = 1;
  while (taken.has(n === 1 ? base : `${base}-${n}`)) n++;
  return n === 1 ? base : `${base}-${n}`;
}

/** Marks a workspace as a demo and backdates it to when its story begins. */
export async function markDemoWorkspace(db: Tx, workspaceId: string, settings: Record<string, unknown>, foundedAt: Date): Promise<void> {
  await sql`update workspaces set settings = ${JSON.stringify(settings)}::jsonb, created_at = ${foundedAt} where id = ${workspaceId}`.execute(
    db,
  );
}

/** The owner's email of a workspace, for the "already exists" message. */
export async function ownerEmail(db: Tx, workspaceId: string): Promise<string | null> {
  const row = await db
    .selectFrom('users')
    .select('email')
    .where('workspace_id', '=', workspaceId)
    .where('role', '=', 'owner')
    .orderBy('created_at')
    .executeTakeFirst();
  return row?.email ?? null;
}

/** `count` ticket numbers from the workspace's sequence, in ascending order. */
export async function takeTicketNumbers(db: Tx, workspaceId: string, count: number): Promise<number[]> {
  if (count === 0) return [];
  const r = await sql<{ n: number | string }>`select nextval(${sequenceName(workspaceId)}) as n from generate_series(1, ${count})`.execute(
    db,
  );
  return r.rows.map((x) => Number(x.n)).sort((a, b) => a - b);
}

/** Undoes a half-written demo: the workspace (everything cascades) and its number sequence. */
export async function deleteWorkspace(db: Tx, workspaceId: string): Promise<void> {
  await db.deleteFrom('workspaces').where('id', '=', workspaceId).execute();
  await sql.raw(`drop sequence if exists ${sequenceName(workspaceId)}`).execute(db);
}
