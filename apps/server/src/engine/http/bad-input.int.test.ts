// Malformed and hostile requests against the mutating and query routes. The cases are generated from
// the routes' request schemas and a seeded PRNG (the same cases every run): every one must be refused
// with a 4xx and the error envelope, never a 5xx or a stack trace. Hostile text that is valid (HTML,
// SQL, emoji, RTL marks) is accepted and must come back exactly as sent; the database still works after.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TSchema } from '@sinclair/typebox';
import { CreateCustomerRequest, UpdateCustomerRequest } from '@kefu/contracts/customers';
import * as tickets from '@kefu/contracts/tickets';
import { LoginRequest, SetupRequest } from '@kefu/contracts/users';
import type { InjectOptions } from 'fastify';
import { BODY_LIMIT } from './app.js';
import { backends, call, makeWorkspace, startTestApp, type Agent, type TestApp } from '../../testing/harness.js';

type Method = NonNullable<InjectOptions['method']>;
type Num = 'minLength' | 'maxLength' | 'minimum' | 'maximum' | 'minItems' | 'maxItems' | 'minProperties' | 'maxProperties';
type SchemaA = { enum?: unknown[]; anyOf?: S[]; items?: S; uniqueItems?: boolean; required?: string[] };
type SchemaB = { properties?: Record<string, S>; additionalProperties?: unknown; patternProperties?: object };
type S = Partial<Record<'type' | 'format' | 'pattern', string> & Record<Num, number>> & SchemaA & SchemaB;
// `status` when one status is the only right answer.
type Body = Record<string, unknown>;
type Case = {
  name: string;
  method: Method;
  url: string;
  payload?: string | Buffer | object;
  contentType?: string;
  status?: number;
  code?: string;
};

const SEED = 0x6b656675; // "kefu"
function prng(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  const hex = (n: number) => Array.from({ length: n }, () => int(16).toString(16)).join('');
  const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-${pick(['8', '9', 'a', 'b'])}${hex(3)}-${hex(12)}`;
  // Valid text: ASCII, CJK, accents, emoji (astral, so surrogate pairs), RTL and zero-width marks.
  const ranges = [0x20, 0x7e, 0x4e00, 0x9fff, 0xc0, 0x17f, 0x1f300, 0x1f6ff, 0x590, 0x5ff, 0x200b, 0x200f];
  const char = () => ((i) => String.fromCodePoint(ranges[i]! + int(ranges[i + 1]! - ranges[i]! + 1)))(2 * int(ranges.length / 2));
  const text = (n: number) => Array.from({ length: n }, char).join('');
  const words = (n: number) => Array.from({ length: n }, () => int(36 ** 8).toString(36)).join(' ');
  return { next, int, pick, uuid, text, words };
}
type Rng = ReturnType<typeof prng>;

const SQL = `'; drop table tickets; --¦" OR 1=1 --¦1' UNION SELECT password_hash, email FROM users --¦../../../../etc/passwd`;
const HTML = `<script>alert(document.cookie)</script>¦<img src=x onerror="alert(1)">¦{{constructor.constructor("alert(1)")()}} $\{7*7}`;
const ODD =
  '%00%27%22 \\x00 \\u0000 typed as text¦Ω≈ç√ 中文 退款 🎉👨‍👩‍👧 עברית \u202eRTL\u202c¦\u200b\ufeffzero\u200dwidth¦line\r\nX-Injected: a';
const MENTIONS = `@[x](user:${'-'.repeat(36)}) @[y](group:${'-'.repeat(36)}) are not mentions`;
const HOSTILE = [...`${SQL}¦${HTML}¦${ODD}`.split('¦'), MENTIONS];
const NOT_SCALAR = [{ nested: 'object' }, ['two', 'items']]; // no coercion turns these into a string or number
const BAD_UUIDS = (u: string) => ['not-a-uuid', `urn:uuid:${u}`, `{${u}}`, u.replace(/-/g, ''), `${u}x`, '-'.repeat(36), "' OR '1'='1"];

/** Values the schema rejects (with the app's type coercion in mind: no null, "", 0, false for nullables). */
function invalid(s: S, r: Rng): unknown[] {
  if (s.anyOf) {
    const real = s.anyOf.filter((x) => x.type !== 'null');
    return real.length === 1 ? invalid(real[0]!, r).filter((v) => v !== '' && v !== 0 && v !== false) : NOT_SCALAR;
  }
  const out: unknown[] = [];
  switch (s.type) {
    case 'string': {
      out.push(r.pick(NOT_SCALAR));
      if (s.enum) out.push('NOT_AN_OPTION', r.pick(HOSTILE));
      else if (s.format === 'uuid') out.push(...[0, 1, 2].map(() => r.pick(BAD_UUIDS(r.uuid()))));
      else if (s.format === 'email') out.push('not-an-email', 'a@', r.pick(HOSTILE), `${'x'.repeat(250)}@example.com`);
      else if (s.pattern) {
        const re = new RegExp(s.pattern, 'u');
        out.push(...[...HOSTILE, ' padded ', 'UPPER CASE', ''].filter((c) => !re.test(c)).slice(0, 3));
      }
      if (s.maxLength !== undefined) out.push(r.pick(['x', '中', '<']).repeat(s.maxLength + 1 + r.int(3)));
      if ((s.minLength ?? 0) > 0) out.push('');
      return out;
    }
    case 'integer':
    case 'number':
      out.push('twelve', r.pick(NOT_SCALAR));
      if (s.type === 'integer') out.push(1.5);
      if (s.minimum !== undefined) out.push(s.minimum - 1 - r.int(1000));
      if (s.maximum !== undefined) out.push(s.maximum + 1, 2 ** 63);
      return out;
    case 'boolean':
      return ['maybe', 2, r.pick(NOT_SCALAR)];
    case 'array': {
      out.push({ not: 'an array' });
      const bad = invalid(s.items!, r);
      if (bad.length) out.push([r.pick(bad)]);
      if (s.maxItems !== undefined) out.push(Array.from({ length: s.maxItems + 1 }, (_, i) => valid(s.items!, i, r)));
      const twice = valid(s.items!, 0, r);
      if (s.uniqueItems) out.push([twice, twice]);
      if ((s.minItems ?? 0) > 0) out.push([]);
      return out;
    }
    case 'object':
      out.push('a string', 42, [1, 2]);
      if (s.additionalProperties === false) out.push({ unexpectedField: 1 });
      if ((s.minProperties ?? 0) > 0) out.push({});
      if (s.patternProperties) out.push({ not_a_field: 'x' }, { k: { nested: true } });
      if (s.maxProperties !== undefined) out.push(Object.fromEntries(Array.from({ length: s.maxProperties + 1 }, (_, i) => [`k${i}`, 1])));
      return out;
    default:
      return NOT_SCALAR;
  }
}

/** A valid value (the i-th, for arrays that need distinct items). */
function valid(s: S, i: number, r: Rng): unknown {
  if (s.enum) return s.enum[i % s.enum.length];
  if (s.format === 'uuid') return r.uuid();
  if (s.type === 'object') return { kind: 'email', value: `x${i}@example.com` }; // the only object items: identities
  return `v${i}`;
}

/** Every mutation of `base` that breaks one rule of the schema: a field, a nested field, a required one, an extra one. */
function mutants(base: Body, s: S, r: Rng, depth = 0): Array<{ name: string; body: Body }> {
  const out: Array<{ name: string; body: Body }> = [];
  for (const [k, sub] of Object.entries(s.properties ?? {})) {
    for (const v of invalid(sub, r)) out.push({ name: `${k}=${JSON.stringify(v).slice(0, 40)}`, body: { ...base, [k]: v } });
    if (depth > 0) continue;
    if (sub.type === 'object' && sub.properties) {
      const inner = (base[k] as Body | undefined) ?? {};
      for (const m of mutants(inner, sub, r, 1)) out.push({ name: `${k}.${m.name}`, body: { ...base, [k]: m.body } });
    }
    if (sub.type === 'array' && sub.items?.properties) {
      const item = valid(sub.items, 0, r) as Body;
      for (const m of mutants(item, sub.items, r, 1)) out.push({ name: `${k}[0].${m.name}`, body: { ...base, [k]: [m.body] } });
    }
  }
  for (const k of s.required ?? []) out.push({ name: `without ${k}`, body: { ...base, [k]: undefined } }); // JSON drops it
  if (s.additionalProperties === false) out.push({ name: 'unknown field', body: { ...base, isAdmin: true } });
  return out;
}

const STACK = /node_modules|\bat [\w.<>[\]]+ \(|file:\/\/|\/work\/|\.[tj]s:\d+:\d+/;

for (const backend of backends()) {
  describe(`bad input [${backend}]`, () => {
    let t: TestApp;
    let owner: Agent;
    let ticket: { id: string; number: number };
    let customer: { id: string };
    let rejected = 0;
    let accepted = 0;
    before(async () => {
      t = await startTestApp(backend, { loginRateLimit: 1_000_000, maxAttachmentBytes: 2 * 1024 * 1024 });
      owner = (await makeWorkspace(t)).owner;
      ticket = await expectAccepted('POST', '/api/v1/tickets', { subject: 'Printer', body: 'jams', requester: { email: 'p@example.com' } });
      customer = await expectAccepted('POST', '/api/v1/customers', { name: 'Li Lei' });
    });
    after(async () => {
      await t?.close();
    });

    async function expectRejected(c: Case) {
      const headers = { authorization: `Bearer ${owner.token}`, ...(c.contentType ? { 'content-type': c.contentType } : {}) };
      const res = await t.app.inject({ method: c.method, url: c.url, headers, ...(c.payload !== undefined ? { payload: c.payload } : {}) });
      const what = `${c.name}: ${c.method} ${c.url.slice(0, 120)} → ${res.statusCode} ${res.body.slice(0, 300)}`;
      assert.ok(res.statusCode >= 400 && res.statusCode < 500, what);
      if (c.status) assert.equal(res.statusCode, c.status, what);
      if (c.code) assert.equal(JSON.parse(res.body).error?.code, c.code, what);
      assert.match(String(res.headers['content-type']), /^application\/json/, what);
      const body = JSON.parse(res.body) as { error?: { code?: unknown; message?: unknown } };
      assert.deepEqual([typeof body.error?.code, typeof body.error?.message], ['string', 'string'], what);
      assert.ok(!STACK.test(res.body), `${what}: looks like a stack trace`);
      rejected++;
    }
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- responses are arbitrary JSON
    async function expectAccepted(method: Method, url: string, payload?: object): Promise<any> {
      const res = await call(t, owner, method, url, payload);
      const what = `${method} ${url} ${JSON.stringify(payload)?.slice(0, 200)} → ${res.status} ${JSON.stringify(res.body)}`;
      assert.ok(res.status >= 200 && res.status < 300, what);
      accepted++;
      return res.body;
    }

    it('refuses malformed bodies, fields, types and sizes on every mutating route', async (tc) => {
      const r = prng(SEED);
      const setup = { workspaceName: 'W', name: 'N', email: 'n@example.com', password: 'long enough', language: 'en', timeZone: 'UTC' };
      const newTicket = { subject: 'S', body: 'B', requester: { email: 'c@example.com', name: 'C' } };
      const field = { key: 'order_no', labelEn: 'Order', labelZh: '订单', type: 'text' };
      const route = (method: Method, url: string, schema: TSchema, control: number, base: Body) => ({ method, url, schema, control, base });
      const routes = [
        route('POST', '/api/v1/tickets', tickets.CreateTicketRequest, 201, newTicket),
        route('PATCH', `/api/v1/tickets/${ticket.id}`, tickets.UpdateTicketRequest, 200, { priority: 'high' }),
        route('POST', `/api/v1/tickets/${ticket.id}/messages`, tickets.CreateMessageRequest, 201, { kind: 'note', body: 'n' }),
        route('POST', '/api/v1/tickets/bulk', tickets.BulkUpdateTicketsRequest, 200, { ids: [ticket.id], changes: { priority: 'low' } }),
        route('POST', '/api/v1/customers', CreateCustomerRequest, 201, { name: 'Han Meimei' }),
        route('PATCH', `/api/v1/customers/${customer.id}`, UpdateCustomerRequest, 200, { notes: 'vip' }),
        route('POST', '/api/v1/auth/login', LoginRequest, 200, { email: owner.email, password: 'correct horse battery' }),
        route('POST', '/api/v1/setup', SetupRequest, 409, setup),
        route('POST', '/api/v1/views', tickets.CreateViewRequest, 201, { name: 'Mine', filters: { status: ['open'] } }),
        route('POST', '/api/v1/ticket-fields', tickets.CreateFieldRequest, 201, field),
      ];
      const cases: Case[] = [];
      for (const rt of routes) {
        // The unmutated body works, so each refusal below is the mutation's doing.
        assert.equal((await call(t, owner, rt.method, rt.url, rt.base)).status, rt.control, `${rt.method} ${rt.url} control`);
        for (const m of mutants(rt.base, rt.schema as S, r)) cases.push({ ...rt, name: m.name, payload: m.body });
        for (const whole of ['null', '[]', JSON.stringify([rt.base]), '"text"', '42', 'true', '1e400'])
          cases.push({ ...rt, name: `body ${whole.slice(0, 20)}`, payload: whole, contentType: 'application/json', status: 400 });
      }
      const json = (name: string, payload: string | Buffer, status = 400, code?: string) => {
        const { method, url } = r.next() < 0.5 ? routes[0]! : r.pick(routes);
        cases.push({ name, method, url, payload, contentType: 'application/json', status, code });
      };
      const INVALID_JSON = `{¦{"subject":¦{'subject':'x'}¦{subject:"x"}¦{"a":1,}¦[1,2¦NaN¦undefined¦{"a":01}¦{"s":"\\x"}¦{"s":"\\u12"}¦{} {}¦{"a":1}x¦¦ `;
      for (const text of [...INVALID_JSON.split('¦'), '{"__proto__":{"isAdmin":true}}']) json(`invalid JSON ${text}`, text);
      json('constructor.prototype', '{"constructor":{"prototype":{"isAdmin":true}}}');
      const ticketJson = (subject: string) => `{"subject":${subject},"body":"b","requester":{"email":"u@example.com"}}`;
      const BAD_UTF8 = [[0xff], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe4, 0xb8], [0x80], [0xfe, 0xff]];
      for (let i = 0; i < 6; i++) BAD_UTF8.push([0xff, ...Array.from({ length: 1 + r.int(6) }, () => 0x80 + r.int(0x80))]);
      const [head, tail] = ticketJson('"a#"').split('#') as [string, string];
      for (const bytes of BAD_UTF8.map((b) => Buffer.from(b))) {
        const payload = Buffer.concat([Buffer.from(head), bytes, Buffer.from(tail)]);
        json(`bad UTF-8 ${bytes.toString('hex')}`, payload, 400, 'invalid_text');
      }
      for (const bad of ['"\\u0000"', '"a\\u0000b"', '"\\ud800"', '"\\udfff"', '"x\\ud83dy"', '"\\udc00\\ud800"', `"${'\u0000'}"`])
        json(`unstorable text ${bad}`, ticketJson(bad), 400, bad.includes('\\') ? 'invalid_text' : undefined);
      const inside = ['{"subj\\u0000ect":"s"}', '{"\\ud800":1}', ticketJson('"s","tags":["ok","\\ud800"]')];
      for (const payload of [...inside, ticketJson('"s","category":"\\u0000"')])
        json('unstorable text in a key or nested value', payload, 400, 'invalid_text');
      for (const depth of [1_000, 50_000, 200_000]) {
        json(`arrays nested ${depth} deep`, ticketJson('['.repeat(depth) + ']'.repeat(depth)));
        json(`objects nested ${depth} deep`, ticketJson('{"a":'.repeat(depth / 4) + '1' + '}'.repeat(depth / 4)));
      }
      for (const size of [BODY_LIMIT + 1, 1.5 * 1024 * 1024, 10 * 1024 * 1024]) {
        json(`a ${size} byte string`, ticketJson(JSON.stringify('x'.repeat(size))), 413);
        json(`${size} bytes of whitespace`, ' '.repeat(size), 413);
      }
      const TYPES =
        'text/plain 400¦application/xml 415¦application/x-www-form-urlencoded 415¦multipart/form-data; boundary=x 415¦image/png 415';
      for (const [contentType, status] of TYPES.split('¦').map((x) => [x.slice(0, -4), Number(x.slice(-3))] as const))
        cases.push({ name: contentType, method: 'POST', url: '/api/v1/tickets', payload: JSON.stringify(newTicket), contentType, status });
      cases.push({ name: 'no content-type', method: 'POST', url: '/api/v1/tickets', payload: JSON.stringify(newTicket), status: 415 });

      const seen = new Set<string>();
      for (const c of cases) {
        const id = `${c.method} ${c.url} ${c.contentType} ${typeof c.payload === 'string' ? c.payload : JSON.stringify(c.payload)}`;
        if (seen.has(id)) continue; // a mutation can repeat another
        seen.add(id);
        await expectRejected(c);
      }
      assert.ok(seen.size >= 200, `${seen.size} distinct bad bodies`);
      tc.diagnostic(`${seen.size} malformed or hostile bodies refused`);
    });

    it('refuses bad query strings, paths, cursors and uploads', async (tc) => {
      const r = prng(SEED + 1);
      const [U, D, b64] = [r.uuid(), '-'.repeat(36), (v: string) => Buffer.from(v).toString('base64url')];
      const cases: Case[] = [];
      const get = (url: string) => cases.push({ name: url.slice(0, 60), method: 'GET', url: `/api/v1${url}` });
      const CURSORS = `garbage! ${b64('[]')} ${b64('null')} ${b64('"str"')} ${'x'.repeat(501)}`.split(' ');
      const DATES = ['"2020-01-01T00:00:00Z","n":1.5', '"2020-01-01T00:00:00Z","n":1e20', '"-271821-04-20T00:00:00Z","n":1'];
      for (const vn of [...DATES, '"+275760-09-13T00:00:00Z","n":1', '"not a date","n":1']) CURSORS.push(b64(`{"v":${vn}}`));
      for (const c of CURSORS) get(`/tickets?cursor=${c}`);
      for (const c of ['{"v":"abc","n":1}', '{"v":1e300,"n":1}', '{"v":1,"n":"x"}']) get(`/tickets?sort=number_asc&cursor=${b64(c)}`);
      const TICKETS = `limit=-1 limit=0 limit=101 limit=1e20 limit=abc limit=1.5 limit= sort=bogus sort=number_asc;drop status=BAD! status=open,,new
        priority='%20OR%201=1 assignee=${D} assignee=urn:uuid:${U} assignee=${U}x group=${D} group=%00 requesterId=not-a-uuid requesterId=urn:uuid:${U}
        type=bogus updatedWithinDays=0 updatedWithinDays=-1 updatedWithinDays=3651 viewId=abc viewId=${U} tag=${'t'.repeat(65)} tag=a%00b
        q=${'q'.repeat(201)} q=%00 q=a%00b unknown=1 q=x&q=y`;
      for (const x of TICKETS.split(/\s+/)) get(`/tickets?${x}`);
      const CUSTOMERS = `q=%00 q=${'q'.repeat(201)} q=${'x'.repeat(1024 * 1024)} cursor=-1 cursor=zzzzzzzzzzzz cursor=%20 limit=0 organizationId=urn:uuid:${U} extra=1`;
      for (const x of CUSTOMERS.split(' ')) get(`/customers?${x}`);
      for (const x of ['', 'q=', 'q=%00', `q=${'q'.repeat(201)}`, 'q=a&limit=51', 'q=a&limit=0', 'q=a&limit=x', 'q=a&page=2'])
        get(`/search?${x}`);
      for (const x of ['after=1e20', 'after=-1', 'limit=501', 'after=abc']) get(`/tickets/${ticket.id}/events?${x}`);
      for (const x of ['name=%00', 'state=bogus', 'limit=201']) get(`/admin/jobs?${x}`);
      for (const filters of [{ assignee: D }, { group: D }, { requesterId: `urn:uuid:${U}` }, { status: ['open', 'open'] }])
        cases.push({ name: `view ${JSON.stringify(filters)}`, method: 'POST', url: '/api/v1/views', payload: { name: 'v', filters } });
      const IDS = `abc 1.5 -1 1e3 0x10 9999999999999999 urn:uuid:${U} {${U}} ${U.replace(/-/g, '')} 1%27%20OR%20%271%27%3D%271 %00 %ED%A0%80`;
      for (const id of [...IDS.split(' '), 'a'.repeat(201), '%2e%2e%2f%2e%2e%2fetc%2fpasswd', `${U}%00`]) {
        for (const what of ['tickets', 'customers', 'attachments']) get(`/${what}/${id}`);
        cases.push({ name: `PATCH ticket ${id}`, method: 'PATCH', url: `/api/v1/tickets/${id}`, payload: { priority: 'low' } });
        cases.push({ name: `note on ${id}`, method: 'POST', url: `/api/v1/tickets/${id}/messages`, payload: { kind: 'note', body: 'x' } });
        cases.push({ name: `PATCH customer ${id}`, method: 'PATCH', url: `/api/v1/customers/${id}`, payload: { notes: 'x' } });
      }
      const file = (name: string, query: string, payload: string | Buffer, status?: number) =>
        cases.push({ name, method: 'POST', url: `/api/v1/attachments${query}`, payload, contentType: 'application/octet-stream', status });
      file('no filename', '', 'hello', 400);
      for (const f of ['', 'a%2Fb.txt', 'a%5Cb.txt', '%00.txt', 'a%0Ab.txt', 'x'.repeat(256), 'a%0Db.txt'])
        file(`filename ${f}`, `?filename=${f}`, 'hello');
      file('unknown query', '?filename=a.txt&x=1', 'hello', 400);
      file('empty file', '?filename=a.txt', '', 400);
      file('executable', '?filename=a.exe', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, ...new Array(60).fill(0)]), 415);
      for (let i = 0; i < 3; i++)
        file('binary', '?filename=a.bin', Buffer.from([0xff, 0xfe, 0, ...Array.from({ length: 64 }, () => r.int(256))]), 415);
      file('over the attachment limit', '?filename=big.txt', 'x'.repeat(2 * 1024 * 1024 + 1), 413);
      for (const c of cases) await expectRejected(c);
      assert.ok(cases.length >= 150, `${cases.length} cases`);
      tc.diagnostic(`${cases.length} bad queries, paths, cursors and uploads refused`);
    });

    it('stores hostile but valid text verbatim', async (tc) => {
      const r = prng(SEED + 2);
      const texts = [...HOSTILE, 'x'.repeat(500), ...Array.from({ length: 12 }, () => r.text(1 + r.int(120)))];
      for (const [i, subject] of texts.entries()) {
        const body = r.pick(texts) + r.text(r.int(50));
        const name = Array.from(r.pick(texts)).slice(0, 200).join('');
        const tk = await expectAccepted('POST', '/api/v1/tickets', { subject, body, requester: { email: `h${i}@example.com`, name } });
        assert.equal((await call(t, owner, 'GET', `/api/v1/tickets/${tk.number}`)).body.subject, subject);
        assert.equal((await call(t, owner, 'GET', `/api/v1/tickets/${tk.id}/messages`)).body.items[0].body, body);
        assert.equal((await call(t, owner, 'GET', `/api/v1/customers/${tk.requesterId}`)).body.name, name);
        const note = r.pick(texts);
        const { message } = await expectAccepted('POST', `/api/v1/tickets/${tk.id}/messages`, { kind: 'note', body: note });
        const thread = (await call(t, owner, 'GET', `/api/v1/tickets/${tk.id}/messages`)).body.items as Array<{ id: string; body: string }>;
        assert.equal(thread.find((m) => m.id === message.id)?.body, note);
        const renamed = r.pick(texts);
        assert.equal((await expectAccepted('PATCH', `/api/v1/tickets/${tk.id}`, { subject: renamed })).subject, renamed);
      }
      for (const text of HOSTILE) {
        const { message } = await expectAccepted('POST', `/api/v1/tickets/${ticket.id}/messages`, { kind: 'note', body: text });
        assert.equal(message.body, text);
        const c = await expectAccepted('POST', '/api/v1/customers', { name: text, notes: text });
        assert.deepEqual([c.name, c.notes], [text, text]);
        assert.equal((await expectAccepted('PATCH', `/api/v1/customers/${c.id}`, { notes: `${text}!` })).notes, `${text}!`);
        const view = await expectAccepted('POST', '/api/v1/views', { name: text.slice(0, 100), filters: { q: text } });
        assert.deepEqual([view.name, view.filters.q], [text.slice(0, 100), text]);
        const labels = { labelEn: text, labelZh: text, type: 'text' };
        assert.equal((await expectAccepted('POST', '/api/v1/ticket-fields', { key: `f${accepted}`, ...labels })).labelEn, text);
        for (const list of ['search', 'customers', 'tickets'])
          assert.ok(Array.isArray((await expectAccepted('GET', `/api/v1/${list}?q=${encodeURIComponent(text)}`)).items), list);
      }
      const tags = ["';drop--", '<b>', '"quoted"', '1=1', '中文'];
      assert.deepEqual((await expectAccepted('PATCH', `/api/v1/tickets/${ticket.id}`, { tags })).tags, [...tags].sort());
      assert.equal((await expectAccepted('GET', `/api/v1/tickets?tag=${encodeURIComponent("';drop--")}`)).items[0].id, ticket.id);
      const found = await expectAccepted('GET', `/api/v1/search?q=${encodeURIComponent('drop table tickets')}`);
      assert.ok(found.items.length > 0, 'the SQL-looking subject is searchable like any text');
      // Files are stored as the bytes sent and served as inert text, whatever the client claims they are.
      const FILES = `text/html¦<!doctype html><script>alert(document.cookie)</script>¦报告 "final".html
        text/plain¦'; drop table attachments; --¦a.txt
        application/json¦{"__proto__":{"isAdmin":true}}¦evil.json`;
      for (const [contentType, payload, filename] of FILES.split(/\n\s*/).map((x) => x.split('¦') as [string, string, string])) {
        const url = `/api/v1/attachments?filename=${encodeURIComponent(filename)}`;
        const up = await t.app.inject({
          method: 'POST',
          url,
          headers: { authorization: `Bearer ${owner.token}`, 'content-type': contentType },
          payload,
        });
        assert.deepEqual([up.statusCode, up.json().filename], [201, filename], up.body);
        const down = await t.app.inject({ method: 'GET', url: up.json().url, headers: { authorization: `Bearer ${owner.token}` } });
        const headers = [down.headers['content-type'], down.headers['x-content-type-options']];
        assert.deepEqual([down.body, ...headers], [payload, 'text/plain; charset=utf-8', 'nosniff']);
        accepted++;
      }
      tc.diagnostic(`${accepted} hostile-but-valid requests accepted and read back verbatim`);
    });

    it('keeps a ticket writable however much text it collects', async () => {
      const r = prng(SEED + 3);
      const tk = await expectAccepted('POST', '/api/v1/tickets', {
        subject: 'Log dump',
        body: 'below',
        requester: { email: 'logs@example.com' },
      });
      // A long thread of pasted logs, in one step: a search index just under PostgreSQL's 1 MB tsvector limit.
      const fill = `update tickets set search_vector = search_vector || to_tsvector('simple', $1) where id = $2`;
      await t.ctx.database.execute(fill, [r.words(75_000), tk.id]);
      for (let i = 0; i < 3; i++) await expectAccepted('POST', `/api/v1/tickets/${tk.id}/messages`, { kind: 'note', body: r.words(6000) });
      assert.equal((await call(t, owner, 'GET', `/api/v1/tickets/${tk.id}`)).body.messageCount, 4);
      assert.equal((await call(t, owner, 'GET', '/api/v1/search?q=dump')).body.items[0]?.ticket.id, tk.id, 'still found by its subject');
    });

    it('leaves the database working', async () => {
      assert.ok(rejected >= 200, `${rejected} requests refused`);
      const health = `select to_regclass('tickets')::text as t, (select count(*) from tickets) as n`;
      const { rows } = await t.ctx.database.execute<{ t: string | null; n: number | string }>(health);
      assert.equal(rows[0]?.t, 'tickets');
      assert.ok(Number(rows[0]?.n) > 20);
      const tk = await expectAccepted('POST', '/api/v1/tickets', {
        subject: 'Still fine',
        body: 'ok',
        requester: { email: 'ok@example.com' },
      });
      assert.equal((await call(t, owner, 'GET', `/api/v1/tickets/${tk.id}`)).body.subject, 'Still fine');
      assert.equal((await call(t, owner, 'GET', '/api/v1/tickets?q=still')).body.items[0].id, tk.id);
    });
  });
}
