// The SLA clock through the real use cases, on a fake clock: pauses, fulfilment, next replies,
// warnings and breaches fired by the sweeper, escalation, exactly-once under concurrent sweeps.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { businessMillisecondsBetween } from '@kefu/core/calendar';
import { call, makeAgent, makeWorkspace } from '../../testing/harness.js';
import { policyCalendar } from './sla-cache.js';
import {
  MIN,
  MONDAY_9AM,
  createPolicy,
  createTicket,
  eachSlaBackend,
  eventsOf,
  metricOf,
  officeCalendar,
  reevaluate,
  sgt,
  sweep,
  ticketSla,
} from './sla-test-kit.js';

eachSlaBackend('sla clock', (get) => {
  it('pending for 3 business hours moves the resolution due instant by exactly 3 business hours', async () => {
    const s = get();
    s.clock.set(MONDAY_9AM);
    const { owner, workspaceId } = await makeWorkspace(s.t);
    const calendarId = await officeCalendar(s, workspaceId);
    await createPolicy(s, owner, {
      name: 'Eight business hours',
      targets: { normal: { resolution: { minutes: 480, business: true } } },
      calendarId,
    });
    const control = await createTicket(s, owner);
    const paused = await createTicket(s, owner);
    // Monday 09:00 + 8 business hours (09:00–18:00) = Monday 17:00.
    assert.equal(metricOf(control.sla, 'resolution')?.dueAt, sgt('16', '17:00').toISOString());
    assert.equal(metricOf(paused.sla, 'resolution')?.dueAt, sgt('16', '17:00').toISOString());

    s.clock.set(sgt('16', '10:00'));
    const pending = await call(s.t, owner, 'POST', `/api/v1/tickets/${paused.id}/messages`, {
      kind: 'public',
      body: 'Could you send the order number?',
      setStatus: 'pending',
    });
    assert.equal(pending.status, 201);
    assert.equal(metricOf(pending.body.ticket.sla, 'resolution')?.status, 'paused');
    assert.equal(pending.body.ticket.sla.nextDueAt, null, 'a paused ticket is not due');

    s.clock.set(sgt('16', '13:00'));
    const answer = await call(s.t, owner, 'POST', `/api/v1/tickets/${paused.id}/messages`, {
      kind: 'public',
      body: 'It is 12345',
      authorType: 'customer',
    });
    assert.equal(answer.status, 201);
    assert.equal(answer.body.ticket.status, 'open', 'the customer reply reopens');
    const resolution = metricOf(answer.body.ticket.sla, 'resolution')!;
    assert.equal(resolution.status, 'active');
    assert.equal(resolution.dueAt, sgt('17', '11:00').toISOString(), 'Monday 17:00 + 3 business hours = Tuesday 11:00');
    assert.equal(resolution.pausedMinutes, 180);
    const cal = await policyCalendar(s.t.ctx.database.db, workspaceId, calendarId);
    assert.equal(businessMillisecondsBetween(cal, sgt('16', '17:00'), new Date(resolution.dueAt)), 180 * MIN);
    assert.equal(metricOf((await ticketSla(s, owner, control.id)).summary, 'resolution')?.dueAt, sgt('16', '17:00').toISOString());
    const kinds = (await ticketSla(s, owner, paused.id)).history.filter((h) => h.metric === 'resolution').map((h) => h.kind);
    assert.deepEqual(kinds.reverse(), ['activated', 'paused', 'resumed']);
  });

  it('a holiday added to the calendar moves running due instants (re-evaluation queued by the edit)', async () => {
    const s = get();
    s.clock.set(MONDAY_9AM);
    const { owner, workspaceId } = await makeWorkspace(s.t);
    const calendarId = await officeCalendar(s, workspaceId);
    await createPolicy(s, owner, {
      name: 'Twelve business hours',
      targets: { normal: { resolution: { minutes: 720, business: true } } },
      calendarId,
    });
    const tk = await createTicket(s, owner);
    // Monday 09:00 + 12 business hours = Tuesday 12:00.
    assert.equal(metricOf(tk.sla, 'resolution')?.dueAt, sgt('17', '12:00').toISOString());
    const cal = await call(s.t, owner, 'GET', `/api/v1/calendars/${calendarId}`);
    const spec = { ...cal.body.spec, holidays: ['2026-11-17'] };
    const patched = await call(s.t, owner, 'PATCH', `/api/v1/calendars/${calendarId}`, { spec });
    assert.equal(patched.status, 200);
    const queued = await s.t.ctx.database.execute(
      `select count(*)::int as n from ${s.t.ctx.jobs.schema}.job where name = 'sla.reevaluate'`,
    );
    assert.ok(((queued.rows[0] as { n: number }).n ?? 0) >= 1, 'the edit queues a re-evaluation');
    await reevaluate(s, workspaceId);
    // Tuesday is now a holiday: the remaining 3 hours run Wednesday 09:00–12:00.
    assert.equal(metricOf((await ticketSla(s, owner, tk.id)).summary, 'resolution')?.dueAt, sgt('18', '12:00').toISOString());
  });

  it('first reply is fulfilled by the first public agent reply; a note does not count', async () => {
    const s = get();
    s.clock.set(MONDAY_9AM);
    const { owner } = await makeWorkspace(s.t);
    await createPolicy(s, owner, {
      name: 'Replies',
      targets: { normal: { first_reply: { minutes: 60, business: false }, next_reply: { minutes: 30, business: false } } },
    });
    const tk = await createTicket(s, owner);
    assert.equal(metricOf(tk.sla, 'first_reply')?.dueAt, new Date(MONDAY_9AM.getTime() + 60 * MIN).toISOString());
    assert.equal(tk.sla?.nextDueAt, metricOf(tk.sla, 'first_reply')?.dueAt);
    s.clock.advance(10 * MIN);
    const note = await call(s.t, owner, 'POST', `/api/v1/tickets/${tk.id}/messages`, { kind: 'note', body: 'checking' });
    assert.equal(metricOf(note.body.ticket.sla, 'first_reply')?.status, 'active');
    s.clock.advance(10 * MIN);
    const reply = await call(s.t, owner, 'POST', `/api/v1/tickets/${tk.id}/messages`, { kind: 'public', body: 'On its way' });
    const fr = metricOf(reply.body.ticket.sla, 'first_reply')!;
    assert.deepEqual([fr.status, fr.fulfilledAt], ['fulfilled', s.clock.now().toISOString()]);
    assert.equal(metricOf(reply.body.ticket.sla, 'next_reply'), undefined, 'no next reply until the customer writes');
    assert.equal(reply.body.ticket.sla.nextDueAt, null);

    // The customer writes twice; the clock runs from the first unanswered message.
    s.clock.advance(5 * MIN);
    const asked = s.clock.now();
    await call(s.t, owner, 'POST', `/api/v1/tickets/${tk.id}/messages`, {
      kind: 'public',
      body: 'And the invoice?',
      authorType: 'customer',
    });
    s.clock.advance(5 * MIN);
    const again = await call(s.t, owner, 'POST', `/api/v1/tickets/${tk.id}/messages`, {
      kind: 'public',
      body: 'Hello?',
      authorType: 'customer',
    });
    const nr = metricOf(again.body.ticket.sla, 'next_reply')!;
    assert.deepEqual([nr.status, nr.cycle, nr.dueAt], ['active', 1, new Date(asked.getTime() + 30 * MIN).toISOString()]);
    s.clock.advance(5 * MIN);
    const answered = await call(s.t, owner, 'POST', `/api/v1/tickets/${tk.id}/messages`, { kind: 'public', body: 'Attached' });
    assert.equal(metricOf(answered.body.ticket.sla, 'next_reply')?.status, 'fulfilled');
    const outcomes = (await ticketSla(s, owner, tk.id)).history
      .filter((h) => h.kind === 'fulfilled')
      .map((h) => [h.metric, h.withinTarget]);
    assert.deepEqual(outcomes.reverse(), [
      ['first_reply', true],
      ['next_reply', true],
    ]);
  });

  it('the sweeper fires the warning at 75 % and the breach at the due instant, once each, and escalates', async () => {
    const s = get();
    s.clock.set(MONDAY_9AM);
    const { owner, workspaceId } = await makeWorkspace(s.t);
    const supervisor = await makeAgent(s.t, workspaceId, 'supervisor');
    const agent = await makeAgent(s.t, workspaceId, 'agent');
    const tier2 = await call(s.t, owner, 'POST', '/api/v1/groups', { name: 'Tier 2' });
    await createPolicy(s, owner, {
      name: 'Fast',
      targets: {
        normal: { first_reply: { minutes: 40, business: false } },
        high: { first_reply: { minutes: 20, business: false } },
      },
      escalation: { raisePriority: true, groupId: tier2.body.id, notifyUserIds: [supervisor.userId] },
    });
    const tk = await createTicket(s, owner, { assigneeId: agent.userId });
    const fired = async () => (await eventsOf(s, tk.id, ['sla.warning', 'sla.breached'])).map((e) => e.kind);

    s.clock.set(new Date(MONDAY_9AM.getTime() + 29 * MIN));
    await sweep(s);
    assert.deepEqual(await fired(), []);
    s.clock.set(new Date(MONDAY_9AM.getTime() + 30 * MIN));
    await sweep(s);
    await sweep(s);
    assert.deepEqual(await fired(), ['sla.warning']);
    s.clock.set(new Date(MONDAY_9AM.getTime() + 40 * MIN));
    await sweep(s);
    await sweep(s);
    assert.deepEqual(await fired(), ['sla.warning', 'sla.breached']);
    const [breach] = await eventsOf(s, tk.id, ['sla.breached']);
    assert.deepEqual(breach!.new_value, {
      metric: 'first_reply',
      cycle: 1,
      dueAt: new Date(MONDAY_9AM.getTime() + 40 * MIN).toISOString(),
      targetMinutes: 40,
      policyId: (await ticketSla(s, owner, tk.id)).summary.policyId,
      policyName: 'Fast',
    });

    // Escalation: one step up, to Tier 2 unassigned, and the supervisor hears of it.
    const after = await call(s.t, owner, 'GET', `/api/v1/tickets/${tk.id}`);
    assert.deepEqual([after.body.priority, after.body.groupId, after.body.assigneeId], ['high', tier2.body.id, null]);
    const changes = await eventsOf(s, tk.id, ['ticket.updated']);
    assert.deepEqual(
      changes.map((e) => [e.field, (e.data as { reason: string } | null)?.reason]),
      [
        ['priority', 'sla_breached'],
        ['group', 'sla_breached'],
        ['assignee', 'sla_breached'],
      ],
    );
    const notes = await call(s.t, supervisor, 'GET', '/api/v1/notifications');
    assert.deepEqual(
      notes.body.items.map((n: { kind: string; ticketId: string }) => [n.kind, n.ticketId]),
      [['sla_breached', tk.id]],
    );
    // Priority high has a shorter target, but a breach is final for its cycle: nothing fires again.
    const sla = (await ticketSla(s, owner, tk.id)).summary;
    assert.equal(metricOf(sla, 'first_reply')?.status, 'breached');
    s.clock.advance(60 * MIN);
    await sweep(s);
    assert.deepEqual(await fired(), ['sla.warning', 'sla.breached']);
    // A late reply fulfils the cycle, which stays a breach in the outcomes.
    await call(s.t, owner, 'POST', `/api/v1/tickets/${tk.id}/messages`, { kind: 'public', body: 'Sorry for the wait' });
    const outcome = (await ticketSla(s, owner, tk.id)).history.find((h) => h.kind === 'fulfilled');
    assert.equal(outcome?.withinTarget, false);
  });

  it('two sweepers at once fire each breach exactly once', async () => {
    const s = get();
    s.clock.set(MONDAY_9AM);
    const { owner } = await makeWorkspace(s.t);
    await createPolicy(s, owner, { name: 'Ten minutes', targets: { normal: { first_reply: { minutes: 10, business: false } } } });
    const tickets = [];
    for (let i = 0; i < 6; i++) tickets.push(await createTicket(s, owner));
    s.clock.advance(11 * MIN);
    const results = await Promise.all([sweep(s), sweep(s), sweep(s)]);
    assert.equal(results.reduce((n, r) => n + r.tickets, 0) >= 6, true, 'every ticket was handled by one of them');
    await sweep(s);
    for (const tk of tickets) {
      const breaches = await eventsOf(s, tk.id, ['sla.breached']);
      assert.equal(breaches.length, 1, `ticket ${tk.number}: ${breaches.length} breaches`);
    }
    const due = await s.t.ctx.database.db
      .selectFrom('ticket_sla')
      .select('ticket_id')
      .where('next_fire_at', 'is not', null)
      .where(
        'ticket_id',
        'in',
        tickets.map((x) => x.id),
      )
      .execute();
    assert.deepEqual(due, [], 'no timer left on breached tickets');
  });

  it('solving fulfils; reopening resumes the resolution clock without counting the solved time', async () => {
    const s = get();
    s.clock.set(MONDAY_9AM);
    const { owner } = await makeWorkspace(s.t);
    await createPolicy(s, owner, { name: 'Resolve', targets: { normal: { resolution: { minutes: 120, business: false } } } });
    const tk = await createTicket(s, owner);
    s.clock.advance(30 * MIN);
    const solved = await call(s.t, owner, 'PATCH', `/api/v1/tickets/${tk.id}`, { status: 'solved' });
    assert.equal(metricOf(solved.body.sla, 'resolution')?.status, 'fulfilled');
    s.clock.advance(60 * MIN);
    const reopened = await call(s.t, owner, 'POST', `/api/v1/tickets/${tk.id}/messages`, {
      kind: 'public',
      body: 'Still broken',
      authorType: 'customer',
    });
    const r = metricOf(reopened.body.ticket.sla, 'resolution')!;
    assert.equal(r.status, 'active');
    assert.equal(r.fulfilledAt, null);
    // 30 minutes used before the solve; 90 left from the reopen at 10:30.
    assert.equal(r.dueAt, new Date(MONDAY_9AM.getTime() + 180 * MIN).toISOString());
    const kinds = (await ticketSla(s, owner, tk.id)).history.map((h) => h.kind).reverse();
    assert.deepEqual(kinds, ['activated', 'fulfilled', 'reactivated']);
  });
});
