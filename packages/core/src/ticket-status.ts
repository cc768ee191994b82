import { DomainError } from './errors.js';

export const TICKET_STATUSES = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const TICKET_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type TicketPriority = (typeof TICKET_PRIORITIES)[number];

export const TICKET_TYPES = ['question', 'incident', 'problem', 'task', 'complaint'] as const;
export type TicketType = (typeof TICKET_TYPES)[number];

export const CHANNELS = ['email', 'chat', 'portal', 'web', 'phone', 'wechat', 'api'] as const;
export type Channel = (typeof CHANNELS)[number];

export interface StatusState {
  status: TicketStatus;
  solvedAt: Date | null;
  closedAt: Date | null;
}

/** What happened to a ticket, as far as its status is concerned. */
export type StatusEvent =
  | { type: 'set_status'; to: TicketStatus }
  | { type: 'agent_reply'; setStatus?: TicketStatus | undefined }
  | { type: 'agent_note' }
  | { type: 'assigned' }
  | { type: 'customer_reply' };

/** Side effects the caller must carry out in the same transaction. */
export type StatusEffect =
  | { type: 'status_changed'; from: TicketStatus; to: TicketStatus }
  | { type: 'reopened' }
  | { type: 'solved' }
  | { type: 'closed' }
  | { type: 'create_follow_up' };

export interface TransitionResult {
  state: StatusState;
  effects: StatusEffect[];
}

/** Which explicit status changes an agent may make, by current status. */
const ALLOWED: Record<TicketStatus, readonly TicketStatus[]> = {
  new: ['open', 'pending', 'on_hold', 'solved'],
  open: ['pending', 'on_hold', 'solved'],
  pending: ['open', 'on_hold', 'solved'],
  on_hold: ['open', 'pending', 'solved'],
  solved: ['open', 'pending', 'on_hold', 'closed'],
  closed: [],
};

export function canTransition(from: TicketStatus, to: TicketStatus): boolean {
  return from === to || ALLOWED[from].includes(to);
}

function move(state: StatusState, to: TicketStatus, now: Date): TransitionResult {
  if (state.status === to) return { state, effects: [] };
  const effects: StatusEffect[] = [{ type: 'status_changed', from: state.status, to }];
  const next: StatusState = { ...state, status: to };
  if (to === 'solved') {
    next.solvedAt = now;
    effects.push({ type: 'solved' });
  } else if (to === 'closed') {
    next.closedAt = now;
    effects.push({ type: 'closed' });
  } else if (state.status === 'solved') {
    next.solvedAt = null;
    effects.push({ type: 'reopened' });
  }
  return { state: next, effects };
}

/**
 * The one place ticket statuses change. Pure: `now` is a parameter.
 * new → open → pending / on_hold → solved → closed; a customer reply reopens a solved (or waiting)
 * ticket; closed is final, and a customer reply to it asks for a linked follow-up ticket instead.
 */
export function transition(state: StatusState, event: StatusEvent, now: Date): TransitionResult {
  switch (event.type) {
    case 'set_status': {
      if (state.status === 'closed' && event.to !== 'closed') {
        throw new DomainError('ticket_closed', 'A closed ticket cannot change; reply to create a follow-up');
      }
      if (!canTransition(state.status, event.to)) {
        throw new DomainError('invalid_status_transition', `Cannot change status from ${state.status} to ${event.to}`, {
          from: state.status,
          to: event.to,
        });
      }
      return move(state, event.to, now);
    }
    case 'agent_reply': {
      if (state.status === 'closed') {
        throw new DomainError('ticket_closed', 'A closed ticket cannot be replied to; create a follow-up');
      }
      if (event.setStatus) return transition(state, { type: 'set_status', to: event.setStatus }, now);
      return state.status === 'new' ? move(state, 'open', now) : { state, effects: [] };
    }
    case 'agent_note':
      if (state.status === 'closed') {
        throw new DomainError('ticket_closed', 'A closed ticket cannot be changed; create a follow-up');
      }
      return { state, effects: [] };
    case 'assigned':
      if (state.status === 'closed') {
        throw new DomainError('ticket_closed', 'A closed ticket cannot be reassigned');
      }
      return state.status === 'new' ? move(state, 'open', now) : { state, effects: [] };
    case 'customer_reply':
      if (state.status === 'closed') return { state, effects: [{ type: 'create_follow_up' }] };
      if (state.status === 'new' || state.status === 'open') return { state, effects: [] };
      return move(state, 'open', now);
  }
}
