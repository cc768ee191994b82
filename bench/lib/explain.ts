import type { Sql } from './bulk-load.js';

/** Every ticket column but search_vector (which the API never returns). */
const COLUMNS =
  'id, workspace_id, number, subject, status, priority, type, category, channel, requester_id, assignee_id, group_id, tags, ' +
  'language, custom_fields, merged_into_id, message_count, created_at, updated_at, solved_at, closed_at';

/**
 * The SQL the server runs for the benchmarked reads, as Kysely renders it in
 * tickets.repository.ts (listTickets) and search.routes.ts, with literal values.
 */
export function readQueries(ws: string, me: string, terms: { zh: string; en: string }) {
  const q = (s: string) => `'${s.replace(/'/g, "''")}'`;
  const list = `select * from tickets where workspace_id = ${q(ws)} and merged_into_id is null and status in ('new', 'open')`;
  const search = (t: string, cols = '*') =>
    `select ${cols}, ts_rank_cd(search_vector, plainto_tsquery('simple', ${q(t)})) as rank from tickets
     where workspace_id = ${q(ws)} and merged_into_id is null and search_vector @@ plainto_tsquery('simple', ${q(t)})
     order by rank desc, updated_at desc limit 20`;
  return {
    inbox: `${list} order by updated_at desc, number desc limit 26`,
    inboxMine: `${list} and assignee_id = ${q(me)} order by updated_at desc, number desc limit 26`,
    inboxWithoutVector: `${list.replace('select *', `select ${COLUMNS}`)} order by updated_at desc, number desc limit 26`,
    searchZhWithoutVector: search(terms.zh, COLUMNS),
    searchZh: search(terms.zh),
    searchEn: search(terms.en),
    searchZhCount: `select count(*) from tickets where workspace_id = ${q(ws)} and search_vector @@ plainto_tsquery('simple', ${q(terms.zh)})`,
    searchEnCount: `select count(*) from tickets where workspace_id = ${q(ws)} and search_vector @@ plainto_tsquery('simple', ${q(terms.en)})`,
  };
}

export interface ExplainResult {
  /** median of 5 executions of the bare SQL, measured from the client, ms */
  sqlMedianMs: number;
  /** "Execution Time" reported by EXPLAIN ANALYZE */
  executionMs: number;
  planningMs: number;
  plan: string[];
}

async function timeIt(db: Sql, sql: string): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 6; i++) {
    const t = performance.now();
    await db.execute(sql);
    if (i > 0) times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return Math.round(times[Math.floor(times.length / 2)]! * 100) / 100;
}

export async function explain(db: Sql, sql: string): Promise<ExplainResult> {
  const sqlMedianMs = await timeIt(db, sql);
  const rows = (await db.execute<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${sql}`)).rows.map((r) => r['QUERY PLAN']);
  const num = (label: string) => Number(rows.find((l) => l.startsWith(label))?.replace(/[^\d.]/g, '') ?? NaN);
  return { sqlMedianMs, executionMs: num('Execution Time'), planningMs: num('Planning Time'), plan: rows };
}

/** EXPLAIN ANALYZE of every read query, plus the share of tickets each search term matches. */
export async function explainReads(db: Sql, ws: string, me: string, terms: { zh: string; en: string }) {
  const q = readQueries(ws, me, terms);
  const count = async (sql: string) => Number((await db.execute<{ count: string | number }>(sql)).rows[0]!.count);
  return {
    matches: { [terms.zh]: await count(q.searchZhCount), [terms.en]: await count(q.searchEnCount) },
    inbox: await explain(db, q.inbox),
    inboxMine: await explain(db, q.inboxMine),
    searchZh: await explain(db, q.searchZh),
    searchEn: await explain(db, q.searchEn),
    /** the same queries without search_vector in the select list: what transferring it costs */
    withoutSearchVector: {
      inboxSqlMedianMs: await timeIt(db, q.inboxWithoutVector),
      searchZhSqlMedianMs: await timeIt(db, q.searchZhWithoutVector),
    },
  };
}
