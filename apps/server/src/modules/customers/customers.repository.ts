import { sql } from 'kysely';
import type { Tx } from '../../engine/db/tx.js';
import type { CustomerRow } from '../../engine/db/schema.js';
import { normalizeIdentity, type IdentityKind } from './identities.js';

export interface IdentityRow {
  id: string;
  customer_id: string;
  kind: string;
  value: string;
  display_name: string | null;
}

export async function findCustomer(db: Tx, workspaceId: string, id: string): Promise<CustomerRow | null> {
  return (
    (await db.selectFrom('customers').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst()) ?? null
  );
}

export async function identitiesOf(db: Tx, workspaceId: string, customerIds: readonly string[]): Promise<IdentityRow[]> {
  if (customerIds.length === 0) return [];
  return db
    .selectFrom('customer_identities')
    .select(['id', 'customer_id', 'kind', 'value', 'display_name'])
    .where('workspace_id', '=', workspaceId)
    .where('customer_id', 'in', customerIds)
    .orderBy('created_at')
    .execute();
}

export async function findByIdentity(db: Tx, workspaceId: string, kind: IdentityKind, value: string): Promise<string | null> {
  const row = await db
    .selectFrom('customer_identities')
    .select('customer_id')
    .where('workspace_id', '=', workspaceId)
    .where('kind', '=', kind)
    .where('value', '=', normalizeIdentity(kind, value))
    .executeTakeFirst();
  return row?.customer_id ?? null;
}

/** Recomputes the trigram-searchable text (name + identities) of a customer. */
export async function refreshSearchText(db: Tx, workspaceId: string, customerId: string): Promise<void> {
  await sql`
    update customers c set search_text = lower(c.name || ' ' || coalesce(
      (select string_agg(i.value || ' ' || coalesce(i.display_name, ''), ' ') from customer_identities i
        where i.workspace_id = c.workspace_id and i.customer_id = c.id), ''))
    where c.workspace_id = ${workspaceId} and c.id = ${customerId}`.execute(db);
}

export interface NewIdentity {
  kind: IdentityKind;
  value: string;
  displayName?: string | null | undefined;
}

/**
 * Adds identities to a customer. Returns those already taken by another customer (unique per
 * workspace), which are not moved: merging customers is an explicit act.
 */
export async function addIdentities(
  db: Tx,
  workspaceId: string,
  customerId: string,
  identities: readonly NewIdentity[],
): Promise<Array<{ kind: string; value: string; customerId: string }>> {
  const taken: Array<{ kind: string; value: string; customerId: string }> = [];
  for (const i of identities) {
    const value = normalizeIdentity(i.kind, i.value);
    const inserted = await db
      .insertInto('customer_identities')
      .values({ workspace_id: workspaceId, customer_id: customerId, kind: i.kind, value, display_name: i.displayName ?? null })
      .onConflict((oc) => oc.doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) {
      const owner = await db
        .selectFrom('customer_identities')
        .select('customer_id')
        .where('workspace_id', '=', workspaceId)
        .where('kind', '=', i.kind)
        .where('value', '=', value)
        .executeTakeFirst();
      if (owner && owner.customer_id !== customerId) taken.push({ kind: i.kind, value, customerId: owner.customer_id });
    }
  }
  return taken;
}

export interface RequesterSpec {
  name?: string | undefined;
  email?: string | undefined;
  phone?: string | undefined;
  wechatOpenId?: string | undefined;
  visitorId?: string | undefined;
}

export function identitiesOfSpec(r: RequesterSpec): NewIdentity[] {
  const out: NewIdentity[] = [];
  if (r.email) out.push({ kind: 'email', value: r.email, displayName: r.name ?? null });
  if (r.phone) out.push({ kind: 'phone', value: r.phone });
  if (r.wechatOpenId) out.push({ kind: 'wechat', value: r.wechatOpenId });
  if (r.visitorId) out.push({ kind: 'visitor', value: r.visitorId });
  return out;
}

function searchTextOf(name: string, identities: readonly NewIdentity[]): string {
  return [name, ...identities.map((i) => `${normalizeIdentity(i.kind, i.value)} ${i.displayName ?? ''}`)].join(' ').toLowerCase();
}

export interface UpsertedRequester {
  id: string;
  created: boolean;
  /** Known without another query when the customer was just created. */
  name: string | null;
  email: string | null;
}

/**
 * Finds the customer owning the first matching identity, or creates one with all given
 * identities. Safe under concurrency: a racing insert of the same identity resolves to the
 * customer that won. With one identity (the common case) it is a single statement.
 */
export async function upsertRequester(db: Tx, workspaceId: string, r: RequesterSpec): Promise<UpsertedRequester> {
  const identities = identitiesOfSpec(r);
  const name = r.name ?? r.email?.split('@')[0] ?? r.phone ?? 'Customer';
  const email = r.email ? normalizeIdentity('email', r.email) : null;
  const only = identities.length === 1 ? identities[0] : undefined;
  if (only) {
    const value = normalizeIdentity(only.kind, only.value);
    const { rows } = await sql<{ found: string | null; created: string | null; orphan: string | null }>`
      with found as (
        select customer_id from customer_identities where workspace_id = ${workspaceId} and kind = ${only.kind} and value = ${value}
      ), new_customer as (
        insert into customers (workspace_id, name, search_text)
        select ${workspaceId}::uuid, ${name}, ${searchTextOf(name, identities)} where not exists (select 1 from found)
        returning id
      ), new_identity as (
        insert into customer_identities (workspace_id, customer_id, kind, value, display_name)
        select ${workspaceId}::uuid, id, ${only.kind}, ${value}, ${only.displayName ?? null}::text from new_customer
        on conflict do nothing returning customer_id
      )
      select (select customer_id from found) as found, (select customer_id from new_identity) as created,
             (select id from new_customer) as orphan`.execute(db);
    const row = rows[0]!;
    if (row.found) return { id: row.found, created: false, name: null, email: null };
    if (row.created) return { id: row.created, created: true, name, email };
    // Lost a race for the identity: drop the customer we made and use the winner's.
    if (row.orphan) await db.deleteFrom('customers').where('workspace_id', '=', workspaceId).where('id', '=', row.orphan).execute();
    const winner = await findByIdentity(db, workspaceId, only.kind, only.value);
    if (!winner) throw new Error('identity vanished during requester upsert');
    return { id: winner, created: false, name: null, email: null };
  }
  for (const i of identities) {
    const id = await findByIdentity(db, workspaceId, i.kind, i.value);
    if (id) {
      await addIdentities(db, workspaceId, id, identities);
      return { id, created: false, name: null, email: null };
    }
  }
  const created = await db
    .insertInto('customers')
    .values({ workspace_id: workspaceId, name, search_text: searchTextOf(name, identities) })
    .returning('id')
    .executeTakeFirstOrThrow();
  const taken = await addIdentities(db, workspaceId, created.id, identities);
  const first = taken[0];
  if (first && taken.length === identities.length) {
    // Someone created the same customer concurrently: use theirs.
    await db.deleteFrom('customers').where('workspace_id', '=', workspaceId).where('id', '=', created.id).execute();
    return { id: first.customerId, created: false, name: null, email: null };
  }
  if (taken.length > 0) await refreshSearchText(db, workspaceId, created.id);
  return { id: created.id, created: true, name, email };
}
