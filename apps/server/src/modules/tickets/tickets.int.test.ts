import assert from 'node:assert/strict';
import { it } from 'node:test';
import { call, eachBackend, makeAgent, makeWorkspace } from '../../testing/harness.js';

eachBackend('tickets', (get) => {
  it('creates a ticket with requester upsert, numbers per workspace, and lists it', async () => {
    const t = get();
    const { owner, workspaceId } = await makeWorkspace(t);
    const a = await call(t, owner, 'POST', '/api/v1/tickets', {
      subject: '退款申请',
      body: '我想申请退款',
      requester: { email: 'Li.Lei@Example.com', name: '李雷' },
    });
    assert.equal(a.status, 201, JSON.stringify(a.body));
    assert.equal(a.body.number, 1);
    assert.equal(a.body.status, 'new');
    assert.equal(a.body.requester.email, 'li.lei@example.com');
    const b = await call(t, owner, 'POST', '/api/v1/tickets', {
      subject: 'Second',
      body: 'again',
      requester: { email: 'li.lei@example.com' },
    });
    assert.equal(b.body.number, 2);
    assert.equal(b.body.requesterId, a.body.requesterId, 'same identity → same customer');
    const other = await makeWorkspace(t);
    const c = await call(t, other.owner, 'POST', '/api/v1/tickets', {
      subject: 'x',
      body: 'y',
      requester: { email: 'li.lei@example.com' },
    });
    assert.equal(c.body.number, 1, 'numbers are per workspace');
    assert.notEqual(c.body.requesterId, a.body.requesterId, 'customers are per workspace');
    const list = await call(t, owner, 'GET', '/api/v1/tickets?status=new&sort=number_asc');
    assert.deepEqual(
      list.body.items.map((x: { number: number }) => x.number),
      [1, 2],
    );
    assert.ok(workspaceId);
  });

  it('paginates with a cursor without skipping or repeating', async () => {
    const t = get();
    const { owner } = await makeWorkspace(t);
    for (let i = 0; i < 7; i++)
      await call(t, owner, 'POST', '/api/v1/tickets', { subject: `T${i}`, body: 'b', requester: { email: `c${i}@x.com` } });
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/tickets?limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const r = await call(t, owner, 'GET', url);
      assert.equal(r.status, 200);
      seen.push(...r.body.items.map((x: { number: number }) => x.number));
      cursor = r.body.nextCursor;
    } while (cursor);
    assert.deepEqual(
      [...seen].sort((x, y) => x - y),
      [1, 2, 3, 4, 5, 6, 7],
    );
    assert.equal(new Set(seen).size, 7);
    assert.equal((await call(t, owner, 'GET', '/api/v1/tickets?cursor=garbage')).status, 400);
  });

  it('records an event with actor, old and new for every mutation', async () => {
    const t = get();
    const { owner, workspaceId } = await makeWorkspace(t);
    const agent = await makeAgent(t, workspaceId, 'agent');
    const tk = (await call(t, owner, 'POST', '/api/v1/tickets', { subject: 'Printer', body: 'broken', requester: { email: 'p@x.com' } }))
      .body;
    const other = (
      await call(t, owner, 'POST', '/api/v1/tickets', { subject: 'Printer too', body: 'also broken', requester: { email: 'q@x.com' } })
    ).body;
    const third = (await call(t, owner, 'POST', '/api/v1/tickets', { subject: 'Related', body: 'hm', requester: { email: 'r@x.com' } }))
      .body;
    assert.equal(
      (await call(t, agent, 'PATCH', `/api/v1/tickets/${tk.id}`, { priority: 'high', assigneeId: agent.userId, tags: ['hardware'] }))
        .status,
      200,
    );
    assert.equal((await call(t, agent, 'PATCH', `/api/v1/tickets/${tk.number}`, { status: 'pending' })).status, 200);
    assert.equal((await call(t, agent, 'POST', `/api/v1/tickets/${tk.id}/messages`, { kind: 'public', body: 'On it' })).status, 201);
    assert.equal((await call(t, agent, 'POST', `/api/v1/tickets/${tk.id}/links`, { kind: 'related', targetId: third.id })).status, 201);
    assert.equal((await call(t, agent, 'POST', `/api/v1/tickets/${other.id}/merge`, { targetId: tk.id })).status, 200);
    const ev = (await call(t, agent, 'GET', `/api/v1/tickets/${tk.id}/events`)).body.items as Array<{
      kind: string;
      field: string | null;
      oldValue: unknown;
      newValue: unknown;
      actor: { id: string | null; name: string | null };
      createdAt: string;
    }>;
    const find = (kind: string, field?: string) => ev.find((e) => e.kind === kind && (field === undefined || e.field === field));
    assert.ok(find('ticket.created'));
    assert.deepEqual([find('ticket.updated', 'priority')?.oldValue, find('ticket.updated', 'priority')?.newValue], ['normal', 'high']);
    assert.deepEqual([find('ticket.updated', 'assignee')?.oldValue, find('ticket.updated', 'assignee')?.newValue], [null, agent.userId]);
    assert.equal(find('ticket.updated', 'assignee')?.actor.id, agent.userId);
    assert.ok(find('ticket.updated', 'assignee')?.actor.name);
    assert.deepEqual(find('ticket.updated', 'tags')?.newValue, ['hardware']);
    const statuses = ev.filter((e) => e.field === 'status').map((e) => `${e.oldValue}→${e.newValue}`);
    assert.deepEqual(statuses, ['new→open', 'open→pending']);
    assert.ok(find('message.created'));
    assert.ok(find('ticket.link_added'));
    assert.ok(find('ticket.merge_received'));
    for (const e of ev) assert.ok(!Number.isNaN(Date.parse(e.createdAt)));
    const otherEvents = (await call(t, agent, 'GET', `/api/v1/tickets/${other.id}/events`)).body.items as Array<{
      kind: string;
      field: string | null;
      newValue: unknown;
    }>;
    assert.ok(otherEvents.some((e) => e.kind === 'ticket.merged'));
    assert.ok(otherEvents.some((e) => e.field === 'status' && e.newValue === 'closed'));
    const msgs = (await call(t, agent, 'GET', `/api/v1/tickets/${tk.id}/messages`)).body.items as Array<{ body: string }>;
    assert.ok(
      msgs.some((m) => m.body === 'also broken'),
      'merged messages are copied',
    );
  });

  it('follows the workflow: reopen on customer reply, closed makes a follow-up, problems solve incidents', async () => {
    const t = get();
    const { owner } = await makeWorkspace(t);
    const tk = (
      await call(t, owner, 'POST', '/api/v1/tickets', { subject: 'Login', body: 'cannot log in', requester: { email: 'w@x.com' } })
    ).body;
    await call(t, owner, 'POST', `/api/v1/tickets/${tk.id}/messages`, { kind: 'public', body: 'Fixed', setStatus: 'solved' });
    assert.equal((await call(t, owner, 'GET', `/api/v1/tickets/${tk.id}`)).body.status, 'solved');
    const r = await call(t, owner, 'POST', `/api/v1/tickets/${tk.id}/messages`, {
      kind: 'public',
      authorType: 'customer',
      body: 'Still broken',
    });
    assert.equal(r.body.ticket.status, 'open');
    await call(t, owner, 'PATCH', `/api/v1/tickets/${tk.id}`, { status: 'solved' });
    assert.equal((await call(t, owner, 'PATCH', `/api/v1/tickets/${tk.id}`, { status: 'closed' })).status, 200);
    assert.equal((await call(t, owner, 'PATCH', `/api/v1/tickets/${tk.id}`, { status: 'open' })).body.error.code, 'ticket_closed');
    const f = await call(t, owner, 'POST', `/api/v1/tickets/${tk.id}/messages`, {
      kind: 'public',
      authorType: 'customer',
      body: 'Broken again',
    });
    assert.equal(f.status, 201);
    assert.equal(f.body.followUpCreated, true);
    assert.notEqual(f.body.ticket.id, tk.id);
    const links = (await call(t, owner, 'GET', `/api/v1/tickets/${f.body.ticket.id}/links`)).body.items;
    assert.equal(links[0].kind, 'follow_up_of');
    assert.equal(links[0].ticket.id, tk.id);

    const problem = (
      await call(t, owner, 'POST', '/api/v1/tickets', {
        subject: 'Outage',
        body: 'site down',
        type: 'problem',
        requester: { email: 'ops@x.com' },
      })
    ).body;
    const inc = [];
    for (let i = 0; i < 2; i++) {
      const x = (
        await call(t, owner, 'POST', '/api/v1/tickets', { subject: `Down ${i}`, body: 'help', requester: { email: `u${i}@x.com` } })
      ).body;
      assert.equal(
        (await call(t, owner, 'POST', `/api/v1/tickets/${x.id}/links`, { kind: 'incident_of', targetId: problem.id })).status,
        201,
      );
      inc.push(x);
    }
    await call(t, owner, 'POST', `/api/v1/tickets/${problem.id}/messages`, {
      kind: 'public',
      body: 'Back up. Sorry!',
      setStatus: 'solved',
    });
    for (const x of inc) {
      const got = (await call(t, owner, 'GET', `/api/v1/tickets/${x.id}`)).body;
      assert.equal(got.status, 'solved');
      assert.equal(got.type, 'incident');
      const m = (await call(t, owner, 'GET', `/api/v1/tickets/${x.id}/messages`)).body.items;
      assert.equal(m.at(-1).body, 'Back up. Sorry!');
    }
  });

  it('notifies @mentioned agents from notes, and light agents cannot reply publicly', async () => {
    const t = get();
    const { owner, workspaceId } = await makeWorkspace(t);
    const light = await makeAgent(t, workspaceId, 'light_agent');
    const agent = await makeAgent(t, workspaceId, 'agent');
    const tk = (await call(t, owner, 'POST', '/api/v1/tickets', { subject: 'Billing', body: '?', requester: { email: 'b@x.com' } })).body;
    const pub = await call(t, light, 'POST', `/api/v1/tickets/${tk.id}/messages`, { kind: 'public', body: 'hi' });
    assert.equal(pub.status, 403);
    const note = await call(t, light, 'POST', `/api/v1/tickets/${tk.id}/messages`, {
      kind: 'note',
      body: `请 @[Agent](user:${agent.userId}) 看一下`,
    });
    assert.equal(note.status, 201);
    const n = (await call(t, agent, 'GET', '/api/v1/notifications')).body;
    assert.equal(n.unreadCount, 1);
    assert.equal(n.items[0].ticketId, tk.id);
    assert.equal(n.items[0].actor.id, light.userId);
    assert.equal((await call(t, light, 'PATCH', `/api/v1/tickets/${tk.id}`, { priority: 'high' })).status, 403);
  });

  it('validates custom fields and requires required-on-solve fields', async () => {
    const t = get();
    const { owner } = await makeWorkspace(t);
    assert.equal(
      (
        await call(t, owner, 'POST', '/api/v1/ticket-fields', {
          key: 'order_no',
          labelEn: 'Order',
          labelZh: '订单号',
          type: 'text',
          requiredOnSolve: true,
        })
      ).status,
      201,
    );
    assert.equal(
      (
        await call(t, owner, 'POST', '/api/v1/ticket-fields', {
          key: 'reason',
          labelEn: 'Reason',
          labelZh: '原因',
          type: 'dropdown',
          options: ['late', 'damaged'],
        })
      ).status,
      201,
    );
    const tk = (await call(t, owner, 'POST', '/api/v1/tickets', { subject: 'x', body: 'y', requester: { email: 'f@x.com' } })).body;
    const bad = await call(t, owner, 'PATCH', `/api/v1/tickets/${tk.id}`, { customFields: { reason: 'lost' } });
    assert.equal(bad.status, 422);
    assert.equal(bad.body.error.details.fields[0].code, 'invalid_option');
    const solve = await call(t, owner, 'PATCH', `/api/v1/tickets/${tk.id}`, { status: 'solved' });
    assert.equal(solve.body.error.code, 'required_fields_missing');
    const ok = await call(t, owner, 'PATCH', `/api/v1/tickets/${tk.id}`, { status: 'solved', customFields: { order_no: 'A-1' } });
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
  });
});
