import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DomainError } from './errors.js';
import { transition, type StatusEvent, type StatusState, type TicketStatus } from './ticket-status.js';

const now = new Date('2026-10-08T01:30:00Z');
const at = (status: TicketStatus): StatusState => ({
  status,
  solvedAt: status === 'solved' || status === 'closed' ? new Date('2026-10-01T00:00:00Z') : null,
  closedAt: status === 'closed' ? new Date('2026-10-02T00:00:00Z') : null,
});

describe('transition', () => {
  const cases: Array<[TicketStatus, StatusEvent, TicketStatus | string, string[]]> = [
    ['new', { type: 'agent_reply' }, 'open', ['status_changed']],
    ['new', { type: 'assigned' }, 'open', ['status_changed']],
    ['new', { type: 'agent_note' }, 'new', []],
    ['new', { type: 'customer_reply' }, 'new', []],
    ['open', { type: 'agent_reply' }, 'open', []],
    ['open', { type: 'agent_reply', setStatus: 'pending' }, 'pending', ['status_changed']],
    ['open', { type: 'set_status', to: 'on_hold' }, 'on_hold', ['status_changed']],
    ['open', { type: 'set_status', to: 'solved' }, 'solved', ['status_changed', 'solved']],
    ['pending', { type: 'customer_reply' }, 'open', ['status_changed']],
    ['on_hold', { type: 'customer_reply' }, 'open', ['status_changed']],
    ['solved', { type: 'customer_reply' }, 'open', ['status_changed', 'reopened']],
    ['solved', { type: 'set_status', to: 'closed' }, 'closed', ['status_changed', 'closed']],
    ['solved', { type: 'set_status', to: 'pending' }, 'pending', ['status_changed', 'reopened']],
    ['closed', { type: 'customer_reply' }, 'closed', ['create_follow_up']],
    ['open', { type: 'set_status', to: 'open' }, 'open', []],
    ['open', { type: 'set_status', to: 'new' }, 'invalid_status_transition', []],
    ['open', { type: 'set_status', to: 'closed' }, 'invalid_status_transition', []],
    ['pending', { type: 'set_status', to: 'closed' }, 'invalid_status_transition', []],
    ['closed', { type: 'set_status', to: 'open' }, 'ticket_closed', []],
    ['closed', { type: 'agent_reply' }, 'ticket_closed', []],
    ['closed', { type: 'agent_note' }, 'ticket_closed', []],
    ['closed', { type: 'assigned' }, 'ticket_closed', []],
  ];
  for (const [from, event, expected, effects] of cases) {
    it(`${from} + ${JSON.stringify(event)} → ${expected}`, () => {
      if (expected === 'invalid_status_transition' || expected === 'ticket_closed') {
        assert.throws(
          () => transition(at(from), event, now),
          (e: unknown) => e instanceof DomainError && e.code === expected,
        );
        return;
      }
      const r = transition(at(from), event, now);
      assert.equal(r.state.status, expected);
      assert.deepEqual(
        r.effects.map((e) => e.type),
        effects,
      );
    });
  }

  it('stamps solvedAt with now when solving and clears it when reopening', () => {
    const solved = transition(at('open'), { type: 'set_status', to: 'solved' }, now);
    assert.equal(solved.state.solvedAt, now);
    const reopened = transition(solved.state, { type: 'customer_reply' }, new Date(now.getTime() + 1000));
    assert.equal(reopened.state.solvedAt, null);
  });

  it('stamps closedAt when closing', () => {
    const r = transition(at('solved'), { type: 'set_status', to: 'closed' }, now);
    assert.equal(r.state.closedAt, now);
  });
});
