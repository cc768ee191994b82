import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addBusinessMinutes, businessMillisecondsBetween, compileCalendar, TWENTY_FOUR_SEVEN } from './calendar.js';
import {
  computeSla,
  explainMatch,
  matchPolicy,
  type SlaClockSettings,
  type SlaConditions,
  type SlaMetric,
  type SlaTicketFacts,
  type SlaTimeline,
} from './sla.js';
import type { TicketStatus } from './ticket-status.js';

// Shanghai office hours, Monday to Friday 09:00–18:00 (UTC+8, no DST).
const office = compileCalendar({
  timeZone: 'Asia/Shanghai',
  weekly: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [['09:00', '18:00']]])),
  holidays: ['2026-10-01'],
});
/** A Shanghai local time on a date of October 2026 (2026-10-05 is a Monday). */
const sh = (date: string, time: string) => new Date(`2026-10-${date}T${time}:00+08:00`);
const MIN = 60_000;

const facts = (o: Partial<SlaTicketFacts> = {}): SlaTicketFacts => ({
  priority: 'normal',
  type: null,
  channel: 'email',
  groupId: null,
  category: null,
  tags: [],
  customerTier: null,
  ...o,
});
const policy = (id: string, conditions: SlaConditions, isActive = true) => ({ id, name: id, isActive, conditions });

describe('matchPolicy: the first active policy whose conditions all hold', () => {
  const policies = [
    policy('off', { type: ['complaint'] }, false),
    policy('complaints', { type: ['complaint'] }),
    policy('vip-urgent', { priority: ['urgent'], customerTier: ['VIP'] }),
    policy('wechat-orders', { channel: ['wechat'], category: ['订单'] }),
    policy('tagged', { tags: ['refund', 'chargeback'] }),
    policy('team', { groupIds: ['g1', 'g2'] }),
    policy('standard', {}),
  ];
  const cases: Array<[string, Partial<SlaTicketFacts>, string]> = [
    ['a complaint, before the inactive copy', { type: 'complaint', priority: 'urgent', customerTier: 'vip' }, 'complaints'],
    ['urgent and a vip (tier compared without case)', { priority: 'urgent', customerTier: 'vip' }, 'vip-urgent'],
    ['urgent without a tier', { priority: 'urgent' }, 'standard'],
    ['a vip that is not urgent', { priority: 'high', customerTier: 'VIP' }, 'standard'],
    ['a category under 订单 from WeChat', { channel: 'wechat', category: '订单/退款' }, 'wechat-orders'],
    ['the category itself', { channel: 'wechat', category: '订单' }, 'wechat-orders'],
    ['a look-alike category is not under it', { channel: 'wechat', category: '订单号' }, 'standard'],
    ['one of the tags is enough', { tags: ['vip', 'chargeback'] }, 'tagged'],
    ['a group', { groupId: 'g2' }, 'team'],
    ['no group does not match a group condition', { groupId: null }, 'standard'],
    ['nothing special', {}, 'standard'],
  ];
  for (const [name, f, expected] of cases) {
    it(name, () => assert.equal(matchPolicy(policies, facts(f))?.id, expected));
  }

  it('no policy matches: null', () => {
    assert.equal(matchPolicy([policy('a', { priority: ['low'] })], facts()), null);
    assert.equal(matchPolicy([], facts()), null);
  });

  it('explains the policies tried before the match and the conditions that failed', () => {
    const why = explainMatch(policies, facts({ priority: 'urgent', customerTier: 'gold', tags: ['refund'] }));
    assert.deepEqual(
      why.map((w) => [w.policy.id, w.matched, w.skipped]),
      [
        ['off', false, 'inactive'],
        ['complaints', false, null],
        ['vip-urgent', false, null],
        ['wechat-orders', false, null],
        ['tagged', true, null],
      ],
    );
    assert.deepEqual(why[2]!.checks, [
      { field: 'priority', expected: ['urgent'], actual: 'urgent', ok: true },
      { field: 'customerTier', expected: ['VIP'], actual: 'gold', ok: false },
    ]);
  });
});

interface Event {
  at: Date;
  status?: TicketStatus;
  author?: 'agent' | 'customer';
}
function timeline(createdAt: Date, initial: TicketStatus, events: Event[] = []): SlaTimeline {
  return {
    createdAt,
    statuses: [{ at: createdAt, status: initial }, ...events.filter((e) => e.status).map((e) => ({ at: e.at, status: e.status! }))],
    messages: [
      { at: createdAt, author: 'customer' as const },
      ...events.filter((e) => e.author).map((e) => ({ at: e.at, author: e.author! })),
    ],
  };
}
const settings = (o: Partial<SlaClockSettings> = {}): SlaClockSettings => ({
  targets: {},
  calendar: office,
  pauseStatuses: ['pending'],
  warningPercent: 75,
  ...o,
});
function metric(s: SlaClockSettings, t: SlaTimeline, now: Date, m: SlaMetric) {
  const clock = computeSla(s, t, now).find((c) => c.metric === m);
  assert.ok(clock, `${m} is computed`);
  return clock;
}
const iso = (d: Date | null) => d?.toISOString() ?? null;

describe('computeSla: due instants in business time', () => {
  const cases: Array<[string, Date, number, string]> = [
    ['Monday 09:00 + 2 business hours', sh('05', '09:00'), 120, sh('05', '11:00').toISOString()],
    ['Friday 17:00 + 2 business hours runs into Monday', sh('09', '17:00'), 120, sh('12', '10:00').toISOString()],
    ['created at night: the clock starts at the next opening', sh('05', '22:30'), 30, sh('06', '09:30').toISOString()],
    [
      'Wednesday 17:30 + 1 h skips the 1 October holiday (Thursday)',
      new Date('2026-09-30T17:30:00+08:00'),
      60,
      new Date('2026-10-02T09:30:00+08:00').toISOString(),
    ],
  ];
  for (const [name, created, minutes, due] of cases) {
    it(name, () => {
      const s = settings({ targets: { first_reply: { minutes, business: true } } });
      const c = metric(s, timeline(created, 'new'), created, 'first_reply');
      assert.equal(iso(c.cycles[0]!.dueAt), due);
    });
  }

  it('around the clock: plain minutes, fractions allowed (10 seconds)', () => {
    const created = sh('10', '03:00');
    const s = settings({
      targets: { first_reply: { minutes: 10 / 60, business: false }, resolution: { minutes: 48 * 60, business: false } },
    });
    const clocks = computeSla(s, timeline(created, 'new'), created);
    assert.equal(iso(clocks[0]!.cycles[0]!.dueAt), new Date(created.getTime() + 10_000).toISOString());
    assert.equal(iso(clocks[1]!.cycles[0]!.dueAt), sh('12', '03:00').toISOString());
  });
});

describe('computeSla: a stopped clock pushes the due instant by exactly the stopped business time', () => {
  // Resolution in 8 business hours from Monday 09:00 is due Monday 17:00 when nothing stops it.
  const created = sh('05', '09:00');
  const base = sh('05', '17:00');
  const s = settings({ targets: { resolution: { minutes: 480, business: true } } });
  const cases: Array<[string, Array<[Date, TicketStatus]>, number, string]> = [
    [
      'pending 10:00–13:00 (3 business hours)',
      [
        [sh('05', '10:00'), 'pending'],
        [sh('05', '13:00'), 'open'],
      ],
      180,
      sh('06', '11:00').toISOString(),
    ],
    [
      'pending 16:00 → Tuesday 10:00 (3 business hours, over the night)',
      [
        [sh('05', '16:00'), 'pending'],
        [sh('06', '10:00'), 'open'],
      ],
      180,
      sh('06', '11:00').toISOString(),
    ],
    [
      'pending 12:00 → Tuesday 12:00 (9 business hours)',
      [
        [sh('05', '12:00'), 'pending'],
        [sh('06', '12:00'), 'open'],
      ],
      540,
      sh('06', '17:00').toISOString(),
    ],
    [
      'two pauses, 30 + 45 minutes',
      [
        [sh('05', '10:00'), 'pending'],
        [sh('05', '10:30'), 'open'],
        [sh('05', '14:00'), 'pending'],
        [sh('05', '14:45'), 'open'],
      ],
      75,
      sh('06', '09:15').toISOString(),
    ],
    [
      "on hold does not stop this policy's clock",
      [
        [sh('05', '10:00'), 'on_hold'],
        [sh('05', '13:00'), 'open'],
      ],
      0,
      base.toISOString(),
    ],
    [
      'pending after the due instant changes nothing',
      [
        [sh('05', '17:30'), 'pending'],
        [sh('06', '10:00'), 'open'],
      ],
      0,
      base.toISOString(),
    ],
  ];
  for (const [name, changes, pausedMinutes, due] of cases) {
    it(name, () => {
      const t = timeline(
        created,
        'open',
        changes.map(([at, status]) => ({ at, status })),
      );
      const c = metric(s, t, sh('07', '12:00'), 'resolution').cycles[0]!;
      assert.equal(iso(c.dueAt), due);
      assert.equal(c.pausedMinutes, pausedMinutes);
      // The push is exactly the stopped business time, measured on the calendar.
      assert.equal(businessMillisecondsBetween(office, base, c.dueAt), pausedMinutes * MIN);
      assert.equal(c.dueAt.getTime(), addBusinessMinutes(office, base, pausedMinutes).getTime());
    });
  }

  it('on hold stops the clock when the policy says so', () => {
    const t = timeline(created, 'open', [
      { at: sh('05', '10:00'), status: 'on_hold' },
      { at: sh('05', '13:00'), status: 'open' },
    ]);
    const c = metric({ ...s, pauseStatuses: ['pending', 'on_hold'] }, t, sh('07', '12:00'), 'resolution').cycles[0]!;
    assert.equal(iso(c.dueAt), sh('06', '11:00').toISOString());
  });

  it('with an injected clock: while pending the cycle is paused and its due instant moves with now', () => {
    const t = timeline(created, 'open', [{ at: sh('05', '10:00'), status: 'pending' }]);
    const at11 = metric(s, t, sh('05', '11:00'), 'resolution').cycles[0]!;
    const at13 = metric(s, t, sh('05', '13:00'), 'resolution').cycles[0]!;
    assert.equal(at11.paused, true);
    assert.equal(iso(at11.dueAt), sh('05', '18:00').toISOString());
    assert.equal(iso(at13.dueAt), sh('06', '11:00').toISOString());
    assert.equal(at13.breached, false);
    // The customer answers at 13:00: the clock runs again, due Tuesday 11:00, whatever `now` is later.
    const resumed = timeline(created, 'open', [
      { at: sh('05', '10:00'), status: 'pending' },
      { at: sh('05', '13:00'), status: 'open', author: 'customer' },
    ]);
    for (const now of [sh('05', '13:00'), sh('05', '20:00'), sh('06', '10:59')]) {
      const c = metric(s, resumed, now, 'resolution').cycles[0]!;
      assert.deepEqual([c.paused, c.breached, iso(c.dueAt)], [false, false, sh('06', '11:00').toISOString()]);
    }
    assert.equal(metric(s, resumed, sh('06', '11:00'), 'resolution').cycles[0]!.breached, true, 'breached at now ≥ due');
  });
});

describe('computeSla: warnings and breaches against now', () => {
  const created = sh('05', '09:00');
  const s = settings({ targets: { first_reply: { minutes: 60, business: true } }, warningPercent: 75 });
  const t = timeline(created, 'new');
  const cases: Array<[string, Date, boolean, boolean]> = [
    ['at 09:44 nothing yet', sh('05', '09:44'), false, false],
    ['at 09:45 (75 %) the warning', sh('05', '09:45'), true, false],
    ['at 10:00 (due) breached', sh('05', '10:00'), true, true],
  ];
  for (const [name, now, warned, breached] of cases) {
    it(name, () => {
      const c = metric(s, t, now, 'first_reply').cycles[0]!;
      assert.deepEqual([c.warned, c.breached, iso(c.warnAt)], [warned, breached, sh('05', '09:45').toISOString()]);
    });
  }
  it('a reply exactly at the due instant is on time; a minute later is a breach', () => {
    const onTime = timeline(created, 'new', [{ at: sh('05', '10:00'), author: 'agent', status: 'open' }]);
    const late = timeline(created, 'new', [{ at: sh('05', '10:01'), author: 'agent', status: 'open' }]);
    assert.equal(metric(s, onTime, sh('06', '12:00'), 'first_reply').cycles[0]!.breached, false);
    assert.equal(metric(s, late, sh('06', '12:00'), 'first_reply').cycles[0]!.breached, true);
  });
});

describe('computeSla: cycles of each metric', () => {
  const h = (n: number) => new Date(Date.UTC(2026, 9, 5, 0) + n * 3_600_000);
  const all = settings({
    calendar: TWENTY_FOUR_SEVEN,
    targets: {
      first_reply: { minutes: 60, business: false },
      next_reply: { minutes: 120, business: false },
      periodic_update: { minutes: 24 * 60, business: false },
      resolution: { minutes: 72 * 60, business: false },
    },
  });
  const cycles = (t: SlaTimeline, now: Date, m: SlaMetric) =>
    computeSla(all, t, now)
      .find((c) => c.metric === m)
      ?.cycles.map((c) => [iso(c.startedAt), iso(c.fulfilledAt)]) ?? [];

  it('first reply: the first public agent reply fulfils it', () => {
    const t = timeline(h(0), 'new', [{ at: h(0.5), author: 'agent', status: 'open' }]);
    assert.deepEqual(cycles(t, h(5), 'first_reply'), [[iso(h(0)), iso(h(0.5))]]);
  });

  it('next reply: from the oldest unanswered customer message to the next agent reply', () => {
    const t = timeline(h(0), 'new', [
      { at: h(1), author: 'agent', status: 'open' },
      { at: h(2), author: 'customer' },
      { at: h(3), author: 'customer' },
      { at: h(4), author: 'agent' },
      { at: h(6), author: 'customer' },
    ]);
    assert.deepEqual(cycles(t, h(7), 'next_reply'), [
      [iso(h(2)), iso(h(4))],
      [iso(h(6)), null],
    ]);
    assert.deepEqual(cycles(t, h(7), 'first_reply'), [[iso(h(0)), iso(h(1))]]);
  });

  it('no next reply before the first reply; customer follow-ups wait on the first reply', () => {
    const t = timeline(h(0), 'new', [{ at: h(1), author: 'customer' }]);
    assert.deepEqual(cycles(t, h(2), 'next_reply'), []);
  });

  it('periodic update: every agent reply starts the next period; solving ends it, a reopen starts one', () => {
    const t = timeline(h(0), 'new', [
      { at: h(1), author: 'agent', status: 'open' },
      { at: h(20), author: 'agent' },
      { at: h(30), status: 'solved' },
      { at: h(40), status: 'open', author: 'customer' },
    ]);
    assert.deepEqual(cycles(t, h(50), 'periodic_update'), [
      [iso(h(1)), iso(h(20))],
      [iso(h(20)), iso(h(30))],
      [iso(h(40)), null],
    ]);
  });

  it('resolution: solving fulfils it, a reopen resumes it without counting the solved time', () => {
    const t = timeline(h(0), 'new', [
      { at: h(1), author: 'agent', status: 'solved' },
      { at: h(11), status: 'open', author: 'customer' },
    ]);
    const open = metric(all, t, h(12), 'resolution').cycles;
    assert.equal(open.length, 1);
    assert.equal(open[0]!.fulfilledAt, null);
    assert.equal(open[0]!.pausedMinutes, 600);
    assert.equal(iso(open[0]!.dueAt), iso(h(82)));
    const solvedAgain = timeline(h(0), 'new', [
      { at: h(1), author: 'agent', status: 'solved' },
      { at: h(11), status: 'open', author: 'customer' },
      { at: h(13), author: 'agent', status: 'solved' },
    ]);
    assert.equal(iso(metric(all, solvedAgain, h(14), 'resolution').cycles[0]!.fulfilledAt), iso(h(13)));
  });

  it('solving fulfils every running metric, including a first reply never given', () => {
    const t = timeline(h(0), 'new', [{ at: h(2), status: 'solved' }]);
    for (const m of ['first_reply', 'resolution'] as const) assert.deepEqual(cycles(t, h(3), m), [[iso(h(0)), iso(h(2))]]);
  });

  it('only targeted metrics are computed', () => {
    const s = settings({ targets: { resolution: { minutes: 60, business: false } } });
    assert.deepEqual(
      computeSla(s, timeline(h(0), 'new'), h(1)).map((c) => c.metric),
      ['resolution'],
    );
  });
});
