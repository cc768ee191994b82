import { sql } from 'kysely';
import type { Actor } from '../../../engine/auth/principal.js';
import type { TicketRow } from '../../../engine/db/schema.js';
import type { Tx } from '../../../engine/db/tx.js';
import { insertMessage } from '../messages.repository.js';
import { TICKET_COLUMNS } from '../tickets.repository.js';
import { appendToVector, bodyVector } from '../search-vector.js';
import { applyTicketChanges } from './apply-changes.js';

/**
 * Solving a problem solves its open incidents; the reply that solved the problem (if any) is
 * posted on each incident, so every affected customer hears the answer once.
 */
export async function solveIncidents(trx: Tx, actor: Actor, problem: TicketRow, replyBody: string | null, now: Date): Promise<number> {
  const ws = problem.workspace_id;
  const incidents = await trx
    .selectFrom('ticket_links as l')
    .innerJoin('tickets as t', (j) => j.onRef('t.id', '=', 'l.source_id').onRef('t.workspace_id', '=', 'l.workspace_id'))
    .select(TICKET_COLUMNS.map((c) => `t.${c}` as const))
    .where('l.workspace_id', '=', ws)
    .where('l.target_id', '=', problem.id)
    .where('l.kind', '=', 'incident_of')
    .where('t.status', 'not in', ['solved', 'closed'])
    .orderBy('t.number')
    .forUpdate()
    .execute();
  for (const incident of incidents) {
    const extra = [];
    if (replyBody) {
      const m = await insertMessage(trx, {
        workspaceId: ws,
        ticketId: incident.id,
        kind: 'public',
        authorType: actor.type === 'user' ? 'agent' : 'system',
        authorUserId: actor.type === 'user' ? actor.id : null,
        body: replyBody,
        channel: incident.channel,
        channelMeta: { fromProblemId: problem.id },
        createdAt: now,
      });
      await trx
        .updateTable('tickets')
        .set({ message_count: sql`message_count + 1`, search_vector: appendToVector(bodyVector(replyBody)) })
        .where('workspace_id', '=', ws)
        .where('id', '=', incident.id)
        .execute();
      extra.push({
        ticketId: incident.id,
        kind: 'message.created',
        newValue: { messageId: m.id, kind: 'public', authorType: m.author_type },
      });
    }
    await applyTicketChanges(trx, actor, incident, { status: 'solved' }, now, {
      skipRequiredOnSolve: true,
      extraEvents: [
        ...extra,
        { ticketId: incident.id, kind: 'ticket.solved_by_problem', newValue: { problemId: problem.id, problemNumber: problem.number } },
      ],
    });
  }
  return incidents.length;
}
