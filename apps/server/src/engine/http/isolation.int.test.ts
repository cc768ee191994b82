// Tenant isolation and access rules, checked on every route the app serves. The routes are read
// from the router and the OpenAPI document, so a new route is covered (or fails the test until the
// test knows how to call it); nothing here is a hand-kept list of endpoints.
import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { InjectOptions } from 'fastify';
import { call, eachBackend, makeAgent, makeCustomerToken, makeWorkspace, type Agent, type TestApp } from '../../testing/harness.js';

type Method = NonNullable<InjectOptions['method']>;
type Schema = Partial<
  Record<'type' | 'format' | 'pattern', string> & Record<'minItems' | 'minLength' | 'minimum' | 'minProperties', number>
> & {
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
};
interface Operation {
  requestBody?: { content?: Record<string, { schema: Schema }> };
  parameters?: Array<{ in: string; name: string; required?: boolean; schema: Schema }>;
}
/** A route in the router's form (/api/v1/tickets/:id) with its OpenAPI operation. */
interface Route {
  method: Method;
  path: string;
  op: Operation | null;
}

/** Routes anyone may call. Adding one is a security decision: it has to be added here too. */
const PUBLIC = new Set(['GET /api/v1/setup', 'POST /api/v1/setup', 'POST /api/v1/auth/login', 'POST /api/v1/auth/logout']);
/** Routes customer tokens may call too (`access: { auth: 'any' }`); anonymous callers still may not. */
const CUSTOMER_TOO = new Set(['GET /api/v1/sla/commitment']);
/** Served under /api/v1 but deliberately absent from the OpenAPI document. */
const UNDOCUMENTED = new Set(['GET /api/v1/realtime']);

type Tenant = Awaited<ReturnType<typeof populate>>;
type Kind = keyof Tenant['ids'];
/** The object a uuid body field names, and what sending another workspace's id there must do. */
const FIELDS: Record<string, { kind: Kind; foreign: 'rejected' | 'ignored' }> = {
  targetId: { kind: 'otherTicket', foreign: 'rejected' },
  sourceId: { kind: 'otherCustomer', foreign: 'rejected' },
  requesterId: { kind: 'customer', foreign: 'rejected' },
  assigneeId: { kind: 'user', foreign: 'rejected' },
  followerIds: { kind: 'user', foreign: 'rejected' },
  memberIds: { kind: 'user', foreign: 'rejected' },
  groupId: { kind: 'group', foreign: 'rejected' },
  groupIds: { kind: 'group', foreign: 'rejected' },
  organizationId: { kind: 'organization', foreign: 'rejected' },
  attachmentIds: { kind: 'attachment', foreign: 'rejected' },
  mentionIds: { kind: 'user', foreign: 'ignored' },
  removeIdentityIds: { kind: 'identity', foreign: 'ignored' },
  ids: { kind: 'ticket', foreign: 'ignored' },
  policyIds: { kind: 'policy', foreign: 'rejected' },
  calendarId: { kind: 'calendar', foreign: 'rejected' },
};
/** Where the smallest body the schema allows is not enough for the call to succeed. */
const BASE_BODY: Record<string, object> = {
  'POST /api/v1/tickets': { requesterId: 'customer' },
  'POST /api/v1/users': { role: 'agent' },
  'POST /api/v1/calendars/:id/import-ics': { ics: 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n' },
};
/** Path parameters that name no object of a workspace (the same for everyone), with a value to use. */
const SHARED_PARAMS: Record<string, string> = { preset: 'CN' };

const key = (r: { method: string; path: string }) => `${r.method} ${r.path}`;
/** The object a path segment names: /ticket-fields/:id is a field, /sla/policies/:id a policy. */
const kindOfSegment = (segment: string) =>
  segment
    .replace(/^ticket-/, '')
    .replace(/ies$/, 'y')
    .replace(/s$/, '') as Kind;
const paramsOf = (path: string) => [...path.matchAll(/\/([^/]+)\/:(\w+)/g)].map((m) => ({ name: m[2]!, segment: m[1]! }));

/** Every /api/v1 route: the router's list, checked against the OpenAPI document. */
async function enumerateRoutes(t: TestApp): Promise<Route[]> {
  const served: string[] = [];
  const stack: string[] = [];
  for (const line of t.app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^([│ ]*)[├└]── (.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    stack.length = depth;
    stack.push((stack[depth - 1] ?? '') + m[2]);
    for (const method of m[3]?.split(', ') ?? []) if (method !== 'HEAD') served.push(`${method} ${stack[depth]}`);
  }
  type Doc = { paths: Record<string, Record<string, Operation>> };
  const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as Doc;
  const documented = new Map<string, Operation>();
  for (const [path, ops] of Object.entries(doc.paths))
    for (const [method, op] of Object.entries(ops)) documented.set(`${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`, op);
  const api = served.filter((r) => r.split(' ')[1]!.startsWith('/api/v1/'));
  assert.ok(api.length > 40, `the router lists the API (${api.length} routes)`);
  for (const r of api) assert.ok(documented.has(r) || UNDOCUMENTED.has(r), `${r} is served but not in the OpenAPI document`);
  for (const r of documented.keys()) assert.ok(api.includes(r), `${r} is documented but not served`);
  return api.map((r) => {
    const [method, path] = r.split(' ') as [Method, string];
    return { method, path, op: documented.get(r) ?? null };
  });
}

let samples = 0;
/** The smallest value the schema accepts; uuids are objects of `pick`'s workspace. */
function sample(s: Schema, field: string, pick: (k: Kind) => string): unknown {
  const alt = s.anyOf ?? s.oneOf;
  const branch = alt?.find((x) => x.type !== 'null');
  if (branch) return sample(branch, field, pick);
  if (s.enum) return s.enum[0];
  switch (s.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      const props = Object.keys(s.properties ?? {});
      const keys = [...(s.required ?? [])];
      for (const p of props) if (keys.length < (s.minProperties ?? 0) && !keys.includes(p)) keys.push(p);
      for (const k of keys) out[k] = sample(s.properties![k]!, k, pick);
      return out;
    }
    case 'array':
      return Array.from({ length: s.minItems ?? 0 }, () => sample(s.items!, field, pick));
    case 'integer':
    case 'number':
      return s.minimum ?? 1;
    case 'boolean':
      return false;
    case 'string': {
      if (s.format === 'uuid') {
        const f = FIELDS[field];
        if (!f) throw new Error(`The isolation test does not know which object the uuid field "${field}" names: add it to FIELDS`);
        return pick(f.kind);
      }
      if (s.format === 'email') return `someone-${Math.random().toString(36).slice(2, 8)}@example.com`;
      const n = ++samples; // unique, so names that must be unique per workspace do not collide
      const candidates = [`s${n}`.padEnd(s.minLength ?? 1, '_'), `k_${n}`, 'Asia/Shanghai', 'example.com', 'me'];
      const v = candidates.find((c) => !s.pattern || new RegExp(s.pattern, 'u').test(c));
      if (v === undefined) throw new Error(`No sample for field "${field}" with pattern ${s.pattern}`);
      return v;
    }
    default:
      throw new Error(`No sample for field "${field}" of type ${s.type}`);
  }
}

function jsonSchema(r: Route): Schema | null {
  return r.op?.requestBody?.content?.['application/json']?.schema ?? null;
}

function bodyFor(r: Route, pick: (k: Kind) => string): Record<string, unknown> | undefined {
  const s = jsonSchema(r);
  if (!s) return undefined;
  const base = Object.fromEntries(Object.entries(BASE_BODY[key(r)] ?? {}).map(([k, v]) => [k, FIELDS[k] ? pick(FIELDS[k].kind) : v]));
  return { ...(sample(s, '', pick) as Record<string, unknown>), ...base };
}

/** The route's URL with each parameter filled by `fill`, plus its required query parameters. */
function urlFor(r: Route, fill: (param: string, kind: Kind) => string, pick: (k: Kind) => string): string {
  let url = r.path;
  for (const p of paramsOf(r.path)) {
    // The object a parameter names, by the segment before it: /ticket-fields/:id is a field.
    const value = SHARED_PARAMS[p.name] ?? (fill(p.name, kindOfSegment(p.segment)) as string | undefined);
    if (value === undefined) throw new Error(`The isolation test does not know what /${p.segment}/:${p.name} names`);
    url = url.replace(`:${p.name}`, value);
  }
  const query = (r.op?.parameters ?? []).filter((p) => p.in === 'query' && p.required);
  const value = (s: Schema, name: string) => (s.type === 'string' && !s.format && !s.enum ? 'printer' : sample(s, name, pick));
  const qs = query.map((p) => `${p.name}=${encodeURIComponent(String(value(p.schema, p.name)))}`).join('&');
  return qs ? `${url}?${qs}` : url;
}

async function upload(t: TestApp, who: Agent, payload: string): Promise<string> {
  const headers = { authorization: `Bearer ${who.token}`, 'content-type': 'text/plain' };
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/attachments?filename=a.txt', headers, payload });
  assert.equal(res.statusCode, 201, res.body);
  return (res.json() as { id: string }).id;
}

/** A workspace with one object of every kind; every text carries `label`. */
async function populate(t: TestApp, label: string, tickets: number) {
  const { workspaceId, owner } = await makeWorkspace(t, `${label} workspace`);
  const agent = await makeAgent(t, workspaceId, 'agent');
  const ok = async (method: Method, url: string, payload?: unknown, who: Agent = owner) => {
    const r = await call(t, who, method, `/api/v1${url}`, payload);
    assert.ok(r.status < 300, `${method} ${url} → ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const org = await ok('POST', '/organizations', { name: `${label} Org`, domains: ['example.com'] });
  const customer = await ok('POST', '/customers', {
    name: `${label} customer`,
    organizationId: org.id,
    identities: [{ kind: 'email', value: 'shared@example.com' }],
  });
  const otherCustomer = await ok('POST', '/customers', {
    name: `${label} other`,
    identities: [{ kind: 'phone', value: '+86 138 0000 0000' }],
  });
  const group = await ok('POST', '/groups', { name: `${label} Team`, memberIds: [agent.userId] });
  // Before the tickets, so they get their SLA when created (a day: no timer fires during the test).
  const policy = await ok('POST', '/sla/policies', {
    name: `${label} SLA`,
    targets: { normal: { first_reply: { minutes: 1440, business: false } } },
  });
  const made = [];
  for (let i = 0; i < tickets; i++) {
    made.push(
      await ok('POST', '/tickets', {
        subject: `${label} printer ${i}`,
        body: `${label} body`,
        requesterId: customer.id,
        assigneeId: agent.userId,
        groupId: group.id,
        tags: ['printer'],
      }),
    );
  }
  const link = await ok('POST', `/tickets/${made[0].id}/links`, { kind: 'related', targetId: made[1].id });
  const file = await upload(t, owner, `${label} file`);
  await ok(
    'POST',
    `/tickets/${made[0].id}/messages`,
    { kind: 'note', body: `@[Boss](user:${owner.userId}) ${label}`, attachmentIds: [file] },
    agent,
  );
  const notification = (await ok('GET', '/notifications')).items[0];
  const view = await ok('POST', '/views', { name: `${label} view`, filters: { status: ['open'] } });
  const field = await ok('POST', '/ticket-fields', { key: 'code', labelEn: `${label} field`, labelZh: `${label} 字段`, type: 'text' });
  const token = await ok('POST', '/tokens', { name: `${label} token`, scopes: ['read'] });
  const calendar = await ok('POST', '/calendars', {
    name: `${label} calendar`,
    spec: { timeZone: 'UTC', weekly: { mon: [['09:00', '17:00']] } },
  });
  const freeFiles: string[] = [];
  for (let i = 0; i < 4; i++) freeFiles.push(await upload(t, owner, `${label} spare ${i}`));
  const ids = {
    ticket: made[0].id,
    otherTicket: made[1].id,
    customer: customer.id,
    otherCustomer: otherCustomer.id,
    identity: customer.identities[0].id,
    organization: org.id,
    group: group.id,
    user: agent.userId,
    view: view.id,
    field: field.id,
    notification: notification.id,
    token: token.token.id,
    attachment: file,
    link: link.id,
    calendar: calendar.id,
    policy: policy.id,
  };
  // Files can be attached once: each use in a body takes a fresh one.
  const pick = (k: keyof typeof ids): string => (k === 'attachment' && freeFiles.length > 0 ? freeFiles.shift()! : ids[k]);
  return { workspaceId, owner, agent, ids, numbers: made.map((x) => x.number as number), pick };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- responses are arbitrary JSON
function assertEnvelope(res: { status: number; body: any }, what: string) {
  assert.equal(typeof res.body?.error?.code, 'string', `${what}: error envelope, got ${JSON.stringify(res.body)}`);
  assert.equal(typeof res.body.error.message, 'string', what);
}

/** Throws when a response shows anything of workspace B: its marker text or any of its ids. */
function assertNoLeak(b: Tenant, body: unknown, what: string) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  assert.ok(!/bsecret/i.test(text), `${what} shows workspace B's text: ${text.slice(0, 300)}`);
  for (const id of [b.workspaceId, b.owner.userId, ...Object.values(b.ids)])
    assert.ok(!text.includes(id), `${what} shows B's id ${id}: ${text.slice(0, 300)}`);
}

const rank = (r: Route) => ({ GET: 0, PATCH: 1, POST: r.path.endsWith('/merge') ? 3 : 2, DELETE: 4 })[r.method as string] ?? 2;
const byRank = (routes: Route[]) => [...routes].sort((x, y) => rank(x) - rank(y));

eachBackend('isolation', (get) => {
  let t: TestApp;
  let routes: Route[];
  let B: Tenant;

  /** Everything B's owner can read through every GET route (the admin job list moves on its own). */
  async function snapshotOfB(): Promise<Record<string, unknown>> {
    const out: Record<string, unknown> = {};
    // The admin job list and the SLA report's window (it ends now) move on their own.
    for (const r of routes.filter((x) => x.method === 'GET' && x.op && !['/api/v1/admin/jobs', '/api/v1/reports/sla'].includes(x.path))) {
      const urls = [urlFor(r, (_p, k) => B.ids[k], B.pick)];
      if (r.path.startsWith('/api/v1/tickets/:id'))
        urls.push(...B.numbers.map((n) => urlFor(r, (p, k) => (p === 'id' ? String(n) : B.ids[k]), B.pick)));
      for (const url of urls) {
        const res = await call(t, B.owner, 'GET', url);
        out[url] = `${res.status} ${JSON.stringify(res.body ?? null).replace(/"lastUsedAt":"[^"]*"/g, '"lastUsedAt":"…"')}`;
      }
    }
    return out;
  }

  before(async () => {
    t = get();
    routes = await enumerateRoutes(t);
    B = await populate(t, 'BSECRET', 3);
  });

  it('an owner of workspace A gets 404 for every object of workspace B, on every route with a parameter', async (tc) => {
    const A = await populate(t, 'Alpha', 2);
    assert.deepEqual(A.numbers, [1, 2], 'A has the numbers of B’s first tickets');
    const onlyInB = B.numbers.find((n) => !A.numbers.includes(n))!;
    const before = await snapshotOfB();
    const withParams = routes.filter((r) => paramsOf(r.path).some((p) => !SHARED_PARAMS[p.name]) && r.op);
    assert.ok(withParams.length >= 20, `${withParams.length} routes with parameters`);
    let calls = 0;
    for (const r of withParams) {
      const params = paramsOf(r.path).map((p) => p.name);
      const variants: Array<(p: string, k: Kind) => string> = [(_p, k) => B.ids[k], (_p, k) => B.ids[k].toUpperCase()];
      // With several parameters: each mix of A's and B's objects (at least one of B's).
      for (let mask = 1; mask < 2 ** params.length - 1; mask++)
        variants.push((p, k) => ((mask >> params.indexOf(p)) & 1 ? B.ids[k] : A.ids[k]));
      if (r.path.startsWith('/api/v1/tickets/:id')) variants.push((p, k) => (p === 'id' ? String(onlyInB) : B.ids[k]));
      for (const fill of variants) {
        const url = urlFor(r, fill, A.pick);
        const res = await call(t, A.owner, r.method, url, bodyFor(r, A.pick));
        const what = `${r.method} ${url}`;
        assert.equal(res.status, 404, `${what} → ${res.status} ${JSON.stringify(res.body)}`);
        assertEnvelope(res, what);
        assert.notEqual(res.body.error.code, 'route_not_found', `${what} must reach the route`);
        assertNoLeak(B, res.body, what);
        calls++;
      }
    }
    // A ticket number both workspaces have is A's ticket for A.
    for (const r of withParams.filter((x) => x.method === 'GET' && x.path.startsWith('/api/v1/tickets/:id'))) {
      const url = urlFor(r, (p, k) => (p === 'id' ? String(A.numbers[0]) : A.ids[k]), A.pick);
      const res = await call(t, A.owner, 'GET', url);
      assert.equal(res.status, 200, url);
      assert.ok(JSON.stringify(res.body).includes(A.ids.ticket) || JSON.stringify(res.body).includes(A.ids.otherTicket), url);
      assertNoLeak(B, res.body, url);
    }
    assert.ok(calls >= withParams.length * 2, `${calls} cross-workspace calls`);
    tc.diagnostic(`${calls} cross-workspace calls on ${withParams.length} of ${routes.length} routes, all 404`);
    assert.deepEqual(await snapshotOfB(), before, "nothing of B's changed");
    assert.equal((await call(t, B.owner, 'GET', `/api/v1/tickets/${B.ids.ticket}`)).body.subject, 'BSECRET printer 0');

    // The same calls on A's own objects succeed: the 404s above came from the workspace, not the request.
    for (const r of byRank(withParams)) {
      const url = urlFor(r, (_p, k) => A.ids[k], A.pick);
      const res = await call(t, A.owner, r.method, url, bodyFor(r, A.pick));
      assert.ok(res.status >= 200 && res.status < 300, `control ${r.method} ${url} → ${res.status} ${JSON.stringify(res.body)}`);
    }
  });

  it("B's ids inside A's request bodies are refused or ignored, never used", async (tc) => {
    const A = await populate(t, 'Alpha', 2);
    const before = await snapshotOfB();
    let tried = 0;
    for (const r of byRank(routes.filter((x) => jsonSchema(x)))) {
      const props = jsonSchema(r)!.properties ?? {};
      for (const [field, s] of Object.entries(props)) {
        if ((s.items ?? s).format !== 'uuid') continue;
        const f = FIELDS[field];
        assert.ok(f, `The isolation test does not know which object the uuid field "${field}" of ${key(r)} names: add it to FIELDS`);
        const url = urlFor(r, (_p, k) => A.ids[k], A.pick);
        const withId = (id: string) => ({ ...bodyFor(r, A.pick), [field]: s.type === 'array' ? [id] : id });
        const res = await call(t, A.owner, r.method, url, withId(B.ids[f.kind]));
        const what = `${r.method} ${url} with B's ${field}`;
        if (f.foreign === 'rejected') {
          assert.ok([404, 422].includes(res.status), `${what} → ${res.status} ${JSON.stringify(res.body)}`);
          assertEnvelope(res, what);
        } else assert.ok(res.status < 300, `${what} → ${res.status} ${JSON.stringify(res.body)}`);
        assert.ok(!/bsecret/i.test(JSON.stringify(res.body)), what);
        const control = await call(t, A.owner, r.method, url, withId(A.pick(f.kind)));
        assert.ok(
          control.status < 300,
          `control: ${r.method} ${url} with A's ${field} → ${control.status} ${JSON.stringify(control.body)}`,
        );
        tried++;
      }
    }
    assert.ok(tried >= 15, `${tried} uuid fields tried`);
    tc.diagnostic(`${tried} uuid body fields given B's ids`);
    assert.deepEqual(await snapshotOfB(), before, "nothing of B's changed");
  });

  it("A's lists, searches and filters show none of B's objects (B's own show them)", async () => {
    const A = await populate(t, 'Alpha', 2);
    const job = await t.ctx.jobs.boss.send('outbox.sweep', { workspaceId: B.workspaceId, note: 'BSECRET' });
    const lists = ['/tickets', '/customers', '/users', '/groups', '/organizations', '/views', '/notifications', '/search?q=bsecret'];
    lists.push(
      '/ticket-fields',
      '/tokens',
      '/admin/jobs',
      '/tickets?q=bsecret',
      '/customers?q=bsecret',
      '/search?q=printer',
      '/views/counts',
      '/calendars',
    );
    for (const url of lists) {
      const mine = await call(t, B.owner, 'GET', `/api/v1${url}`);
      const text = JSON.stringify(mine.body);
      assert.ok(
        /bsecret/i.test(text) || [...Object.values(B.ids), job!].some((id) => text.includes(id)),
        `B sees its own objects in ${url}`,
      );
      const theirs = await call(t, A.owner, 'GET', `/api/v1${url}`);
      assert.equal(theirs.status, 200, url);
      assertNoLeak(B, { ...theirs.body, terms: undefined }, `A: GET ${url}`); // search echoes the query's terms
      assert.ok(!JSON.stringify(theirs.body).includes(job!), `A: GET ${url} shows B's job`);
    }
    // Every other list-like route, and filters naming B's objects.
    const more = routes.filter((r) => r.method === 'GET' && r.op && paramsOf(r.path).length === 0).map((r) => urlFor(r, () => '', A.pick));
    for (const url of [...more, `/api/v1/tickets?requesterId=${B.ids.customer}`, `/api/v1/tickets?assignee=${B.ids.user}`]) {
      const res = await call(t, A.owner, 'GET', url);
      assert.equal(res.status, 200, url);
      assertNoLeak(B, res.body, `A: GET ${url}`);
    }
    for (const url of [`/api/v1/tickets?group=${B.ids.group}`, `/api/v1/customers?organizationId=${B.ids.organization}`]) {
      const res = await call(t, A.owner, 'GET', url);
      assert.deepEqual([res.status, res.body.items], [200, []], url);
    }
    const byView = await call(t, A.owner, 'GET', `/api/v1/tickets?viewId=${B.ids.view}`);
    assert.deepEqual([byView.status, byView.body.error?.code], [404, 'view_not_found']);
    // The same requester email in A makes A's own customer, not B's.
    const tk = await call(t, A.owner, 'POST', '/api/v1/tickets', { subject: 's', body: 'b', requester: { email: 'shared@example.com' } });
    assert.equal(tk.status, 201);
    assert.equal(tk.body.requesterId, A.ids.customer);
  });

  it('a light agent can add internal notes but no public reply', async () => {
    const A = await populate(t, 'Alpha', 2);
    const light = await makeAgent(t, A.workspaceId, 'light_agent');
    const url = `/api/v1/tickets/${A.ids.ticket}/messages`;
    const count = async () => (await call(t, A.owner, 'GET', url)).body.items.length as number;
    const n = await count();
    for (const payload of [
      { kind: 'public', body: 'Hello customer' },
      { kind: 'public', body: 'Solved', setStatus: 'solved' },
      { kind: 'public', body: 'Posing as the customer', authorType: 'customer' },
    ]) {
      const res = await call(t, light, 'POST', url, payload);
      assert.equal(res.status, 403, `${JSON.stringify(payload)} → ${res.status} ${JSON.stringify(res.body)}`);
      assert.equal(res.body.error.code, 'forbidden');
    }
    assert.equal(await count(), n, 'no message was added');
    const note = await call(t, light, 'POST', url, { kind: 'note', body: 'Internal only' });
    assert.equal(note.status, 201, JSON.stringify(note.body));
    assert.equal(note.body.message.kind, 'note');
    assert.equal((await call(t, light, 'PATCH', `/api/v1/tickets/${A.ids.ticket}`, { status: 'solved' })).status, 403);
    assert.equal((await call(t, A.owner, 'GET', `/api/v1/tickets/${A.ids.ticket}`)).body.status, 'open');
  });

  it('customer tokens and anonymous callers reach no agent route', async (tc) => {
    const A = await populate(t, 'Alpha', 2);
    const customer = { token: await makeCustomerToken(t, A.workspaceId, A.ids.customer) };
    const bogus = { token: 'kefu_pat_this-is-not-a-real-token' };
    let calls = 0;
    for (const r of routes.filter((x) => !PUBLIC.has(key(x)))) {
      const url = urlFor(r, (_p, k) => A.ids[k], A.pick);
      for (const payload of jsonSchema(r) ? [bodyFor(r, A.pick), undefined] : [undefined, { unexpected: true }]) {
        const what = `${r.method} ${url}${payload ? ' with a body' : ''}`;
        const c = await call(t, customer, r.method, url, payload);
        if (CUSTOMER_TOO.has(key(r))) assert.ok(c.status === 200 || (payload && c.status === 400), `customer token: ${what} → ${c.status}`);
        else {
          assert.ok([401, 403].includes(c.status), `customer token: ${what} → ${c.status} ${JSON.stringify(c.body)}`);
          assertEnvelope(c, what);
        }
        for (const who of [null, bogus]) {
          const a = await call(t, who, r.method, url, payload);
          assert.equal(a.status, 401, `${who ? 'bogus token' : 'anonymous'}: ${what} → ${a.status} ${JSON.stringify(a.body)}`);
          assert.equal(a.body.error.code, 'unauthenticated', what);
        }
        calls += 3;
      }
    }
    assert.ok(calls >= 150, `${calls} calls`);
    tc.diagnostic(`${calls} calls as a customer, anonymously or with a bogus token`);
    // The public routes stay reachable.
    assert.equal((await call(t, null, 'GET', '/api/v1/setup')).status, 200);
    assert.equal((await call(t, null, 'POST', '/api/v1/auth/logout')).status, 200);
  });
});
