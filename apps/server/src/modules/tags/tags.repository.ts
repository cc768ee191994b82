import { sql } from 'kysely';
import type { TagCount } from '@kefu/contracts/tags';
import type { Tx } from '../../engine/db/tx.js';

/**
 * Ticket tags of a workspace. Tags live on the tickets (a text[] with a GIN index), so there is
 * no tag table: listing unnests them, renaming and deleting rewrite the arrays in one statement.
 * Every query is scoped by workspace_id.
 */

const LIST_LIMIT = 200;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Distinct tags with the number of tickets carrying each, most used first (top 200). */
export async function listTagCounts(db: Tx, workspaceId: string, q?: string): Promise<TagCount[]> {
  const text = q?.trim().toLowerCase();
  const rows = await db
    .selectFrom(sql<{ tag: string }>`(select unnest(tags) as tag from tickets where workspace_id = ${workspaceId})`.as('t'))
    .select(['t.tag', sql<number>`count(*)::int`.as('count')])
    .$if(!!text, (qb) => qb.where(sql<boolean>`lower(t.tag) like ${`%${escapeLike(text ?? '')}%`}`))
    .groupBy('t.tag')
    .orderBy('count', 'desc')
    .orderBy('t.tag')
    .limit(LIST_LIMIT)
    .execute();
  return rows.map((r) => ({ tag: r.tag, count: Number(r.count) }));
}

/**
 * Replaces `from` with `to` on every ticket of the workspace that has it, in one statement; a
 * ticket that already had `to` keeps it once (tags stay distinct and sorted, as tickets store
 * them). Returns the number of tickets changed.
 */
export async function replaceTag(db: Tx, workspaceId: string, from: string, to: string): Promise<number> {
  const r = await db
    .updateTable('tickets')
    .set({
      tags: sql<string[]>`array(select distinct x from unnest(array_replace(tags, ${from}::text, ${to}::text)) as x order by x)`,
    })
    .where('workspace_id', '=', workspaceId)
    .where(sql<boolean>`tags @> array[${from}]::text[]`)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Removes `tag` from every ticket of the workspace. Returns the number of tickets changed. */
export async function removeTag(db: Tx, workspaceId: string, tag: string): Promise<number> {
  const r = await db
    .updateTable('tickets')
    .set({ tags: sql<string[]>`array_remove(tags, ${tag}::text)` })
    .where('workspace_id', '=', workspaceId)
    .where(sql<boolean>`tags @> array[${tag}]::text[]`)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
