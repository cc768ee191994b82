import type { Workspace } from '@kefu/contracts/users';
import type { Tx } from '../../engine/db/tx.js';
import { conflict } from '../../engine/errors.js';
import { createTicketSequence } from '../tickets/tickets.repository.js';

export function toWorkspace(r: { id: string; slug: string; name: string; default_language: string; time_zone: string }): Workspace {
  return { id: r.id, slug: r.slug, name: r.name, defaultLanguage: r.default_language, timeZone: r.time_zone };
}

export function slugify(name: string): string {
  const s = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return s.length >= 2 ? s : `ws-${Math.random().toString(36).slice(2, 8)}`;
}

/** Creates a workspace with its ticket-number sequence. */
export async function insertWorkspace(trx: Tx, w: { name: string; slug?: string | undefined; language: string; timeZone: string }) {
  const slug = w.slug ?? slugify(w.name);
  const taken = await trx.selectFrom('workspaces').select('id').where('slug', '=', slug).executeTakeFirst();
  if (taken) throw conflict('workspace_slug_taken', `The workspace address "${slug}" is taken`);
  const row = await trx
    .insertInto('workspaces')
    .values({ name: w.name, slug, default_language: w.language, time_zone: w.timeZone })
    .returningAll()
    .executeTakeFirstOrThrow();
  await createTicketSequence(trx, row.id);
  return row;
}
