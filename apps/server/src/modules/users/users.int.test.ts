import assert from 'node:assert/strict';
import { it } from 'node:test';
import { makeCustomerRequest, makeTicketRequest } from '@kefu/testing/factories';
import { call, eachBackend, makeAgent, makeWorkspace } from '../../testing/harness.js';

eachBackend('people, groups, views, bulk', (get) => {
  it('admins manage agents and groups; roles are checked', async () => {
    const t = get();
    const { owner, workspaceId } = await makeWorkspace(t);
    const agent = await makeAgent(t, workspaceId, 'agent');
    const admin = await makeAgent(t, workspaceId, 'admin');
    const g = await call(t, owner, 'POST', '/api/v1/groups', { name: '售后服务', memberIds: [agent.userId] });
    assert.equal(g.status, 201);
    assert.equal((await call(t, owner, 'POST', '/api/v1/groups', { name: '售后服务' })).status, 409);
    const u = await call(t, admin, 'POST', '/api/v1/users', { email: 'new@x.com', name: '新同事', role: 'agent', groupIds: [g.body.id] });
    assert.equal(u.status, 201);
    assert.deepEqual(u.body.groupIds, [g.body.id]);
    assert.equal(
      (await call(t, admin, 'POST', '/api/v1/users', { email: 'o@x.com', name: 'O', role: 'owner' })).status,
      403,
      'admins cannot create owners',
    );
    assert.equal((await call(t, agent, 'POST', '/api/v1/users', { email: 'a@x.com', name: 'A', role: 'agent' })).status, 403);
    assert.equal((await call(t, agent, 'POST', '/api/v1/groups', { name: 'x' })).status, 403);
    assert.equal(
      (await call(t, agent, 'PATCH', `/api/v1/users/${agent.userId}`, { name: 'Renamed', language: 'en' })).status,
      200,
      'agents edit their own profile',
    );
    assert.equal((await call(t, agent, 'PATCH', `/api/v1/users/${agent.userId}`, { role: 'admin' })).status, 403);
    assert.equal((await call(t, admin, 'PATCH', `/api/v1/users/${u.body.id}`, { isActive: false })).status, 200);
    const tk = await call(t, owner, 'POST', '/api/v1/tickets', makeTicketRequest({ assigneeId: u.body.id }));
    assert.equal(tk.body.error.code, 'user_not_found', 'a deactivated agent cannot be assigned');
  });

  it('saved views filter tickets and report counts; bulk updates report per-ticket failures', async () => {
    const t = get();
    const { owner, workspaceId } = await makeWorkspace(t);
    const agent = await makeAgent(t, workspaceId, 'agent');
    const ids: string[] = [];
    for (let i = 0; i < 3; i++)
      ids.push((await call(t, owner, 'POST', '/api/v1/tickets', makeTicketRequest({ priority: i === 0 ? 'urgent' : 'normal' }))).body.id);
    const v = await call(t, agent, 'POST', '/api/v1/views', { name: 'Urgent', filters: { priority: ['urgent'], status: ['new', 'open'] } });
    assert.equal(v.status, 201);
    assert.equal((await call(t, agent, 'POST', '/api/v1/views', { name: 'Shared', shared: true, filters: {} })).status, 403);
    const listed = await call(t, agent, 'GET', `/api/v1/tickets?viewId=${v.body.id}`);
    assert.deepEqual(
      listed.body.items.map((x: { id: string }) => x.id),
      [ids[0]],
    );
    const bulk = await call(t, agent, 'POST', '/api/v1/tickets/bulk', { ids, changes: { assigneeId: agent.userId, addTags: ['vip'] } });
    assert.deepEqual(bulk.body.updated.length, 3);
    const counts = await call(t, agent, 'GET', '/api/v1/views/counts');
    assert.equal(counts.body.builtin.my_open, 3);
    assert.equal(counts.body.builtin.unassigned, 0);
    assert.equal(counts.body.views[v.body.id], 1);
    await call(t, agent, 'PATCH', `/api/v1/tickets/${ids[1]}`, { status: 'solved' });
    await call(t, agent, 'PATCH', `/api/v1/tickets/${ids[1]}`, { status: 'closed' });
    const bulk2 = await call(t, agent, 'POST', '/api/v1/tickets/bulk', { ids, changes: { priority: 'high' } });
    assert.equal(bulk2.body.updated.length, 2);
    assert.deepEqual(
      bulk2.body.failed.map((f: { id: string; code: string }) => [f.id, f.code]),
      [[ids[1], 'ticket_closed']],
    );
    const mine = await call(t, agent, 'GET', '/api/v1/tickets?assignee=me&tag=vip&status=open&sort=number_asc');
    assert.equal(mine.body.items.length, 2);
  });

  it('merges customers: identities and tickets move, no silent merge on a shared identity', async () => {
    const t = get();
    const { owner } = await makeWorkspace(t);
    const a = (await call(t, owner, 'POST', '/api/v1/customers', makeCustomerRequest({ name: '张三' }))).body;
    const b = (
      await call(
        t,
        owner,
        'POST',
        '/api/v1/customers',
        makeCustomerRequest({ name: 'San Zhang', identities: [{ kind: 'phone', value: '13900001111' }] }),
      )
    ).body;
    const clash = await call(t, owner, 'PATCH', `/api/v1/customers/${a.id}`, {
      addIdentities: [{ kind: 'phone', value: '139 0000 1111' }],
    });
    assert.equal(clash.status, 409);
    assert.equal(clash.body.error.code, 'identity_taken');
    const tk = (await call(t, owner, 'POST', '/api/v1/tickets', makeTicketRequest({ requester: { phone: '13900001111' } }))).body;
    assert.equal(tk.requesterId, b.id);
    const merged = await call(t, owner, 'POST', `/api/v1/customers/${a.id}/merge`, { sourceId: b.id });
    assert.equal(merged.status, 200);
    assert.ok(merged.body.identities.some((i: { value: string }) => i.value === '13900001111'));
    assert.equal((await call(t, owner, 'GET', `/api/v1/tickets/${tk.id}`)).body.requesterId, a.id);
    const next = (await call(t, owner, 'POST', '/api/v1/tickets', makeTicketRequest({ requester: { phone: '13900001111' } }))).body;
    assert.equal(next.requesterId, a.id, 'the merged identity now leads to the surviving customer');
    const list = await call(t, owner, 'GET', '/api/v1/customers');
    assert.ok(!list.body.items.some((c: { id: string }) => c.id === b.id), 'merged customers leave the list');
  });
});
