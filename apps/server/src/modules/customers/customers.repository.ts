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

/**
 * Finds the customer owning the first matching identity, or creates one with all given
 * identities. Safe under concurrency: a racing insert of the same identity resolves to the
 * customer that won.
 */
export async function upsertRequester(db: Tx, workspaceId: string, r: RequesterSpec): Promise<{ id: string; created: boolean }> {
  const identities = identitiesOfSpec(r);
  for (const i of identities) {
    const id = await findByIdentity(db, workspaceId, i.kind, i.value);
    if (id) {
      await addIdentities(db, workspaceId, id, identities);
      return { id, created: false };
    }
  }
  const fallbackName = r.name ?? r.email?.split('@')[0] ?? r.phone ?? 'Customer';
  const created = await db
    .insertInto('customers')
    .values({
      workspace_id: workspaceId,
      name: fallbackName,
      search_text: [fallbackName, ...identities.map((i) => `${normalizeIdentity(i.kind, i.value)} ${i.displayName ?? ''}`)]
        .join(' ')
        .toLowerCase(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const taken = await addIdentities(db, workspaceId, created.id, identities);
  const first = taken[0];
  if (first && taken.length === identities.length) {
    // Someone created the same customer concurrently: use theirs.
    await db.deleteFrom('customers').where('workspace_id', '=', workspaceId).where('id', '=', created.id).execute();
    return { id: first.customerId, created: false };
  }
  if (taken.length > 0) await refreshSearchText(db, workspaceId, created.id);
  return { id: created.id, created: true };
}
