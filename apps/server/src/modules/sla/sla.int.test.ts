// SLA policies through the API: CRUD, validation, roles, isolation, ordering; which policy applies
// and why; the shipped defaults; commitments; the inbox sort; re-evaluation; reports.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { inTransaction } from '../../engine/db/tx.js';
import { call, makeAgent, makeCustomerToken, makeWorkspace } from '../../testing/harness.js';
import { ensureDefaultSlaPolicies } from './use-cases/ensure-default-policies.js';
import {
  MIN,
  MONDAY_9AM,
  createPolicy,
  createTicket,
  eachSlaBackend,
  metricOf,
  officeCalendar,
  reevaluate,
  sweep,
  ticketSla,
} from './sla-test-kit.js';

const FIVE = { normal: { first_reply: { minutes: 5, business: false } } };

eachSlaBackend('sla policies', (get) => {
  it('creates, lists in order, changes, reorders and deletes policies; events record each change', async () => {
    const s = get();
    const { owner, workspaceId } = await makeWorkspace(s.t);
    const a = await createPolicy(s, owner, { name: 'A', targets: FIVE });
    const b = await createPolicy(s, owner, { name: 'B', targets: FIVE, conditions: { tags: ['VIP'] } });
    const c = await createPolicy(s, owner, { name: 'C', targets: FIVE, position: 0 });
    const names = async () =>
      (await call(s.t, owner, 'GET', '/api/v1/sla/policies')).body.items.map(
        (p: { name: string; position: number }) => `${p.position}:${p.name}`,
      );
    assert.deepEqual(await names(), ['0:C', '1:A', '2:B']);
    const got = await call(s.t, owner, 'GET', `/api/v1/sla/policies/${b.id}`);
    assert.deepEqual(got.body.conditions, { tags: ['vip'] }, 'tags are lower-cased like ticket tags');
    assert.deepEqual(
      [got.body.pauseStatuses, got.body.warningPercent, got.body.isActive, got.body.calendarId],
      [['pending'], 75, true, null],
    );

    const patched = await call(s.t, owner, 'PATCH', `/api/v1/sla/policies/${a.id}`, {
      name: 'A2',
      pauseStatuses: ['pending', 'on_hold'],
      position: 5,
    });
    assert.equal(patched.status, 200, JSON.stringify(patched.body));
    assert.deepEqual(await names(), ['0:C', '1:B', '2:A2']);
    const reordered = await call(s.t, owner, 'POST', '/api/v1/sla/policies/reorder', { policyIds: [b.id] });
    assert.equal(reordered.status, 200);
    assert.deepEqual(await names(), ['0:B', '1:C', '2:A2']);
    assert.equal((await call(s.t, owner, 'DELETE', `/api/v1/sla/policies/${c.id}`)).status, 200);
    assert.deepEqual(await names(), ['0:B', '1:A2']);
    assert.equal((await call(s.t, owner, 'GET', `/api/v1/sla/policies/${c.id}`)).status, 404);

    const events = await s.t.ctx.database.db
      .selectFrom('events')
      .select('kind')
      .where('workspace_id', '=', workspaceId)
      .where('kind', 'like', 'sla.polic%')
      .orderBy('id')
      .execute();
    assert.deepEqual(
      events.map((e) => e.kind),
      [
        'sla.policy_created',
        'sla.policy_created',
        'sla.policy_created',
        'sla.policy_updated',
        'sla.policies_reordered',
        'sla.policy_deleted',
      ],
    );
  });

  it('validates targets, references and names; only admins change policies; other workspaces see 404', async () => {
    const s = get();
    const { owner, workspaceId } = await makeWorkspace(s.t);
    const other = await makeWorkspace(s.t);
    const foreignCalendar = await officeCalendar(s, other.workspaceId);
    const foreignGroup = (await call(s.t, other.owner, 'POST', '/api/v1/groups', { name: 'Theirs' })).body.id;
    const bad: Array<[object, number, string]> = [
      [{ name: 'x', targets: { normal: { first_reply: { minutes: 0, business: true } } } }, 400, 'validation_failed'],
      [{ name: 'x', targets: { normal: { first_response: { minutes: 5, business: true } } } }, 400, 'validation_failed'],
      [{ name: 'x', targets: { whenever: {} } }, 400, 'validation_failed'],
      [{ name: 'x', warningPercent: 100 }, 400, 'validation_failed'],
      [{ name: 'x', pauseStatuses: ['solved'] }, 400, 'validation_failed'],
      [{ name: 'x', calendarId: foreignCalendar }, 422, 'calendar_not_found'],
      [{ name: 'x', conditions: { groupIds: [foreignGroup] } }, 422, 'group_not_found'],
      [{ name: 'x', escalation: { groupId: foreignGroup } }, 422, 'group_not_found'],
      [{ name: 'x', escalation: { notifyUserIds: [other.owner.userId] } }, 422, 'user_not_found'],
    ];
    for (const [body, status, code] of bad) {
      const r = await call(s.t, owner, 'POST', '/api/v1/sla/policies', body);
      assert.deepEqual([r.status, r.body.error?.code], [status, code], JSON.stringify(body));
    }
    const p = await createPolicy(s, owner, { name: 'Only one', targets: FIVE });
    const dup = await call(s.t, owner, 'POST', '/api/v1/sla/policies', { name: 'only ONE' });
    assert.deepEqual([dup.status, dup.body.error.code], [409, 'sla_policy_name_taken']);

    const agent = await makeAgent(s.t, workspaceId, 'agent');
    const supervisor = await makeAgent(s.t, workspaceId, 'supervisor');
    assert.equal((await call(s.t, agent, 'GET', '/api/v1/sla/policies')).status, 200, 'agents read policies');
    for (const who of [agent, supervisor]) {
      assert.equal((await call(s.t, who, 'POST', '/api/v1/sla/policies', { name: 'no' })).status, 403);
      assert.equal((await call(s.t, who, 'PATCH', `/api/v1/sla/policies/${p.id}`, { name: 'no' })).status, 403);
      assert.equal((await call(s.t, who, 'DELETE', `/api/v1/sla/policies/${p.id}`)).status, 403);
    }
    for (const [method, url, body] of [
      ['GET', `/api/v1/sla/policies/${p.id}`, undefined],
      ['PATCH', `/api/v1/sla/policies/${p.id}`, { name: 'taken over' }],
      ['DELETE', `/api/v1/sla/policies/${p.id}`, undefined],
      ['POST', '/api/v1/sla/policies/reorder', { policyIds: [p.id] }],
    ] as const) {
      const r = await call(s.t, other.owner, method, url, body);
      assert.equal(r.status, 404, `${method} ${url}: ${JSON.stringify(r.body)}`);
    }
    assert.deepEqual((await call(s.t, other.owner, 'GET', '/api/v1/sla/policies')).body.items, []);
    assert.equal((await call(s.t, owner, 'GET', `/api/v1/sla/policies/${p.id}`)).body.name, 'Only one');
  });

  it('the shipped set: complaints, urgent, standard per priority — first match wins, with the reasons', async () => {
    const s = get();
    s.clock.set(MONDAY_9AM);
    const { owner, workspaceId } = await makeWorkspace(s.t);
    await inTransaction(s.t.ctx, (trx) => ensureDefaultSlaPolicies(trx, workspaceId, s.clock.now()));
    await inTransaction(s.t.ctx, (trx) => ensureDefaultSlaPolicies(trx, workspaceId, s.clock.now()));
    const list = (await call(s.t, owner, 'GET', '/api/v1/sla/policies')).body.items;
    assert.deepEqual(
      list.map((p: { name: string }) => p.name),
      ['投诉', '紧急', '标准'],
      'seeded once, in the workspace language',
    );
    const complaint = await createTicket(s, owner, { type: 'complaint', priority: 'urgent' });
    assert.equal(complaint.sla?.policyId, list[0].id);
    assert.deepEqual(
      complaint.sla?.metrics.map((m) => [m.metric, m.dueAt]),
      [
        ['first_reply', new Date(MONDAY_9AM.getTime() + 24 * 60 * MIN).toISOString()],
        ['resolution', new Date(MONDAY_9AM.getTime() + 72 * 60 * MIN).toISOString()],
      ],
    );
    assert.deepEqual(complaint.sla?.commitment, { 'zh-CN': '我们将在 1 天内回复您', en: 'We will reply within 1 day' });
    const urgent = await createTicket(s, owner, { priority: 'urgent' });
    assert.equal(urgent.sla?.policyId, list[1].id);
    assert.equal(urgent.sla?.commitment?.['zh-CN'], '我们将在工作时间 30 分钟内回复您');
    const low = await createTicket(s, owner, { priority: 'low' });
    assert.equal(low.sla?.policyId, list[2].id);
    assert.equal(low.sla?.commitment?.en, 'We will reply within 8 business hours');
    const why = await ticketSla(s, owner, low.id);
    assert.deepEqual(
      why.evaluation.map((e) => [e.name, e.matched, e.checks.map((c) => `${c.field}:${c.ok}`)]),
      [
        ['投诉', false, ['type:false']],
        ['紧急', false, ['priority:false']],
        ['标准', true, []],
      ],
    );
    // The complaint gets its periodic update once an agent has replied.
    const replied = await call(s.t, owner, 'POST', `/api/v1/tickets/${complaint.id}/messages`, { kind: 'public', body: '我们正在处理' });
    assert.equal(metricOf(replied.body.ticket.sla, 'periodic_update')?.dueAt, new Date(MONDAY_9AM.getTime() + 24 * 60 * MIN).toISOString());
  });

  it('commitments: the applicable first-reply target as a sentence, for agents and customer tokens', async () => {
    const s = get();
    const { owner, workspaceId } = await makeWorkspace(s.t, 'Commitments');
    await createPolicy(s, owner, {
      name: 'Gold',
      conditions: { customerTier: ['gold'] },
      targets: { normal: { first_reply: { minutes: 15, business: false } } },
    });
    await createPolicy(s, owner, {
      name: 'Everyone',
      targets: { normal: { first_reply: { minutes: 120, business: true } }, high: { first_reply: { minutes: 2880, business: false } } },
    });
    const text = async (who: { token: string }, q: string) => (await call(s.t, who, 'GET', `/api/v1/sla/commitment?${q}`)).body;
    assert.deepEqual(await text(owner, 'lang=zh-CN'), {
      policyId: (await call(s.t, owner, 'GET', '/api/v1/sla/policies')).body.items[1].id,
      policyName: 'Everyone',
      target: { minutes: 120, business: true },
      lang: 'zh-CN',
      text: '我们将在 2 个工作小时内回复您',
    });
    assert.equal((await text(owner, 'lang=en')).text, 'We will reply within 2 business hours');
    assert.equal((await text(owner, 'priority=high&lang=en')).text, 'We will reply within 2 days');
    assert.equal((await text(owner, 'tier=gold&lang=zh')).text, '我们将在 15 分钟内回复您');
    assert.equal((await text(owner, 'priority=low')).text, null, 'no first-reply target for low');

    const customer = await call(s.t, owner, 'POST', '/api/v1/customers', { name: 'Gold customer', tier: 'gold' });
    assert.equal(customer.body.tier, 'gold');
    const token = { token: await makeCustomerToken(s.t, workspaceId, customer.body.id) };
    const mine = await text(token, 'tier=none&lang=en');
    assert.deepEqual(mine, {
      policyId: null,
      policyName: null,
      target: { minutes: 15, business: false },
      lang: 'en',
      text: 'We will reply within 15 minutes',
    });
    assert.equal((await call(s.t, null, 'GET', '/api/v1/sla/commitment')).status, 401);
    assert.equal((await call(s.t, token, 'GET', '/api/v1/sla/policies')).status, 403, 'customers see no policies');
  });

  it('re-evaluates open tickets when a policy or a customer tier changes', async () => {
    const s = get();
    s.clock.set(MONDAY_9AM);
    const { owner, workspaceId } = await makeWorkspace(s.t);
    const tk = await createTicket(s, owner);
    assert.equal(tk.sla, undefined, 'no policy: no SLA');
    const vip = await createPolicy(s, owner, {
      name: 'VIP',
      conditions: { customerTier: ['vip'] },
      targets: { normal: { first_reply: { minutes: 10, business: false } } },
    });
    const std = await createPolicy(s, owner, { name: 'Standard', targets: { normal: { first_reply: { minutes: 60, business: false } } } });
    await reevaluate(s, workspaceId);
    let sla = (await call(s.t, owner, 'GET', `/api/v1/tickets/${tk.id}`)).body.sla;
    assert.deepEqual(
      [sla.policyId, metricOf(sla, 'first_reply')?.dueAt],
      [std.id, new Date(MONDAY_9AM.getTime() + 60 * MIN).toISOString()],
    );

    const patched = await call(s.t, owner, 'PATCH', `/api/v1/customers/${tk.requesterId}`, { tier: 'VIP' });
    assert.equal(patched.status, 200);
    await reevaluate(s, workspaceId, { requesterId: tk.requesterId });
    sla = (await call(s.t, owner, 'GET', `/api/v1/tickets/${tk.id}`)).body.sla;
    assert.deepEqual(
      [sla.policyId, metricOf(sla, 'first_reply')?.dueAt],
      [vip.id, new Date(MONDAY_9AM.getTime() + 10 * MIN).toISOString()],
    );

    await call(s.t, owner, 'PATCH', `/api/v1/sla/policies/${vip.id}`, {
      targets: { normal: { first_reply: { minutes: 20, business: false } } },
    });
    await reevaluate(s, workspaceId);
    assert.equal(
      metricOf((await ticketSla(s, owner, tk.id)).summary, 'first_reply')?.dueAt,
      new Date(MONDAY_9AM.getTime() + 20 * MIN).toISOString(),
    );
    await call(s.t, owner, 'DELETE', `/api/v1/sla/policies/${vip.id}`);
    await call(s.t, owner, 'DELETE', `/api/v1/sla/policies/${std.id}`);
    await reevaluate(s, workspaceId);
    const gone = await ticketSla(s, owner, tk.id);
    assert.deepEqual(gone.summary.metrics, []);
    assert.equal(gone.history[0]?.kind, 'cancelled');
    assert.equal((await call(s.t, owner, 'GET', `/api/v1/tickets/${tk.id}`)).body.sla, undefined);
  });

  it('sorts the inbox by next due (breached first, none last), keyset-paginated', async () => {
    const s = get();
    s.clock.set(MONDAY_9AM);
    const { owner } = await makeWorkspace(s.t);
    await createPolicy(s, owner, {
      name: 'Urgent',
      conditions: { priority: ['urgent'] },
      targets: { urgent: { first_reply: { minutes: 5, business: false } } },
    });
    await createPolicy(s, owner, {
      name: 'Rest',
      conditions: { priority: ['high', 'normal'] },
      targets: { high: { first_reply: { minutes: 30, business: false } }, normal: { first_reply: { minutes: 60, business: false } } },
    });
    const none = await createTicket(s, owner, { priority: 'low' });
    const normal = await createTicket(s, owner, { priority: 'normal' });
    const high = await createTicket(s, owner, { priority: 'high' });
    s.clock.advance(10 * MIN);
    const urgent = await createTicket(s, owner, { priority: 'urgent', subject: 'due at 09:15' });
    const none2 = await createTicket(s, owner, { priority: 'low' });
    const expected = [urgent.number, high.number, normal.number, none.number, none2.number];
    const all = await call(s.t, owner, 'GET', '/api/v1/tickets?sort=sla_due');
    assert.deepEqual(
      all.body.items.map((x: { number: number }) => x.number),
      expected,
    );
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const r = await call(s.t, owner, 'GET', `/api/v1/tickets?sort=sla_due&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      seen.push(...r.body.items.map((x: { number: number }) => x.number));
      cursor = r.body.nextCursor;
    } while (cursor);
    assert.deepEqual(seen, expected);
  });

  it('reports attainment per metric, policy, group, agent and channel', async () => {
    const s = get();
    s.clock.set(MONDAY_9AM);
    const { owner, workspaceId } = await makeWorkspace(s.t);
    const agent = await makeAgent(s.t, workspaceId, 'agent');
    const p = await createPolicy(s, owner, { name: 'Thirty', targets: { normal: { first_reply: { minutes: 30, business: false } } } });
    const onTime = await createTicket(s, owner, { channel: 'email', assigneeId: agent.userId });
    const late = await createTicket(s, owner, { channel: 'chat', assigneeId: agent.userId });
    const open = await createTicket(s, owner, { channel: 'chat' });
    s.clock.advance(10 * MIN);
    await call(s.t, owner, 'POST', `/api/v1/tickets/${onTime.id}/messages`, { kind: 'public', body: 'Hi' });
    s.clock.advance(30 * MIN);
    await sweep(s);
    await call(s.t, owner, 'POST', `/api/v1/tickets/${late.id}/messages`, { kind: 'public', body: 'Sorry' });
    const report = async (q: string) => (await call(s.t, owner, 'GET', `/api/v1/reports/sla?${q}`)).body;
    const byMetric = await report('by=metric');
    assert.deepEqual(byMetric.totals, [{ metric: 'first_reply', fulfilled: 1, breached: 2, attainmentPercent: 33.3 }]);
    assert.deepEqual(
      (await report('by=channel')).rows.map((r: { key: string; fulfilled: number; breached: number }) => [r.key, r.fulfilled, r.breached]),
      [
        ['chat', 0, 2],
        ['email', 1, 0],
      ],
    );
    assert.deepEqual(
      (await report('by=policy')).rows.map((r: { key: string; label: string; attainmentPercent: number }) => [
        r.key,
        r.label,
        r.attainmentPercent,
      ]),
      [[p.id, 'Thirty', 33.3]],
    );
    const agentName = (await call(s.t, owner, 'GET', `/api/v1/users/${agent.userId}`)).body.name;
    assert.deepEqual(
      (await report('by=agent')).rows.map((r: { label: string | null; fulfilled: number; breached: number }) => [
        r.label,
        r.fulfilled,
        r.breached,
      ]),
      [
        [agentName, 1, 1],
        [null, 0, 1],
      ],
    );
    assert.deepEqual(
      (await report('by=group')).rows.map((r: { key: string | null; fulfilled: number; breached: number }) => [
        r.key,
        r.fulfilled,
        r.breached,
      ]),
      [[null, 1, 2]],
    );
    const empty = await report(`from=${new Date(MONDAY_9AM.getTime() - 86_400_000).toISOString()}&to=${MONDAY_9AM.toISOString()}`);
    assert.deepEqual(empty.totals, []);
    assert.equal((await call(s.t, agent, 'GET', '/api/v1/reports/sla')).status, 403, 'supervisors and up');
    assert.equal((await report('from=2026-11-20T00:00:00Z&to=2026-11-19T00:00:00Z')).error.code, 'invalid_range');
    assert.ok(open.id);
  });
});
