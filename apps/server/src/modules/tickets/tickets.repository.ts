import { sql } from 'kysely';
import type { TicketFilters, TicketSort } from '@kefu/contracts/tickets';
import { tokenize } from '@kefu/nlp/tokenize';
import type { TicketRow } from '../../engine/db/schema.js';
import type { Tx } from '../../engine/db/tx.js';
import { badRequest } from '../../engine/errors.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Every ticket column but the search vector (which can be large and is never shown). */
export const TICKET_COLUMNS = [
  'id',
  'workspace_id',
  'number',
  'subject',
  'status',
  'priority',
  'type',
  'category',
  'channel',
  'requester_id',
  'assignee_id',
  'group_id',
  'tags',
  'language',
  'custom_fields',
  'merged_into_id',
  'message_count',
  'created_at',
  'updated_at',
  'solved_at',
  'closed_at',
] as const satisfies ReadonlyArray<keyof TicketRow>;

/** A ticket by uuid or by its per-workspace number; null when it is not in this workspace. */
export async function findTicket(db: Tx, workspaceId: string, idOrNumber: string, forUpdate = false): Promise<TicketRow | null> {
  let q = db.selectFrom('tickets').select(TICKET_COLUMNS).where('workspace_id', '=', workspaceId);
  if (UUID.test(idOrNumber)) q = q.where('id', '=', idOrNumber.toLowerCase());
  else if (/^\d{1,15}$/.test(idOrNumber)) q = q.where('number', '=', Number(idOrNumber));
  else return null;
  if (forUpdate) q = q.forUpdate();
  return (await q.executeTakeFirst()) ?? null;
}

export function sequenceName(workspaceId: string): string {
  return `ticket_number_${workspaceId.replace(/-/g, '')}`;
}

export async function createTicketSequence(db: Tx, workspaceId: string): Promise<void> {
  await sql.raw(`create sequence if not exists ${sequenceName(workspaceId)}`).execute(db);
}

export async function followersOf(db: Tx, workspaceId: string, ticketIds: readonly string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  if (ticketIds.length === 0) return map;
  const rows = await db
    .selectFrom('ticket_followers')
    .select(['ticket_id', 'user_id'])
    .where('workspace_id', '=', workspaceId)
    .where('ticket_id', 'in', ticketIds)
    .execute();
  for (const r of rows) map.set(r.ticket_id, [...(map.get(r.ticket_id) ?? []), r.user_id]);
  return map;
}

export async function setFollowers(db: Tx, workspaceId: string, ticketId: string, userIds: readonly string[]): Promise<void> {
  await db.deleteFrom('ticket_followers').where('workspace_id', '=', workspaceId).where('ticket_id', '=', ticketId).execute();
  if (userIds.length > 0) {
    await db
      .insertInto('ticket_followers')
      .values(userIds.map((u) => ({ workspace_id: workspaceId, ticket_id: ticketId, user_id: u })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
}

export interface RequesterSummary {
  id: string;
  name: string;
  email: string | null;
}

export async function requesterSummaries(
  db: Tx,
  workspaceId: string,
  customerIds: readonly string[],
): Promise<Map<string, RequesterSummary>> {
  const map = new Map<string, RequesterSummary>();
  const ids = [...new Set(customerIds)];
  if (ids.length === 0) return map;
  const rows = await db
    .selectFrom('customers as c')
    .select([
      'c.id',
      'c.name',
      (eb) =>
        eb
          .selectFrom('customer_identities as i')
          .select('i.value')
          .whereRef('i.workspace_id', '=', 'c.workspace_id')
          .whereRef('i.customer_id', '=', 'c.id')
          .where('i.kind', '=', 'email')
          .orderBy('i.created_at')
          .limit(1)
          .as('email'),
    ])
    .where('c.workspace_id', '=', workspaceId)
    .where('c.id', 'in', ids)
    .execute();
  for (const r of rows) map.set(r.id, { id: r.id, name: r.name, email: r.email ?? null });
  return map;
}

const SORTS: Record<TicketSort, { col: 'updated_at' | 'created_at' | 'number' | 'sla_due_at'; dir: 'asc' | 'desc' }> = {
  updated_desc: { col: 'updated_at', dir: 'desc' },
  updated_asc: { col: 'updated_at', dir: 'asc' },
  created_desc: { col: 'created_at', dir: 'desc' },
  created_asc: { col: 'created_at', dir: 'asc' },
  number_desc: { col: 'number', dir: 'desc' },
  number_asc: { col: 'number', dir: 'asc' },
  // Kept by the SLA module (null when nothing runs): soonest first, nulls last.
  sla_due: { col: 'sla_due_at', dir: 'asc' },
};

// Cursor timestamps outside years 1–9999 cannot be real rows (and PostgreSQL rejects some of them).
const MIN_TIME = Date.parse('0001-01-01T00:00:00Z');
const MAX_TIME = Date.parse('9999-12-31T23:59:59.999Z');

interface Cursor {
  /** null only for the SLA sort, past the tickets that have a due instant */
  v: string | number | null;
  n: number;
}

function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

function decodeCursor(s: string): Cursor {
  try {
    const c = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as Cursor;
    if ((typeof c.v === 'string' || typeof c.v === 'number' || c.v === null) && Number.isSafeInteger(c.n)) return c;
  } catch {
    /* fall through */
  }
  throw badRequest('invalid_cursor', 'The cursor is not one this API returned');
}

export interface ListArgs {
  workspaceId: string;
  userId: string;
  filters: TicketFilters;
  sort: TicketSort;
  cursor?: string | undefined;
  limit: number;
  now: Date;
}

type FilterArgs = Pick<ListArgs, 'workspaceId' | 'userId' | 'filters' | 'now'>;

/** The filtered ticket set, or null when the text filter has no searchable term. */
function filtered(db: Tx, a: FilterArgs) {
  const f = a.filters;
  let q = db.selectFrom('tickets').where('workspace_id', '=', a.workspaceId).where('merged_into_id', 'is', null);
  if (f.status?.length) q = q.where('status', 'in', f.status);
  if (f.priority?.length) q = q.where('priority', 'in', f.priority);
  if (f.channel?.length) q = q.where('channel', 'in', f.channel);
  if (f.type) q = q.where('type', '=', f.type);
  if (f.assignee === 'me') q = q.where('assignee_id', '=', a.userId);
  else if (f.assignee === 'none') q = q.where('assignee_id', 'is', null);
  else if (f.assignee) q = q.where('assignee_id', '=', f.assignee.toLowerCase());
  if (f.group === 'none') q = q.where('group_id', 'is', null);
  else if (f.group) q = q.where('group_id', '=', f.group.toLowerCase());
  if (f.tag) q = q.where(sql<boolean>`tags @> array[${f.tag}]::text[]`);
  if (f.requesterId) q = q.where('requester_id', '=', f.requesterId);
  if (f.updatedWithinDays) q = q.where('updated_at', '>=', new Date(a.now.getTime() - f.updatedWithinDays * 86_400_000));
  if (f.q) {
    const terms = tokenize(f.q, 'query');
    if (terms.length === 0) return null;
    q = q.where(sql<boolean>`search_vector @@ plainto_tsquery('simple', ${terms.join(' ')})`);
  }
  return q;
}

/** One page of tickets, keyset-paginated on (sort column, number) so pages never skip or repeat. */
export async function listTickets(db: Tx, a: ListArgs): Promise<{ rows: TicketRow[]; nextCursor: string | null }> {
  const s = SORTS[a.sort] ?? SORTS.updated_desc;
  const base = filtered(db, a);
  if (!base) return { rows: [], nextCursor: null };
  if (s.col === 'sla_due_at') return listBySlaDue(base, a);
  const col = s.col;
  let q = base.select(TICKET_COLUMNS);
  if (a.cursor) {
    const c = decodeCursor(a.cursor);
    const v = col === 'number' ? Number(c.v) : new Date(String(c.v));
    const valid = typeof v === 'number' ? Number.isSafeInteger(v) : v.getTime() >= MIN_TIME && v.getTime() <= MAX_TIME;
    if (!valid || c.v === null) throw badRequest('invalid_cursor', 'The cursor is not one this API returned');
    const op = s.dir === 'desc' ? '<' : '>';
    q = q.where((eb) => eb.or([eb(col, op, v as never), eb.and([eb(col, '=', v as never), eb('number', op, c.n)])]));
  }
  q = q.orderBy(col, s.dir);
  if (col !== 'number') q = q.orderBy('number', s.dir);
  const rows = await q.limit(a.limit + 1).execute();
  const more = rows.length > a.limit;
  const page = more ? rows.slice(0, a.limit) : rows;
  const last = page[page.length - 1];
  const nextCursor =
    more && last ? encodeCursor({ v: col === 'number' ? last.number : (last[col] as Date).toISOString(), n: last.number }) : null;
  return { rows: page, nextCursor };
}

/** The SLA sort: next due instant ascending (breached first, being past), tickets without one last. */
async function listBySlaDue(base: NonNullable<ReturnType<typeof filtered>>, a: ListArgs) {
  let q = base.select([...TICKET_COLUMNS, 'sla_due_at']);
  if (a.cursor) {
    const c = decodeCursor(a.cursor);
    if (c.v === null) q = q.where((eb) => eb.and([eb('sla_due_at', 'is', null), eb('number', '>', c.n)]));
    else {
      const v = new Date(String(c.v));
      if (!(v.getTime() >= MIN_TIME && v.getTime() <= MAX_TIME))
        throw badRequest('invalid_cursor', 'The cursor is not one this API returned');
      q = q.where((eb) =>
        eb.or([eb('sla_due_at', '>', v), eb.and([eb('sla_due_at', '=', v), eb('number', '>', c.n)]), eb('sla_due_at', 'is', null)]),
      );
    }
  }
  const rows = await q
    .orderBy(sql`sla_due_at asc nulls last`)
    .orderBy('number', 'asc')
    .limit(a.limit + 1)
    .execute();
  const more = rows.length > a.limit;
  const page = more ? rows.slice(0, a.limit) : rows;
  const last = page[page.length - 1];
  const nextCursor = more && last ? encodeCursor({ v: last.sla_due_at?.toISOString() ?? null, n: last.number }) : null;
  return { rows: page as TicketRow[], nextCursor };
}

/** How many tickets match the filters (view counts). */
export async function countTickets(db: Tx, a: FilterArgs): Promise<number> {
  const base = filtered(db, a);
  if (!base) return 0;
  const r = await base.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}
