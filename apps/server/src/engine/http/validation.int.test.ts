import assert from 'node:assert/strict';
import { it } from 'node:test';
import { call, eachBackend, makeWorkspace } from '../../testing/harness.js';

eachBackend('validation', (get) => {
  it('refuses wrong JSON types instead of coercing them, but coerces query strings', async () => {
    const t = get();
    const { owner } = await makeWorkspace(t);
    for (const body of [
      { subject: 42, body: 'x', requester: { email: 'a@b.cn' } },
      { subject: 'x', body: 'x', requester: { email: 'a@b.cn' }, tags: 'vip' },
      { subject: null, body: 'x', requester: { email: 'a@b.cn' } },
      { subject: 'x', body: 'x', requester: { email: 'a@b.cn' }, priority: 'HIGH' },
    ]) {
      const r = await call(t, owner, 'POST', '/api/v1/tickets', body);
      assert.equal(r.status, 400, JSON.stringify(body));
      assert.equal(r.body.error.code, 'validation_failed');
    }
    assert.equal((await call(t, owner, 'GET', '/api/v1/tickets?limit=5')).status, 200, 'limit=5 in a query string is a number');
  });
});
