import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TWENTY_FOUR_SEVEN } from './calendar.js';
import { computeSla, type SlaClockSettings, type SlaTimeline } from './sla.js';
import { nextDueOf, reconcileSla, type SlaReconciliation, type StoredSlaState } from './sla-reconcile.js';
import type { TicketStatus } from './ticket-status.js';

const t0 = Date.UTC(2026, 9, 5, 0);
const m = (minutes: number) => new Date(t0 + minutes * 60_000);
const settings: SlaClockSettings = {
  calendar: TWENTY_FOUR_SEVEN,
  pauseStatuses: ['pending'],
  warningPercent: 75,
  targets: { first_reply: { minutes: 60, business: false }, next_reply: { minutes: 30, business: false } },
};
const timeline = (statuses: Array<[number, TicketStatus]>, messages: Array<[number, 'agent' | 'customer']>): SlaTimeline => ({
  createdAt: m(0),
  statuses: [[0, 'new'] as [number, TicketStatus], ...statuses].map(([at, status]) => ({ at: m(at), status })),
  messages: [[0, 'customer'] as [number, 'agent' | 'customer'], ...messages].map(([at, author]) => ({ at: m(at), author })),
});

/** Applies a reconciliation the way the server stores it. */
function store(prev: StoredSlaState[], r: SlaReconciliation): StoredSlaState[] {
  const next = prev.filter((s) => !r.deletes.some((d) => d.metric === s.metric));
  for (const w of r.writes) {
    const i = next.findIndex((s) => s.metric === w.state.metric);
    const row = { ...w.state, version: w.expectedVersion + 1 };
    if (i >= 0) next[i] = row;
    else next.push(row);
  }
  return next;
}

/** What had happened by `now`. */
const upTo = (t: SlaTimeline, now: Date): SlaTimeline => ({
  createdAt: t.createdAt,
  statuses: t.statuses.filter((x) => x.at <= now),
  messages: t.messages.filter((x) => x.at <= now),
});

/** Runs the engine at each instant (as the sweeper or a ticket change would) and collects what fired. */
function run(t: SlaTimeline, instants: number[], s = settings) {
  let stored: StoredSlaState[] = [];
  const fired: string[] = [];
  const history: string[] = [];
  for (const at of instants) {
    const r = reconcileSla(stored, computeSla(s, upTo(t, m(at)), m(at)), 'p1', m(at));
    for (const f of r.firings) fired.push(`${f.metric}#${f.cycle} ${f.kind}${f.late ? ' (late)' : ''} @${at}`);
    for (const h of r.history)
      history.push(`${h.metric}#${h.cycle} ${h.kind}${h.withinTarget === null ? '' : h.withinTarget ? ' ✓' : ' ✗'}`);
    stored = store(stored, r);
  }
  return { stored, fired, history };
}

describe('reconcileSla: warnings and breaches fire exactly once', () => {
  it('warning at 75 %, breach at 100 %, however often the sweeper looks', () => {
    const r = run(timeline([], []), [0, 10, 45, 45, 46, 59, 60, 60, 61, 200]);
    assert.deepEqual(r.fired, ['first_reply#1 warning @45', 'first_reply#1 breached @60']);
    assert.deepEqual(r.history, ['first_reply#1 activated', 'first_reply#1 warning', 'first_reply#1 breached']);
    const fr = r.stored.find((s) => s.metric === 'first_reply')!;
    assert.deepEqual([fr.status, fr.nextFireAt], ['breached', null]);
  });

  it('timers: the next fire instant is the warning, then the due instant, then nothing', () => {
    const t = timeline([], []);
    const at = (now: number, stored: StoredSlaState[] = []) => reconcileSla(stored, computeSla(settings, t, m(now)), 'p1', m(now));
    const first = at(0);
    assert.equal(first.states[0]!.nextFireAt?.getTime(), m(45).getTime());
    const afterWarning = at(45, store([], first));
    assert.equal(afterWarning.states[0]!.nextFireAt?.getTime(), m(60).getTime());
  });

  it('jumping past both instants fires only the breach', () => {
    assert.deepEqual(run(timeline([], []), [0, 90]).fired, ['first_reply#1 breached @90']);
  });

  it('a stored breach is final for its cycle, even when the target grows afterwards', () => {
    const t = timeline([], []);
    const breached = run(t, [0, 61]).stored;
    const longer: SlaClockSettings = { ...settings, targets: { first_reply: { minutes: 600, business: false } } };
    const r = reconcileSla(breached, computeSla(longer, t, m(62)), 'p1', m(62));
    assert.deepEqual(r.firings, []);
    assert.equal(r.states[0]!.status, 'breached');
    assert.deepEqual(
      r.history.map((h) => h.kind),
      ['retargeted'],
    );
  });

  it('a reply after the due instant that nobody saw breach yet: the breach is recorded late, once', () => {
    const t = timeline([[70, 'open']], [[70, 'agent']]);
    const r = run(t, [0, 70, 80]);
    assert.deepEqual(r.fired, ['first_reply#1 breached (late) @70']);
    assert.deepEqual(r.history, ['first_reply#1 activated', 'first_reply#1 breached', 'first_reply#1 fulfilled ✗']);
  });

  it('fulfilled in time: one outcome, no timers', () => {
    const r = run(timeline([[20, 'open']], [[20, 'agent']]), [0, 20, 30, 100]);
    assert.deepEqual(r.fired, []);
    assert.deepEqual(r.history, ['first_reply#1 activated', 'first_reply#1 fulfilled ✓']);
    assert.deepEqual(
      r.stored.map((s) => [s.metric, s.status, s.nextFireAt]),
      [['first_reply', 'fulfilled', null]],
    );
  });
});

describe('reconcileSla: cycles, pauses and cancellation', () => {
  it('next reply cycles each get their outcome; a cycle skipped between looks is still judged', () => {
    // Reply at 10; customer at 20 (reply due 50), agent at 90 (late); customer at 100, agent at 110.
    const t = timeline(
      [[10, 'open']],
      [
        [10, 'agent'],
        [20, 'customer'],
        [90, 'agent'],
        [100, 'customer'],
        [110, 'agent'],
      ],
    );
    const r = run(t, [0, 10, 20, 120]);
    assert.deepEqual(r.fired, ['next_reply#1 breached (late) @120']);
    assert.deepEqual(r.history, [
      'first_reply#1 activated',
      'first_reply#1 fulfilled ✓',
      'next_reply#1 activated',
      'next_reply#1 breached',
      'next_reply#1 fulfilled ✗',
      'next_reply#2 fulfilled ✓',
    ]);
  });

  it('pending pauses: paused and resumed in the history, no timer while paused', () => {
    const t = timeline(
      [
        [5, 'pending'],
        [25, 'open'],
      ],
      [],
    );
    const mid = run(t, [0, 10]);
    assert.deepEqual(
      mid.stored.map((s) => [s.status, s.nextFireAt]),
      [['paused', null]],
    );
    const r = run(t, [0, 10, 30]);
    assert.deepEqual(r.history, ['first_reply#1 activated', 'first_reply#1 paused', 'first_reply#1 resumed']);
    assert.equal(r.stored[0]!.dueAt.getTime(), m(80).getTime(), 'due pushed by the 20 paused minutes');
    assert.equal(r.stored[0]!.nextFireAt?.getTime(), m(65).getTime(), 'warning at 45 running minutes');
  });

  it('a metric the policy no longer targets is cancelled', () => {
    const t = timeline([], []);
    const stored = run(t, [0]).stored;
    const r = reconcileSla(stored, [], null, m(5));
    assert.deepEqual(
      r.deletes.map((d) => [d.metric, d.expectedVersion]),
      [['first_reply', 1]],
    );
    assert.deepEqual(
      r.history.map((h) => h.kind),
      ['cancelled'],
    );
  });

  it('writes only what changed, with the version it expects', () => {
    const t = timeline([], []);
    const stored = run(t, [0]).stored;
    assert.deepEqual(reconcileSla(stored, computeSla(settings, t, m(5)), 'p1', m(5)).writes, []);
    const moved = reconcileSla(stored, computeSla(settings, t, m(50)), 'p1', m(50));
    assert.deepEqual(
      moved.writes.map((w) => [w.state.status, w.expectedVersion]),
      [['warning', 1]],
    );
  });

  it('next due: the earliest open metric that is not paused; breached ones come first', () => {
    const d = (min: number) => m(min);
    assert.equal(
      nextDueOf([
        { status: 'active', fulfilledAt: null, dueAt: d(50) },
        { status: 'breached', fulfilledAt: null, dueAt: d(10) },
        { status: 'paused', fulfilledAt: null, dueAt: d(5) },
        { status: 'fulfilled', fulfilledAt: d(1), dueAt: d(2) },
      ])?.getTime(),
      d(10).getTime(),
    );
    assert.equal(nextDueOf([{ status: 'paused', fulfilledAt: null, dueAt: d(5) }]), null);
  });
});
