import { randomUUID } from 'node:crypto';
import { sql, type Insertable } from 'kysely';
import type { DB } from '../../engine/db/schema.js';
import { bodyVector, subjectVector } from '../tickets/search-vector.js';
import type { PlannedTicket } from './ticket-plan.js';
import type { ActorRef } from './ticket-timeline.js';

/** Planned tickets as table rows: the ticket, its messages, followers, links and events. */

type Rows<T extends keyof DB> = Array<Insertable<DB[T]>>;

/** What the seeder knows about a ticket once written. */
export interface SeededTicket {
  id: string;
  number: number;
  messageIds: string[];
  /** The incident_of link from this ticket, if it is an incident. */
  linkId: string | null;
  /** Incidents linked to this problem. */
  incoming: Array<{ linkId: string; sourceId: string; sourceNumber: number; at: Date; actor: ActorRef }>;
}

export interface TicketBatch {
  tickets: Rows<'tickets'>;
  messages: Rows<'messages'>;
  followers: Rows<'ticket_followers'>;
  links: Rows<'ticket_links'>;
}

/** Text with the `{problem}` placeholder replaced by the problem's number. */
function withProblem(body: string, problem: SeededTicket | null): string {
  return problem ? body.replaceAll('{problem}', String(problem.number)) : body;
}

/**
 * Rows for tickets that already have ids and numbers. The search vector is built as production
 * builds it: subject (weight A) plus every message body (weight B).
 */
export function ticketBatch(
  workspaceId: string,
  tickets: readonly PlannedTicket[],
  seeded: ReadonlyMap<PlannedTicket, SeededTicket>,
): TicketBatch {
  const out: TicketBatch = { tickets: [], messages: [], followers: [], links: [] };
  for (const t of tickets) {
    const s = seeded.get(t)!;
    const problem = t.incidentOf ? seeded.get(t.incidentOf.problem)! : null;
    const bodies = t.messages.map((m) => withProblem(m.body, problem));
    out.tickets.push({
      id: s.id,
      workspace_id: workspaceId,
      number: s.number,
      subject: t.subject,
      status: t.status,
      priority: t.priority,
      type: t.type,
      category: t.category,
      channel: t.channel,
      requester_id: t.requesterId,
      assignee_id: t.assigneeId,
      group_id: t.groupId,
      tags: t.tags,
      language: t.language,
      custom_fields: JSON.stringify(t.customFields),
      message_count: t.messages.length,
      // Insertable types the column as string; the value is an SQL expression computing the tsvector.
      search_vector: sql`${subjectVector(t.subject)} || ${bodyVector(bodies.join('\n'))}` as unknown as string,
      created_at: t.createdAt,
      updated_at: t.updatedAt,
      solved_at: t.solvedAt,
      closed_at: t.closedAt,
    });
    t.messages.forEach((m, i) => {
      out.messages.push({
        id: s.messageIds[i]!,
        workspace_id: workspaceId,
        ticket_id: s.id,
        kind: m.kind,
        author_type: m.authorType,
        author_user_id: m.authorType === 'agent' ? m.authorId : null,
        author_customer_id: m.authorType === 'customer' ? m.authorId : null,
        body: bodies[i]!,
        channel: m.channel,
        channel_meta: JSON.stringify(m.fromProblem && problem ? { fromProblemId: problem.id } : {}),
        created_at: m.at,
      });
    });
    for (const userId of t.followerIds) out.followers.push({ workspace_id: workspaceId, ticket_id: s.id, user_id: userId });
    if (t.incidentOf && problem && s.linkId) {
      out.links.push({
        id: s.linkId,
        workspace_id: workspaceId,
        source_id: s.id,
        target_id: problem.id,
        kind: 'incident_of',
        created_at: t.incidentOf.at,
      });
      problem.incoming.push({
        linkId: s.linkId,
        sourceId: s.id,
        sourceNumber: s.number,
        at: t.incidentOf.at,
        actor: t.assigneeId ? { type: 'user', id: t.assigneeId } : { type: 'system', id: null },
      });
    }
  }
  return out;
}

export function newSeededTicket(t: PlannedTicket, number: number): SeededTicket {
  return {
    id: randomUUID(),
    number,
    messageIds: t.messages.map(() => randomUUID()),
    linkId: t.incidentOf ? randomUUID() : null,
    incoming: [],
  };
}

interface TimedEvent {
  at: Date;
  actor: ActorRef;
  kind: string;
  field: string | null;
  oldValue?: unknown;
  newValue: unknown;
}

// As recordEvents stores them: undefined is SQL null, null is JSON null.
const json = (v: unknown) => (v === undefined ? null : JSON.stringify(v));

/**
 * A ticket's timeline as event rows, oldest first so ids follow time (the timeline is read in id
 * order). Already published: the realtime outbox has nothing to replay for history.
 */
export function ticketEvents(
  workspaceId: string,
  t: PlannedTicket,
  s: SeededTicket,
  problem: SeededTicket | null,
  now: Date,
): Rows<'events'> {
  const created: TimedEvent = {
    at: t.createdAt,
    actor: { type: 'system', id: null },
    kind: 'ticket.created',
    field: null,
    newValue: {
      number: s.number,
      subject: t.subject,
      status: 'new',
      priority: t.priority,
      channel: t.channel,
      requesterId: t.requesterId,
      assigneeId: null,
      groupId: t.groupId,
    },
  };
  // Field changes before the message that caused them, as applyTicketChanges records them.
  const timed: TimedEvent[] = [created];
  for (const c of t.changes) {
    if (c.kind === 'ticket.solved_by_problem') {
      const newValue = problem ? { problemId: problem.id, problemNumber: problem.number } : null;
      timed.push({ at: c.at, actor: c.actor, kind: c.kind, field: null, newValue });
    } else timed.push(c);
  }
  t.messages.forEach((m, i) =>
    timed.push({
      at: m.at,
      actor: { type: m.authorType === 'agent' ? 'user' : 'customer', id: m.authorId },
      kind: 'message.created',
      field: null,
      newValue: { messageId: s.messageIds[i], kind: m.kind, authorType: m.authorType },
    }),
  );
  if (t.incidentOf && problem && s.linkId) {
    const actor: ActorRef = t.assigneeId ? { type: 'user', id: t.assigneeId } : { type: 'system', id: null };
    const newValue = { linkId: s.linkId, kind: 'incident_of', targetId: problem.id, targetNumber: problem.number };
    timed.push({ at: t.incidentOf.at, actor, kind: 'ticket.link_added', field: 'links', oldValue: null, newValue });
  }
  for (const l of s.incoming) {
    const newValue = { linkId: l.linkId, kind: 'incident_of', sourceId: l.sourceId, sourceNumber: l.sourceNumber, direction: 'incoming' };
    timed.push({ at: l.at, actor: l.actor, kind: 'ticket.link_added', field: 'links', oldValue: null, newValue });
  }
  // Stable: at equal times the order above is kept.
  timed.sort((a, b) => a.at.getTime() - b.at.getTime());
  return timed.map((e) => ({
    workspace_id: workspaceId,
    ticket_id: s.id,
    subject_type: 'ticket',
    subject_id: s.id,
    actor_type: e.actor.type,
    actor_id: e.actor.id,
    kind: e.kind,
    field: e.field,
    old_value: json(e.oldValue),
    new_value: json(e.newValue),
    data: null,
    created_at: e.at,
    published_at: now,
  }));
}
