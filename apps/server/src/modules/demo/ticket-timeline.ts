import { transition, type StatusEvent, type StatusState, type TicketStatus } from '@kefu/core/ticket-status';
import type { Rng } from './demo-random.js';

/**
 * The life of one demo ticket as a list of timed steps (messages, assignment, auto-close),
 * replayed through the real status machine so statuses, solved_at and closed_at are exactly
 * what the product would have produced.
 */

/**
 * Turns of a conversation, one letter each. Customer: O opening, D details, C chasing, T thanks.
 * Agent replies: A asks (pending), P progress (pending), H on hold, R resolves, W closing words
 * (solved). N is an internal note.
 */
export type Stage = 'O' | 'A' | 'D' | 'P' | 'H' | 'N' | 'R' | 'C' | 'T' | 'W';
export type Target = 'new' | 'open' | 'pending' | 'on_hold' | 'resolved';

/** Conversation shapes by where the ticket ends up, with weights. */
export const PATTERNS: Readonly<Record<Target, ReadonlyArray<readonly [string, number]>>> = {
  new: [
    ['O', 4],
    ['OC', 1],
  ],
  open: [
    ['O', 1],
    ['ON', 1],
    ['OAD', 5],
    ['OADN', 2],
    ['OADPC', 2],
    ['ONAD', 1],
  ],
  pending: [
    ['OA', 4],
    ['ONA', 1],
    ['OADP', 3],
    ['OADNP', 2],
    ['OADPCP', 1],
  ],
  on_hold: [
    ['OH', 2],
    ['OADH', 3],
    ['ONH', 1],
    ['OADNH', 2],
    ['OHN', 1],
  ],
  resolved: [
    ['OR', 4],
    ['ONR', 1],
    ['OADR', 5],
    ['OADNR', 2],
    ['OADPR', 2],
    ['OADPCR', 1],
    ['OADRTW', 2],
    ['ORTW', 1],
    ['OHNR', 1],
  ],
};

export const CUSTOMER_STAGES: ReadonlySet<Stage> = new Set(['O', 'D', 'C', 'T']);
export const REPLY_STATUS: Readonly<Partial<Record<Stage, TicketStatus>>> = {
  A: 'pending',
  P: 'pending',
  H: 'on_hold',
  R: 'solved',
  W: 'solved',
};

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const SHANGHAI_OFFSET = 8 * HOUR;
/** Solved tickets close on their own after this long, as the auto-close job does. */
export const AUTO_CLOSE_AFTER = 4 * DAY;

function gapBefore(rng: Rng, stage: Stage, prev: Stage, isFirstAgentReply: boolean): number {
  if (stage === 'N') return rng.duration(15 * MIN, 8 * HOUR);
  if (stage === 'C') return rng.duration(20 * HOUR, 4 * DAY, 0.6);
  if (stage === 'T') return rng.duration(40 * MIN, DAY);
  if (stage === 'W') return rng.duration(20 * MIN, 6 * HOUR);
  if (CUSTOMER_STAGES.has(stage)) return rng.duration(3 * HOUR, 3 * DAY, 1.2);
  if (isFirstAgentReply) return rng.duration(45 * MIN, 2 * DAY, 1.1);
  return CUSTOMER_STAGES.has(prev) ? rng.duration(2 * HOUR, 2 * DAY) : rng.duration(6 * HOUR, 3 * DAY);
}

/** Agents mostly work 08:30–22:00 Shanghai time: a reply due at night moves to the morning. */
function inWorkingHours(rng: Rng, at: number): number {
  const local = at + SHANGHAI_OFFSET;
  const minuteOfDay = Math.floor((local % DAY) / MIN);
  if (minuteOfDay >= 8 * 60 + 30 && minuteOfDay < 22 * 60) return at;
  if (rng.chance(0.15)) return at;
  const dayStart = Math.floor(local / DAY) * DAY - SHANGHAI_OFFSET;
  const morning = dayStart + (minuteOfDay >= 22 * 60 ? DAY : 0) + 8.5 * HOUR;
  return morning + rng.int(0, 120) * MIN;
}

/**
 * When each stage happens, starting at `createdAt`. Times only increase and never pass `now`:
 * a conversation that would run into the future is squeezed into the time there was.
 */
export function stageTimes(rng: Rng, stages: readonly Stage[], createdAt: Date, now: Date): Date[] {
  const times = [createdAt.getTime()];
  let seenAgent = false;
  for (let i = 1; i < stages.length; i++) {
    const stage = stages[i]!;
    const isAgent = !CUSTOMER_STAGES.has(stage);
    let t = times[i - 1]! + gapBefore(rng, stage, stages[i - 1]!, isAgent && !seenAgent && stage !== 'N');
    if (isAgent) {
      t = inWorkingHours(rng, t);
      seenAgent = true;
    }
    times.push(t);
  }
  return squeeze(times, now.getTime() - 2 * MIN).map((t) => new Date(t));
}

/**
 * Scales increasing times (ms) so the last is at most `limit`, keeping the first; then makes them
 * strictly increasing by at least a second.
 */
export function squeeze(times: readonly number[], limit: number): number[] {
  const out = [...times];
  const start = out[0]!;
  const end = out[out.length - 1]!;
  if (end > limit && end > start) {
    const factor = Math.max(0, limit - start) / (end - start);
    for (let i = 1; i < out.length; i++) out[i] = start + (out[i]! - start) * factor;
  }
  for (let i = 0; i < out.length; i++) out[i] = Math.round(i === 0 ? out[i]! : Math.max(out[i]!, out[i - 1]! + 1000));
  return out;
}

export type ActorRef = { type: 'user' | 'customer'; id: string } | { type: 'system'; id: null };

export const SYSTEM: ActorRef = { type: 'system', id: null };

export interface PlannedMessage {
  kind: 'public' | 'note';
  authorType: 'agent' | 'customer';
  /** A user id for agents, a customer id for customers. */
  authorId: string;
  body: string;
  channel: string;
  /** Posted by solving the problem this ticket is an incident of. */
  fromProblem: boolean;
  at: Date;
}

/** A timeline event that is not a message: field changes and the like. */
export interface PlannedChange {
  at: Date;
  actor: ActorRef;
  kind: string;
  field: string | null;
  oldValue: unknown;
  newValue: unknown;
}

export interface TimelineStep {
  at: Date;
  actor: ActorRef;
  message?: Omit<PlannedMessage, 'at' | 'authorType' | 'authorId'>;
  /** Assign to this agent (moves a new ticket to open). */
  assign?: string;
  /** With a public agent reply: the status to set; alone: an explicit status change. */
  setStatus?: TicketStatus;
  extra?: Omit<PlannedChange, 'at' | 'actor'>;
}

export interface TimelineResult {
  state: StatusState;
  assigneeId: string | null;
  messages: PlannedMessage[];
  changes: PlannedChange[];
  updatedAt: Date;
}

function statusEventOf(step: TimelineStep): StatusEvent | null {
  if (step.assign !== undefined) return { type: 'assigned' };
  if (step.message) {
    if (step.actor.type === 'customer') return { type: 'customer_reply' };
    if (step.message.kind === 'note') return { type: 'agent_note' };
    return { type: 'agent_reply', setStatus: step.setStatus };
  }
  return step.setStatus ? { type: 'set_status', to: step.setStatus } : null;
}

/** Replays the steps through the status machine; every change becomes a planned event. */
export function runTimeline(createdAt: Date, steps: readonly TimelineStep[]): TimelineResult {
  let state: StatusState = { status: 'new', solvedAt: null, closedAt: null };
  let assigneeId: string | null = null;
  const messages: PlannedMessage[] = [];
  const changes: PlannedChange[] = [];
  let updatedAt = createdAt;
  for (const step of steps) {
    const { at, actor } = step;
    if (at < updatedAt) throw new Error('demo timeline steps must not go back in time');
    updatedAt = at;
    if (step.assign !== undefined && step.assign !== assigneeId) {
      changes.push({ at, actor, kind: 'ticket.updated', field: 'assignee', oldValue: assigneeId, newValue: step.assign });
      assigneeId = step.assign;
    }
    if (step.message) {
      if (actor.type === 'system') throw new Error('demo messages have an author');
      messages.push({ ...step.message, at, authorType: actor.type === 'user' ? 'agent' : 'customer', authorId: actor.id });
    }
    const event = statusEventOf(step);
    if (event) {
      const r = transition(state, event, at);
      for (const e of r.effects) {
        if (e.type === 'status_changed')
          changes.push({ at, actor, kind: 'ticket.updated', field: 'status', oldValue: e.from, newValue: e.to });
        if (e.type === 'create_follow_up') throw new Error('demo timelines never write to a closed ticket');
      }
      state = r.state;
    }
    if (step.extra) changes.push({ ...step.extra, at, actor });
  }
  return { state, assigneeId, messages, changes, updatedAt };
}

/** The auto-close step for a ticket solved at `solvedAt`, if that time has come. */
export function autoClose(rng: Rng, solvedAt: Date | null, now: Date): TimelineStep | null {
  if (!solvedAt) return null;
  const at = solvedAt.getTime() + AUTO_CLOSE_AFTER + rng.int(0, 180) * MIN;
  if (at > now.getTime() - MIN || rng.chance(0.03)) return null;
  return { at: new Date(at), actor: SYSTEM, setStatus: 'closed' };
}
