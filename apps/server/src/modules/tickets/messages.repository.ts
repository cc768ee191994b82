import type { Attachment, Message } from '@kefu/contracts/tickets';
import type { MessageRow } from '../../engine/db/schema.js';
import type { Tx } from '../../engine/db/tx.js';
import { toMessage } from './tickets.serializer.js';

export interface NewMessage {
  workspaceId: string;
  ticketId: string;
  kind: 'public' | 'note';
  authorType: 'agent' | 'customer' | 'system';
  authorUserId?: string | null;
  authorCustomerId?: string | null;
  body: string;
  channel: string;
  channelMeta?: Record<string, unknown>;
  createdAt: Date;
}

export async function insertMessage(db: Tx, m: NewMessage): Promise<MessageRow> {
  return db
    .insertInto('messages')
    .values({
      workspace_id: m.workspaceId,
      ticket_id: m.ticketId,
      kind: m.kind,
      author_type: m.authorType,
      author_user_id: m.authorUserId ?? null,
      author_customer_id: m.authorCustomerId ?? null,
      body: m.body,
      channel: m.channel,
      channel_meta: JSON.stringify(m.channelMeta ?? {}),
      created_at: m.createdAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function messagesOf(db: Tx, workspaceId: string, ticketId: string, opts: { includeNotes: boolean }): Promise<MessageRow[]> {
  let q = db.selectFrom('messages').selectAll().where('workspace_id', '=', workspaceId).where('ticket_id', '=', ticketId);
  if (!opts.includeNotes) q = q.where('kind', '=', 'public');
  return q.orderBy('created_at').orderBy('id').execute();
}

export function attachmentUrl(id: string): string {
  return `/api/v1/attachments/${id}`;
}

/** Messages as DTOs with their authors and attachments, loaded in two batched queries. */
export async function hydrateMessages(db: Tx, workspaceId: string, rows: readonly MessageRow[]): Promise<Message[]> {
  if (rows.length === 0) return [];
  const userIds = [...new Set(rows.map((r) => r.author_user_id).filter((x): x is string => !!x))];
  const customerIds = [...new Set(rows.map((r) => r.author_customer_id).filter((x): x is string => !!x))];
  const [users, customers, files] = await Promise.all([
    userIds.length
      ? db.selectFrom('users').select(['id', 'name', 'email']).where('workspace_id', '=', workspaceId).where('id', 'in', userIds).execute()
      : [],
    customerIds.length
      ? db.selectFrom('customers').select(['id', 'name']).where('workspace_id', '=', workspaceId).where('id', 'in', customerIds).execute()
      : [],
    db
      .selectFrom('attachments')
      .select(['id', 'message_id', 'filename', 'content_type', 'size'])
      .where('workspace_id', '=', workspaceId)
      .where(
        'message_id',
        'in',
        rows.map((r) => r.id),
      )
      .orderBy('created_at')
      .execute(),
  ]);
  const userMap = new Map(users.map((u) => [u.id, { id: u.id, name: u.name, email: u.email }]));
  const customerMap = new Map(customers.map((c) => [c.id, { id: c.id, name: c.name, email: null }]));
  const byMessage = new Map<string, Attachment[]>();
  for (const f of files) {
    if (!f.message_id) continue;
    const list = byMessage.get(f.message_id) ?? [];
    list.push({ id: f.id, filename: f.filename, contentType: f.content_type, size: Number(f.size), url: attachmentUrl(f.id) });
    byMessage.set(f.message_id, list);
  }
  return rows.map((r) =>
    toMessage(
      r,
      (r.author_user_id ? userMap.get(r.author_user_id) : r.author_customer_id ? customerMap.get(r.author_customer_id) : null) ?? null,
      byMessage.get(r.id) ?? [],
    ),
  );
}

/** Attaches uploaded, not yet used files of this workspace to a message. */
export async function claimAttachments(db: Tx, workspaceId: string, messageId: string, ids: readonly string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const r = await db
    .updateTable('attachments')
    .set({ message_id: messageId })
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', ids)
    .where('message_id', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
