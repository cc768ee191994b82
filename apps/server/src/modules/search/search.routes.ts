import { sql } from 'kysely';
import { Type } from '@sinclair/typebox';
import { ErrorEnvelope } from '@kefu/contracts/common';
import { SearchHit, SearchQuery } from '@kefu/contracts/tickets';
import { highlight } from '@kefu/nlp/highlight';
import { tokenize } from '@kefu/nlp/tokenize';
import { agentOf } from '../../engine/auth/auth.hooks.js';
import type { AppContext } from '../../engine/context.js';
import type { TicketRow } from '../../engine/db/schema.js';
import { typed, type TypedApp } from '../../engine/http/app.js';
import { ticketDtos } from '../tickets/tickets.queries.js';
import { TICKET_COLUMNS } from '../tickets/tickets.repository.js';

const MAX_HIGHLIGHTS = 3;
const RANK_CANDIDATES = 1000;

/**
 * Full-text search over ticket subjects and every message, Chinese and English: the query is
 * segmented like the index (jieba + stemming), matched against the GIN-indexed tsvector, ranked
 * with ts_rank_cd (subject terms weigh more), then snippets are highlighted in the app.
 */
export function searchRoutes(app: TypedApp, ctx: AppContext): void {
  const api = typed(app);
  const db = ctx.database.db;

  api.get(
    '/search',
    {
      schema: {
        tags: ['search'],
        summary: 'Search tickets (subject and all messages) with ranked, highlighted results',
        querystring: SearchQuery,
        response: { 200: Type.Object({ items: Type.Array(SearchHit), terms: Type.Array(Type.String()) }), 400: ErrorEnvelope },
      },
    },
    async (req) => {
      const p = agentOf(req);
      const terms = [...new Set(tokenize(req.query.q, 'query'))];
      if (terms.length === 0) return { items: [], terms };
      const query = sql`plainto_tsquery('simple', ${terms.join(' ')})`;
      // Rank the most recently updated matches only: ranking every match of a common word in a big
      // workspace costs 70 ms where finding the newest 1,000 costs 16 (docs/benchmarks.md).
      const rows = await db
        .with('candidates', (qb) =>
          qb
            .selectFrom('tickets')
            .select('id')
            .where('workspace_id', '=', p.workspaceId)
            .where('merged_into_id', 'is', null)
            .where(sql<boolean>`search_vector @@ ${query}`)
            .orderBy('updated_at', 'desc')
            .limit(RANK_CANDIDATES),
        )
        .selectFrom('tickets')
        .innerJoin('candidates', 'candidates.id', 'tickets.id')
        .select(TICKET_COLUMNS.map((c) => `tickets.${c}` as const))
        .select(sql<number>`ts_rank_cd(tickets.search_vector, ${query})`.as('rank'))
        .where('tickets.workspace_id', '=', p.workspaceId)
        .orderBy('rank', 'desc')
        .orderBy('tickets.updated_at', 'desc')
        .limit(req.query.limit ?? 20)
        .execute();
      if (rows.length === 0) return { items: [], terms };
      const ids = rows.map((r) => r.id);
      const messages = await db
        .selectFrom('messages')
        .select(['id', 'ticket_id', 'body'])
        .where('workspace_id', '=', p.workspaceId)
        .where('ticket_id', 'in', ids)
        .orderBy('created_at')
        .execute();
      const tickets = await ticketDtos(db, p.workspaceId, rows as unknown as TicketRow[]);
      return {
        terms,
        items: rows.map((r, i) => {
          const highlights: Array<{ source: 'subject' | 'message'; messageId: string | null; html: string }> = [];
          const s = highlight(r.subject, terms, 200);
          if (s) highlights.push({ source: 'subject', messageId: null, html: s });
          for (const m of messages) {
            if (highlights.length >= MAX_HIGHLIGHTS) break;
            if (m.ticket_id !== r.id) continue;
            const h = highlight(m.body, terms);
            if (h) highlights.push({ source: 'message', messageId: m.id, html: h });
          }
          return { ticket: tickets[i]!, rank: Number(r.rank), highlights };
        }),
      };
    },
  );
}
