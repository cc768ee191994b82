import assert from 'node:assert/strict';
import { it } from 'node:test';
import { sql } from 'kysely';
import { eachBackend, type TestApp } from '../../testing/harness.js';
import { seedDemo } from './seed-demo.js';

/** What a person reads in the seed output to sign in. */
function credentials(out: string) {
  const field = (label: string) => {
    const m = new RegExp(`${label}:\\s+(\\S+)`).exec(out);
    assert.ok(m, `the output names the ${label}:\n${out}`);
    return m[1]!;
  };
  return { workspace: field('Workspace'), owner: field('Owner'), agent: field('Agent'), password: field('Password') };
}

interface Session {
  cookie: string;
  csrf: string;
}

async function login(t: TestApp, body: Record<string, string>) {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: body });
  const cookie = [res.headers['set-cookie']].flat().find((c) => c?.startsWith('kefu_session='));
  return { status: res.statusCode, body: res.json(), session: { cookie: cookie?.split(';')[0] ?? '', csrf: res.json().csrfToken } };
}

async function as(t: TestApp, s: Session, method: 'GET' | 'POST', url: string, payload?: object) {
  const res = await t.app.inject({
    method,
    url,
    headers: { cookie: s.cookie, ...(method === 'POST' ? { 'x-csrf-token': s.csrf } : {}) },
    ...(payload ? { payload } : {}),
  });
  return { status: res.statusCode, body: res.json() };
}

async function count(t: TestApp, table: 'workspaces' | 'tickets', slugLike = 'demo%'): Promise<number> {
  const r = await sql<{ n: number | string }>`
    select count(*) as n from ${sql.table(table)} x
    where ${table === 'workspaces' ? sql`x.slug like ${slugLike}` : sql`x.workspace_id in (select id from workspaces where slug like ${slugLike})`}`.execute(
    t.ctx.database.db,
  );
  return Number(r.rows[0]!.n);
}

eachBackend('seed-demo', (get) => {
  it('creates a bilingual workspace one can sign in to, browse and search', async () => {
    const t = get();
    const out = await seedDemo(t.ctx, { scale: 0.05 });
    assert.match(out, new RegExp(`http://localhost:${t.config.port}`));
    const c = credentials(out);
    assert.equal(c.workspace, 'demo');

    const owner = await login(t, { email: c.owner, password: c.password, workspace: c.workspace });
    assert.equal(owner.status, 200, JSON.stringify(owner.body));
    assert.equal(owner.body.user.role, 'owner');
    assert.equal(owner.body.workspace.slug, 'demo');
    const agent = await login(t, { email: c.agent, password: c.password, workspace: c.workspace });
    assert.equal(agent.status, 200, JSON.stringify(agent.body));
    assert.equal(agent.body.user.role, 'agent');
    assert.equal((await login(t, { email: c.owner, password: 'wrong password', workspace: c.workspace })).status, 401);

    const numbers: number[] = [];
    const subjects: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await as(t, owner.session, 'GET', `/api/v1/tickets?limit=100&sort=number_asc${cursor ? `&cursor=${cursor}` : ''}`);
      assert.equal(page.status, 200, JSON.stringify(page.body));
      for (const tk of page.body.items as Array<{ number: number; subject: string; requester: { name: string } }>) {
        numbers.push(tk.number);
        subjects.push(tk.subject);
        assert.ok(tk.requester.name);
      }
      cursor = page.body.nextCursor;
    } while (cursor);
    assert.equal(numbers.length, 100);
    assert.deepEqual(
      numbers,
      numbers.map((_, i) => i + 1),
      'numbers 1…n, unique, from the sequence',
    );
    assert.ok(
      subjects.some((s) => /[\u4e00-\u9fff]/.test(s)),
      'Chinese subjects',
    );
    assert.ok(
      subjects.some((s) => /^[\x20-\x7e]+$/.test(s)),
      'English subjects',
    );

    for (const q of ['退款', 'refund', '发票']) {
      const hits = await as(t, owner.session, 'GET', `/api/v1/search?q=${encodeURIComponent(q)}`);
      assert.equal(hits.status, 200);
      assert.ok(hits.body.items.length > 0, `search finds "${q}"`);
    }
    const open = await as(t, agent.session, 'GET', '/api/v1/tickets?status=new,open,pending,on_hold');
    assert.ok(open.body.items.length > 0, 'some tickets are still being worked on');
    const first = open.body.items[0] as { id: string; messageCount: number };
    const messages = await as(t, owner.session, 'GET', `/api/v1/tickets/${first.id}/messages`);
    assert.equal(messages.body.items.length, first.messageCount);
    assert.equal(messages.body.items[0].authorType, 'customer');
    const views = await as(t, agent.session, 'GET', '/api/v1/views');
    assert.ok(views.body.items.length >= 5);

    const created = await as(t, owner.session, 'POST', '/api/v1/tickets', {
      subject: '新工单 New ticket',
      body: '在演示数据之后创建',
      requester: { email: 'after.seed@example.com' },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.body.number, 101, 'the next ticket continues the sequence');
  });

  it('does not duplicate the demo without --force, and adds demo-2 with it', async () => {
    const t = get();
    await seedDemo(t.ctx, { scale: 0.02 }); // creates "demo" unless the test above did
    const workspaces = await count(t, 'workspaces');
    const tickets = await count(t, 'tickets');
    const again = await seedDemo(t.ctx, { scale: 0.02 });
    assert.match(again, /already exists/);
    assert.equal(credentials(again).workspace, 'demo');
    assert.equal(await count(t, 'workspaces'), workspaces);
    assert.equal(await count(t, 'tickets'), tickets);

    const forced = await seedDemo(t.ctx, { scale: 0.02, force: true });
    const c = credentials(forced);
    assert.equal(c.workspace, `demo-${workspaces + 1}`);
    assert.equal(await count(t, 'tickets', c.workspace), 40);
    const inSecond = await login(t, { email: c.owner, password: c.password, workspace: c.workspace });
    assert.equal(inSecond.status, 200);
    assert.equal(inSecond.body.workspace.slug, c.workspace);
    const ambiguous = await login(t, { email: c.owner, password: c.password });
    assert.equal(ambiguous.status, 400, 'the same demo email in two workspaces needs the workspace');
  });
});
