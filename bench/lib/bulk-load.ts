import { randomUUID } from 'node:crypto';
import { generateTicket, mentionsRefund, pick, rng, weighted, type Rng } from './corpus.js';

/** What the loader needs from a database: raw SQL with parameters (pg pool or PGlite). */
export interface Sql {
  execute<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<{ rows: R[] }>;
}

export interface BulkLoadResult {
  workspaceId: string;
  existingTickets: number;
  insertedTickets: number;
  insertedMessages: number;
  insertedCustomers: number;
  totalTickets: number;
  /** share of all bulk-loaded tickets whose subject or messages contain 退款 or a refund-family word */
  refundShare: number;
  statusCounts: Record<string, number>;
  seconds: number;
}

const DAY = 86_400_000;
const BATCH = 2000;
const CHANNELS = [
  ['email', 40],
  ['web', 20],
  ['chat', 15],
  ['wechat', 15],
  ['phone', 5],
  ['api', 5],
] as const;
const TYPES = [null, null, null, 'question', 'question', 'incident', 'problem', 'task', 'complaint'] as const;

/** A backlog of days: recent tickets are in progress, older ones solved or closed. */
function statusFor(r: Rng, ageDays: number): string {
  if (ageDays <= 3)
    return weighted(r, [
      ['new', 30],
      ['open', 40],
      ['pending', 20],
      ['solved', 10],
    ]);
  if (ageDays <= 30)
    return weighted(r, [
      ['new', 2],
      ['open', 15],
      ['pending', 10],
      ['on_hold', 3],
      ['solved', 40],
      ['closed', 30],
    ]);
  return weighted(r, [
    ['open', 0.5],
    ['pending', 0.5],
    ['solved', 7],
    ['closed', 92],
  ]);
}

/**
 * Inserts tickets (with one or two messages each) until the bench workspace holds `target`
 * tickets. Requesters are new customers with an email identity, reused for ~40% of tickets.
 * The search vector is built as production builds it: tokens from the server's own
 * indexTokens() (jieba + stemming), subject weighted A and each message B.
 */
export async function bulkLoad(db: Sql, target: number, seed = 42): Promise<BulkLoadResult> {
  const t0 = performance.now();
  const { indexTokens } = await import('../../apps/server/src/modules/tickets/search-vector.js');
  const me = (
    await db.execute<{ ws: string; uid: string }>(
      `select u.workspace_id as ws, u.id as uid from users u join workspaces w on w.id = u.workspace_id where w.slug = 'bench' and u.email = 'bench@example.com'`,
    )
  ).rows[0];
  if (!me) throw new Error('bench workspace or user missing');
  const ws = me.ws;
  await db.execute(
    `insert into users (workspace_id, email, name, role)
     select $1, 'agent' || g || '@bench.example.com', 'Agent ' || g, 'agent' from generate_series(1, 9) g
     on conflict do nothing`,
    [ws],
  );
  const agents = (await db.execute<{ id: string }>(`select id from users where workspace_id = $1 order by email`, [ws])).rows.map(
    (x) => x.id,
  );
  const before = (
    await db.execute<{ n: string | number; m: string | number }>(
      `select count(*) as n, coalesce(max(number), 0) as m from tickets where workspace_id = $1`,
      [ws],
    )
  ).rows[0]!;
  const existing = Number(before.n);
  let number = Number(before.m);
  const toAdd = Math.max(0, target - existing);
  const r = rng(seed);
  const now = Date.now();
  const customers: string[] = [];
  const custCount = Math.ceil(toAdd * 0.6);
  for (let off = 0; off < custCount; off += BATCH) {
    const rows = [];
    for (let i = off; i < Math.min(custCount, off + BATCH); i++) {
      const id = randomUUID();
      customers.push(id);
      const name = generateTicket(r).name;
      const email = `customer${i}.${id.slice(0, 8)}@example.${pick(r, ['com', 'cn', 'net', 'com.cn'])}`;
      rows.push({ id, name, email, search: `${name} ${email} ${name}`.toLowerCase(), at: new Date(now - r() * 400 * DAY).toISOString() });
    }
    const json = JSON.stringify(rows);
    await db.execute(
      `insert into customers (id, workspace_id, name, search_text, created_at, updated_at)
       select id, $1, name, search, at, at from json_to_recordset($2::json) as r(id uuid, name text, search text, at timestamptz)`,
      [ws, json],
    );
    await db.execute(
      `insert into customer_identities (workspace_id, customer_id, kind, value, display_name, created_at)
       select $1, id, 'email', email, name, at from json_to_recordset($2::json) as r(id uuid, name text, email text, at timestamptz)`,
      [ws, json],
    );
  }
  let messages = 0;
  let refund = 0;
  const statusCounts: Record<string, number> = {};
  for (let off = 0; off < toAdd; off += BATCH) {
    const tickets = [];
    const msgs = [];
    for (let i = off; i < Math.min(toAdd, off + BATCH); i++) {
      const g = generateTicket(r);
      const ageDays = r() * 365;
      const created = now - ageDays * DAY;
      const status = statusFor(r, ageDays);
      statusCounts[status] = (statusCounts[status] ?? 0) + 1;
      const replied = status !== 'new';
      const assignee = status === 'new' && r() < 0.8 ? null : pick(r, agents);
      const updated = Math.min(now, created + r() * (replied ? 5 : 0.2) * DAY);
      const requester = i < custCount ? customers[i]! : pick(r, customers);
      const channel = weighted(r, CHANNELS);
      const id = randomUUID();
      if (mentionsRefund(g, replied)) refund++;
      const updatedIso = new Date(updated).toISOString();
      tickets.push({
        id,
        number: ++number,
        subject: g.subject,
        status,
        priority: weighted(r, [
          ['low', 15],
          ['normal', 60],
          ['high', 20],
          ['urgent', 5],
        ]),
        type: pick(r, TYPES),
        channel,
        requester,
        assignee,
        tags: r() < 0.5 ? [g.topic] : [],
        language: g.lang === 'en' ? 'en' : 'zh-CN',
        count: replied ? 2 : 1,
        s: indexTokens(g.subject),
        b1: indexTokens(g.body),
        b2: replied ? indexTokens(g.reply) : null,
        created: new Date(created).toISOString(),
        updated: updatedIso,
        solved: status === 'solved' || status === 'closed' ? updatedIso : null,
        closed: status === 'closed' ? updatedIso : null,
      });
      msgs.push({
        ticket: id,
        type: 'customer',
        user: null,
        customer: requester,
        body: g.body,
        channel,
        at: new Date(created).toISOString(),
      });
      if (replied) {
        const at = new Date(Math.min(updated, created + 3_600_000)).toISOString();
        msgs.push({ ticket: id, type: 'agent', user: assignee ?? pick(r, agents), customer: null, body: g.reply, channel, at });
      }
    }
    await db.execute(
      `insert into tickets (id, workspace_id, number, subject, status, priority, type, channel, requester_id, assignee_id, tags,
         language, message_count, search_vector, created_at, updated_at, solved_at, closed_at)
       select id, $1, number, subject, status, priority, type, channel, requester, assignee, tags, language, count,
         setweight(to_tsvector('simple', s), 'A') || setweight(to_tsvector('simple', b1), 'B')
           || coalesce(setweight(to_tsvector('simple', b2), 'B'), ''::tsvector),
         created, updated, solved, closed
       from json_to_recordset($2::json) as r(id uuid, number bigint, subject text, status text, priority text, type text,
         channel text, requester uuid, assignee uuid, tags text[], language text, count int, s text, b1 text, b2 text,
         created timestamptz, updated timestamptz, solved timestamptz, closed timestamptz)`,
      [ws, JSON.stringify(tickets)],
    );
    await db.execute(
      `insert into messages (workspace_id, ticket_id, kind, author_type, author_user_id, author_customer_id, body, channel, created_at)
       select $1, ticket, 'public', type, "user", customer, body, channel, at
       from json_to_recordset($2::json) as r(ticket uuid, type text, "user" uuid, customer uuid, body text, channel text, at timestamptz)`,
      [ws, JSON.stringify(msgs)],
    );
    messages += msgs.length;
  }
  await db.execute(`select setval('ticket_number_${ws.replace(/-/g, '')}', $1)`, [Math.max(number, 1)]);
  const total = Number(
    (await db.execute<{ n: string | number }>(`select count(*) as n from tickets where workspace_id = $1`, [ws])).rows[0]!.n,
  );
  return {
    workspaceId: ws,
    existingTickets: existing,
    insertedTickets: toAdd,
    insertedMessages: messages,
    insertedCustomers: custCount,
    totalTickets: total,
    refundShare: toAdd ? Math.round((refund / toAdd) * 1000) / 1000 : 0,
    statusCounts,
    seconds: Math.round((performance.now() - t0) / 100) / 10,
  };
}

/**
 * Recomputes, the way the bulk loader does, the search vector of tickets made through the API
 * (one message each) and counts how many equal what the server stored.
 */
export async function verifySearchVectors(db: Sql, workspaceId: string, limit = 100): Promise<{ checked: number; same: number }> {
  const { indexTokens } = await import('../../apps/server/src/modules/tickets/search-vector.js');
  const rows = (
    await db.execute<{ id: string; subject: string; body: string }>(
      `select t.id, t.subject, m.body from tickets t join messages m on m.ticket_id = t.id
       where t.workspace_id = $1 and t.channel = 'email' and t.message_count = 1 and m.author_type = 'customer'
         and not exists (select 1 from messages m2 where m2.ticket_id = t.id and m2.id <> m.id)
       order by t.number limit $2`,
      [workspaceId, limit],
    )
  ).rows;
  let same = 0;
  for (const r of rows) {
    const x = await db.execute<{ same: boolean }>(
      `select search_vector = (setweight(to_tsvector('simple', $2), 'A') || setweight(to_tsvector('simple', $3), 'B')) as same
       from tickets where id = $1`,
      [r.id, indexTokens(r.subject), indexTokens(r.body)],
    );
    if (x.rows[0]?.same) same++;
  }
  return { checked: rows.length, same };
}
