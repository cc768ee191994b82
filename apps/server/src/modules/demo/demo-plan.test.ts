import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AGENTS, GROUPS, customers, organizations, type GroupKey } from './demo-people.js';
import { planTickets } from './demo-plan.js';
import { Rng } from './demo-random.js';
import { REFUND_REASONS, fill, placeholders, ticketVars } from './scenarios.js';
import { CLUSTERS, PHRASES, SCENARIOS, type PlanInput, type PlannedTicket } from './ticket-plan.js';
import { squeeze } from './ticket-timeline.js';

const NOW = new Date('2026-03-15T06:30:00Z');
const DAY = 86_400_000;

function input(seed = 7, tickets = 400): PlanInput {
  const rng = new Rng(seed);
  const orgs = organizations(8);
  return {
    rng,
    now: NOW,
    tickets,
    scale: tickets / 2000,
    agents: AGENTS.map((a, i) => ({ id: `agent-${i}`, name: a.name, role: a.role, speaks: a.speaks, groups: a.groups })),
    customers: customers(rng, 80, orgs).map((spec, i) => ({ id: `customer-${i}`, spec, company: null })),
    groupIds: Object.fromEntries(GROUPS.map((g) => [g.key, `group-${g.key}`])) as Record<GroupKey, string>,
  };
}

function fingerprint(plan: readonly PlannedTicket[]): string {
  return JSON.stringify(plan.map((t) => [t.subject, t.status, t.createdAt, t.assigneeId, t.messages.map((m) => [m.body, m.at])]));
}

describe('demo templates', () => {
  it('use only placeholders every ticket has, and refund reasons the dropdown offers', () => {
    const vars = ticketVars(new Rng(1), 'zh', NOW, { callName: 'x', phone: null, company: null }, 'a');
    const known = new Set([...Object.keys(vars), 'problem']);
    const texts = [
      ...SCENARIOS.flatMap((s) => [...s.subject, ...s.opening, ...s.ask, ...s.detail, ...s.progress, ...s.hold, ...s.note, ...s.resolve]),
      ...CLUSTERS.flatMap((c) => [...c.subject, ...c.opening, c.problemNote, c.holdReply, c.incidentNote, c.resolution]),
      ...Object.values(PHRASES).flatMap((b) => Object.values(b).flat()),
    ];
    for (const t of texts) for (const p of placeholders(t)) assert.ok(known.has(p), `unknown placeholder {${p}} in "${t}"`);
    for (const s of SCENARIOS) for (const r of s.refundReasons ?? []) assert.ok((REFUND_REASONS as readonly string[]).includes(r), r);
    for (const c of CLUSTERS)
      assert.ok(
        SCENARIOS.some((s) => s.key === c.scenario && s.lang === c.lang),
        c.scenario,
      );
  });

  it('fill spaces Latin values apart from Chinese text', () => {
    assert.equal(fill('买的{product}怎么还没到', { product: '机械键盘 K8' }), '买的机械键盘 K8 怎么还没到');
    assert.equal(fill('订单 {order}。', { order: 'DD1' }), '订单 DD1。');
    assert.throws(() => fill('{nope}', {}), /unknown placeholder/);
  });

  it('squeeze keeps times increasing and under the limit', () => {
    assert.deepEqual(squeeze([0, 10_000, 20_000], 10_000), [0, 5000, 10_000]);
    assert.deepEqual(squeeze([0, 0, 0], 100_000), [0, 1000, 2000]);
  });
});

describe('demo ticket plan', () => {
  const plan = planTickets(input());

  it('is the same for the same seed and differs for another', () => {
    assert.equal(fingerprint(planTickets(input())), fingerprint(plan));
    assert.notEqual(fingerprint(planTickets(input(8))), fingerprint(plan));
  });

  it('has the requested size, ~60% Chinese, oldest first, within 90 days', () => {
    assert.equal(plan.length, 400);
    const zh = plan.filter((t) => t.language === 'zh-CN').length / plan.length;
    assert.ok(zh > 0.5 && zh < 0.7, `zh share ${zh}`);
    for (let i = 1; i < plan.length; i++) assert.ok(plan[i]!.createdAt >= plan[i - 1]!.createdAt);
    assert.ok(plan[0]!.createdAt.getTime() >= NOW.getTime() - 91 * DAY);
  });

  it('tells consistent stories: customer first, times in order, statuses as the state machine leaves them', () => {
    const light = AGENTS.findIndex((a) => a.role === 'light_agent');
    for (const t of plan) {
      const first = t.messages[0]!;
      assert.ok(t.messages.length >= 1 && t.messages.length <= 6, t.subject);
      assert.equal(first.authorType, 'customer');
      assert.equal(first.kind, 'public');
      assert.equal(first.at.getTime(), t.createdAt.getTime());
      let prev = t.createdAt.getTime();
      for (const m of t.messages) {
        assert.ok(m.at.getTime() >= prev && m.at <= NOW && m.at <= t.updatedAt, `message time in #${t.subject}`);
        prev = m.at.getTime();
        assert.ok(!/\{(?!problem\})[a-z0-9_]+\}/.test(m.body), `unfilled placeholder: ${m.body}`);
        if (m.kind === 'public' && m.authorType === 'agent') assert.notEqual(m.authorId, `agent-${light}`, 'light agents only write notes');
      }
      assert.ok(t.updatedAt <= NOW);
      assert.equal(t.solvedAt !== null, t.status === 'solved' || t.status === 'closed', `${t.status} solvedAt`);
      assert.equal(t.closedAt !== null, t.status === 'closed', `${t.status} closedAt`);
      assert.equal(t.assigneeId === null, t.status === 'new', `${t.status} assignee`);
      assert.notEqual(t.assigneeId, `agent-${light}`);
      const statusChanges = t.changes.filter((c) => c.field === 'status');
      assert.equal(statusChanges.length === 0 ? 'new' : statusChanges[statusChanges.length - 1]!.newValue, t.status);
    }
  });

  it('mostly closes old tickets and keeps the recent ones in progress', () => {
    const old = plan.filter((t) => NOW.getTime() - t.createdAt.getTime() > 30 * DAY);
    const recent = plan.filter((t) => NOW.getTime() - t.createdAt.getTime() < 2 * DAY);
    assert.ok(old.filter((t) => t.status === 'closed').length / old.length > 0.85);
    assert.ok(recent.some((t) => ['new', 'open', 'pending'].includes(t.status)));
    for (const s of ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'])
      assert.ok(
        plan.some((t) => t.status === s),
        s,
      );
  });

  it('links incidents to earlier problems and solves them with the problem', () => {
    const incidents = plan.filter((t) => t.incidentOf);
    assert.ok(incidents.length >= CLUSTERS.length * 2);
    for (const t of incidents) {
      const problem = t.incidentOf!.problem;
      assert.equal(problem.type, 'problem');
      assert.equal(t.type, 'incident');
      assert.ok(plan.indexOf(problem) < plan.indexOf(t));
      if (problem.solvedAt) assert.equal(t.solvedAt?.getTime(), problem.solvedAt.getTime());
      else assert.equal(t.status, 'on_hold');
    }
  });
});
