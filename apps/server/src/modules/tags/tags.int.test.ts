import assert from 'node:assert/strict';
import { it } from 'node:test';
import { makeTicketRequest } from '@kefu/testing/factories';
import { call, eachBackend, makeAgent, makeWorkspace, type Agent, type TestApp } from '../../testing/harness.js';

async function ticket(t: TestApp, who: Agent, tags: string[]): Promise<string> {
  const r = await call(t, who, 'POST', '/api/v1/tickets', makeTicketRequest({ tags }));
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body.id;
}

async function tagsOf(t: TestApp, who: Agent, id: string): Promise<string[]> {
  return (await call(t, who, 'GET', `/api/v1/tickets/${id}`)).body.tags;
}

async function counts(t: TestApp, who: Agent, q = ''): Promise<Record<string, number>> {
  const r = await call(t, who, 'GET', `/api/v1/tags${q ? `?q=${encodeURIComponent(q)}` : ''}`);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return Object.fromEntries(r.body.items.map((x: { tag: string; count: number }) => [x.tag, x.count]));
}

eachBackend('tags', (get) => {
  it('lists the tags of the workspace with usage counts, most used first, filtered by q', async () => {
    const t = get();
    const { owner, workspaceId } = await makeWorkspace(t);
    const agent = await makeAgent(t, workspaceId, 'agent');
    await ticket(t, owner, ['refund', 'vip']);
    await ticket(t, owner, ['refund']);
    await ticket(t, owner, ['退款', 'refund']);
    await ticket(t, owner, []);
    const all = await call(t, agent, 'GET', '/api/v1/tags');
    assert.equal(all.status, 200, 'every agent may list tags');
    assert.deepEqual(all.body.items, [
      { tag: 'refund', count: 3 },
      { tag: 'vip', count: 1 },
      { tag: '退款', count: 1 },
    ]);
    assert.deepEqual(await counts(t, agent, 'REF'), { refund: 3 }, 'q matches case-insensitively');
    assert.deepEqual(await counts(t, agent, '%'), {}, 'q is not a LIKE pattern');
  });

  it('renames a tag on every ticket; onto an existing tag it merges without duplicates', async () => {
    const t = get();
    const { owner } = await makeWorkspace(t);
    const both = await ticket(t, owner, ['refund', 'refunds', 'vip']);
    const old = await ticket(t, owner, ['refunds']);
    const other = await ticket(t, owner, ['vip']);
    const before = (await call(t, owner, 'GET', `/api/v1/tickets/${old}`)).body.updatedAt;

    const r = await call(t, owner, 'POST', '/api/v1/tags/rename', { from: 'refunds', to: 'Refund' });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.deepEqual(r.body, { updated: 2 });
    assert.deepEqual(await tagsOf(t, owner, both), ['refund', 'vip'], 'merged into the existing tag once, lowercase');
    assert.deepEqual(await tagsOf(t, owner, old), ['refund']);
    assert.deepEqual(await tagsOf(t, owner, other), ['vip'], 'tickets without the tag are untouched');
    assert.equal((await call(t, owner, 'GET', `/api/v1/tickets/${old}`)).body.updatedAt, before, 'the inbox order stays');
    assert.deepEqual(await counts(t, owner), { refund: 2, vip: 2 });
    const filtered = await call(t, owner, 'GET', '/api/v1/tickets?tag=refund');
    assert.equal(filtered.body.items.length, 2, 'the tag filter finds the renamed tag');

    const events = await t.ctx.database.db.selectFrom('events').selectAll().where('kind', '=', 'tag.renamed').execute();
    assert.equal(events.length, 1, 'one event for the whole rename');
    assert.equal(events[0]!.actor_id, owner.userId);
    assert.deepEqual([events[0]!.old_value, events[0]!.new_value], ['refunds', 'refund']);

    const missing = await call(t, owner, 'POST', '/api/v1/tags/rename', { from: 'refunds', to: 'x' });
    assert.deepEqual([missing.status, missing.body.error.code], [404, 'tag_not_found']);
    const same = await call(t, owner, 'POST', '/api/v1/tags/rename', { from: 'vip', to: 'VIP' });
    assert.deepEqual([same.status, same.body.error.code], [400, 'tag_unchanged']);
    const bad = await call(t, owner, 'POST', '/api/v1/tags/rename', { from: 'vip', to: 'two words' });
    assert.deepEqual([bad.status, bad.body.error.code], [400, 'validation_failed']);
  });

  it('deletes a tag from every ticket', async () => {
    const t = get();
    const { owner } = await makeWorkspace(t);
    const a = await ticket(t, owner, ['spam', 'vip']);
    const b = await ticket(t, owner, ['spam']);
    const r = await call(t, owner, 'POST', '/api/v1/tags/delete', { tag: 'spam' });
    assert.deepEqual([r.status, r.body], [200, { updated: 2 }]);
    assert.deepEqual(await tagsOf(t, owner, a), ['vip']);
    assert.deepEqual(await tagsOf(t, owner, b), []);
    assert.deepEqual(await counts(t, owner), { vip: 1 });
    assert.equal((await call(t, owner, 'POST', '/api/v1/tags/delete', { tag: 'spam' })).status, 404);
  });

  it('only admins rename or delete; other workspaces are unaffected', async () => {
    const t = get();
    const { owner, workspaceId } = await makeWorkspace(t);
    const other = await makeWorkspace(t);
    const agent = await makeAgent(t, workspaceId, 'agent');
    const supervisor = await makeAgent(t, workspaceId, 'supervisor');
    const admin = await makeAgent(t, workspaceId, 'admin');
    const mine = await ticket(t, owner, ['billing']);
    const theirs = await ticket(t, other.owner, ['billing', 'secret']);

    for (const who of [agent, supervisor]) {
      const r = await call(t, who, 'POST', '/api/v1/tags/rename', { from: 'billing', to: 'invoice' });
      assert.deepEqual([r.status, r.body.error.code], [403, 'forbidden']);
      assert.equal((await call(t, who, 'POST', '/api/v1/tags/delete', { tag: 'billing' })).status, 403);
    }
    assert.deepEqual(await tagsOf(t, owner, mine), ['billing']);

    assert.equal((await call(t, admin, 'POST', '/api/v1/tags/rename', { from: 'billing', to: 'invoice' })).status, 200);
    assert.deepEqual(await tagsOf(t, owner, mine), ['invoice']);
    assert.deepEqual(await tagsOf(t, other.owner, theirs), ['billing', 'secret'], "the other workspace's tickets keep their tags");
    assert.deepEqual(await counts(t, owner), { invoice: 1 }, "the other workspace's tags are not listed");
    const foreign = await call(t, owner, 'POST', '/api/v1/tags/delete', { tag: 'secret' });
    assert.deepEqual([foreign.status, foreign.body.error.code], [404, 'tag_not_found']);
    assert.deepEqual(await tagsOf(t, other.owner, theirs), ['billing', 'secret']);
  });
});
