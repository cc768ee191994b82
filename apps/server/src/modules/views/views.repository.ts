import type { View } from '@kefu/contracts/tickets';
import type { Tx } from '../../engine/db/tx.js';

/** A view the user can see: their own or a shared one (user_id null). */
export async function findView(db: Tx, workspaceId: string, userId: string, id: string) {
  return (
    (await db
      .selectFrom('views')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .where((eb) => eb.or([eb('user_id', '=', userId), eb('user_id', 'is', null)]))
      .executeTakeFirst()) ?? null
  );
}

export function toView(r: { id: string; name: string; user_id: string | null; filters: unknown; sort: string; position: number }): View {
  return {
    id: r.id,
    name: r.name,
    shared: r.user_id === null,
    filters: r.filters as View['filters'],
    sort: r.sort as View['sort'],
    position: r.position,
  };
}
