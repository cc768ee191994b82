import assert from 'node:assert/strict';
import { it } from 'node:test';
import { eachBackend, makeAgent, makeWorkspace, type TestApp } from '../../testing/harness.js';

async function req(
  t: TestApp,
  method: 'GET' | 'POST' | 'PATCH',
  url: string,
  opts: { cookie?: string; csrf?: string; body?: unknown } = {},
) {
  const res = await t.app.inject({
    method,
    url,
    headers: { ...(opts.cookie ? { cookie: opts.cookie } : {}), ...(opts.csrf ? { 'x-csrf-token': opts.csrf } : {}) },
    ...(opts.body !== undefined ? { payload: opts.body as object } : {}),
  });
  const setCookie = res.cookies.find((c) => c.name === 'kefu_session');
  return { status: res.statusCode, body: res.json(), cookie: setCookie ? `kefu_session=${setCookie.value}` : undefined, setCookie };
}

eachBackend('auth', (get) => {
  it('first run: setup creates the owner once and signs them in', async () => {
    const t = get();
    // This suite's database may already hold users from other tests in the file: run setup first.
    const before = await req(t, 'GET', '/api/v1/setup');
    assert.equal(before.body.needed, true);
    const s = await req(t, 'POST', '/api/v1/setup', {
      body: {
        workspaceName: '客服中心',
        name: '店长',
        email: 'Owner@Shop.cn',
        password: 'long enough pw',
        language: 'zh-CN',
        timeZone: 'Asia/Shanghai',
      },
    });
    assert.equal(s.status, 201, JSON.stringify(s.body));
    assert.equal(s.body.user.role, 'owner');
    assert.ok(s.setCookie?.httpOnly);
    const me = await req(t, 'GET', '/api/v1/auth/me', { cookie: s.cookie });
    assert.equal(me.body.user.email, 'owner@shop.cn');
    assert.equal((await req(t, 'GET', '/api/v1/setup')).body.needed, false);
    const again = await req(t, 'POST', '/api/v1/setup', {
      body: { workspaceName: 'x', name: 'y', email: 'z@z.cn', password: 'long enough pw', language: 'en', timeZone: 'UTC' },
    });
    assert.equal(again.status, 409);
  });

  it('login sets a session; unsafe requests need the CSRF token; logout ends it', async () => {
    const t = get();
    const { workspaceId, slug } = await makeWorkspace(t);
    const agent = await makeAgent(t, workspaceId, 'agent');
    const bad = await req(t, 'POST', '/api/v1/auth/login', { body: { email: agent.email, password: 'wrong password', workspace: slug } });
    assert.equal(bad.status, 401);
    assert.equal(bad.body.error.code, 'invalid_credentials');
    const nobody = await req(t, 'POST', '/api/v1/auth/login', { body: { email: 'nobody@x.com', password: 'whatever1' } });
    assert.equal(nobody.status, 401, 'unknown users get the same answer');
    const ok = await req(t, 'POST', '/api/v1/auth/login', {
      body: { email: agent.email.toUpperCase(), password: 'correct horse battery', remember: true },
    });
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    const csrf = ok.body.csrfToken as string;
    const body = { subject: 'via cookie', body: 'hi', requester: { email: 'cookie@x.com' } };
    assert.equal((await req(t, 'POST', '/api/v1/tickets', { cookie: ok.cookie, body })).body.error.code, 'csrf_failed');
    assert.equal((await req(t, 'POST', '/api/v1/tickets', { cookie: ok.cookie, csrf: 'nope', body })).status, 403);
    assert.equal((await req(t, 'POST', '/api/v1/tickets', { cookie: ok.cookie, csrf, body })).status, 201);
    assert.equal((await req(t, 'POST', '/api/v1/auth/logout', { cookie: ok.cookie, csrf })).status, 200);
    assert.equal((await req(t, 'GET', '/api/v1/auth/me', { cookie: ok.cookie })).status, 401);
  });

  it('locks an account after 10 failed sign-ins', async () => {
    const t = get();
    const { workspaceId } = await makeWorkspace(t);
    const agent = await makeAgent(t, workspaceId, 'agent');
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        remoteAddress: `10.0.0.${i}`,
        payload: { email: agent.email, password: `wrong-${i}-pw` },
      });
      statuses.push(r.statusCode);
    }
    assert.deepEqual(statuses.slice(0, 10), Array(10).fill(401));
    assert.equal(statuses[10], 423);
    const right = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      remoteAddress: '10.0.1.1',
      payload: { email: agent.email, password: 'correct horse battery' },
    });
    assert.equal(right.statusCode, 423, 'locked even with the right password');
  });

  it('rate-limits sign-in attempts per client', async () => {
    const t = get();
    const codes: number[] = [];
    for (let i = 0; i < 12; i++) {
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        remoteAddress: '10.9.9.9',
        payload: { email: `x${i}@y.com`, password: 'whatever1' },
      });
      codes.push(r.statusCode);
    }
    assert.ok(codes.includes(429), codes.join(','));
  });

  it('changing the password ends other sessions', async () => {
    const t = get();
    const { workspaceId } = await makeWorkspace(t);
    const agent = await makeAgent(t, workspaceId, 'agent');
    const login = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        remoteAddress: `10.3.${Math.floor(Math.random() * 250)}.1`,
        payload: { email: agent.email, password: 'correct horse battery' },
      });
    const a = await login();
    const b = await login();
    const ca = `kefu_session=${a.cookies.find((c) => c.name === 'kefu_session')!.value}`;
    const cb = `kefu_session=${b.cookies.find((c) => c.name === 'kefu_session')!.value}`;
    const ch = await req(t, 'POST', '/api/v1/auth/password', {
      cookie: ca,
      csrf: a.json().csrfToken,
      body: { currentPassword: 'correct horse battery', newPassword: 'a new long password' },
    });
    assert.equal(ch.status, 200);
    assert.equal((await req(t, 'GET', '/api/v1/auth/me', { cookie: ca })).status, 200);
    assert.equal((await req(t, 'GET', '/api/v1/auth/me', { cookie: cb })).status, 401);
  });
});
