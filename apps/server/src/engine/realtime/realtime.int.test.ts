import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import WebSocket from 'ws';
import { call, eachBackend, makeAgent, makeWorkspace } from '../../testing/harness.js';
import { freshPostgresDatabase } from '../../testing/fresh-postgres.js';
import { runCli, spawnServer } from '../../testing/spawn-server.js';

interface WsEvent {
  type: string;
  event?: { kind: string; ticketId: string | null; workspaceId: string };
  // presence messages
  ticketId?: string;
  userId?: string;
  userName?: string;
  state?: string;
}

function waitFor(messages: WsEvent[], pred: (m: WsEvent) => boolean, ms: number): Promise<WsEvent> {
  return new Promise((resolve, reject) => {
    const t0 = Date.now();
    const tick = () => {
      const m = messages.find(pred);
      if (m) return resolve(m);
      if (Date.now() - t0 > ms)
        return reject(
          new Error(`no matching message within ${ms} ms; got ${JSON.stringify(messages.map((x) => x.event?.kind ?? x.type))}`),
        );
      setTimeout(tick, 10);
    };
    tick();
  });
}

eachBackend('realtime (one process)', (get) => {
  it('pushes ticket events to agents of the same workspace only', async () => {
    const t = get();
    const a = await makeWorkspace(t);
    const b = await makeWorkspace(t);
    const wsA = await t.app.injectWS('/api/v1/realtime', { headers: { authorization: `Bearer ${a.owner.token}` } });
    const wsB = await t.app.injectWS('/api/v1/realtime', { headers: { authorization: `Bearer ${b.owner.token}` } });
    const gotA: WsEvent[] = [];
    const gotB: WsEvent[] = [];
    wsA.on('message', (d) => gotA.push(JSON.parse(String(d)) as WsEvent));
    wsB.on('message', (d) => gotB.push(JSON.parse(String(d)) as WsEvent));
    const created = await call(t, a.owner, 'POST', '/api/v1/tickets', { subject: '实时', body: 'live', requester: { email: 'rt@x.com' } });
    assert.equal(created.status, 201);
    const m = await waitFor(gotA, (x) => x.event?.kind === 'ticket.created' && x.event.ticketId === created.body.id, 1000);
    assert.equal(m.event?.workspaceId, a.workspaceId);
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(
      gotB.filter((x) => x.event?.workspaceId === a.workspaceId || x.event?.ticketId === created.body.id).length,
      0,
      'workspace B hears nothing of A',
    );
    assert.ok(gotB.every((x) => x.type !== 'event' || x.event?.workspaceId === b.workspaceId));
    wsA.terminate();
    wsB.terminate();
  });

  it('relays presence (viewing, typing, left) to the other agents of the workspace, never to another workspace', async () => {
    const t = get();
    const a = await makeWorkspace(t);
    const colleague = await makeAgent(t, a.workspaceId, 'agent');
    const other = await makeWorkspace(t);
    const open = (token: string) => t.app.injectWS('/api/v1/realtime', { headers: { authorization: `Bearer ${token}` } });
    const [ws1, ws2, ws3] = await Promise.all([open(a.owner.token), open(colleague.token), open(other.owner.token)]);
    type P = WsEvent;
    const got1: P[] = [];
    const got2: P[] = [];
    const got3: P[] = [];
    ws1.on('message', (d) => got1.push(JSON.parse(String(d)) as P));
    ws2.on('message', (d) => got2.push(JSON.parse(String(d)) as P));
    ws3.on('message', (d) => got3.push(JSON.parse(String(d)) as P));
    const ticketId = '6f1c2a4e-8b1d-4c1e-9a57-2f0e6b8d1c33';
    ws1.send(JSON.stringify({ type: 'presence', ticketId, state: 'viewing' }));
    const seen = (await waitFor(got2, (m) => m.type === 'presence' && m.state === 'viewing', 2000)) as P;
    assert.equal(seen.userId, a.owner.userId);
    assert.equal(seen.ticketId, ticketId);
    assert.ok(seen.userName, 'the name is shown in the collision notice');
    // The newcomer is told who was already there.
    ws2.send(JSON.stringify({ type: 'presence', ticketId, state: 'typing' }));
    await waitFor(got1, (m) => m.type === 'presence' && m.state === 'typing' && m.userId === colleague.userId, 2000);
    await waitFor(got2, (m) => m.type === 'presence' && m.userId === a.owner.userId && m !== seen, 2000);
    // Closing the socket says "left"; bad messages are ignored.
    ws2.send('not json');
    ws2.send(JSON.stringify({ type: 'presence', ticketId: 'x', state: 'viewing' }));
    ws1.terminate();
    await waitFor(got2, (m) => m.type === 'presence' && m.state === 'left' && m.userId === a.owner.userId, 2000);
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(got3.filter((m) => m.type === 'presence').length, 0, 'another workspace hears nothing');
    ws2.terminate();
    ws3.terminate();
  });

  it('refuses a WebSocket without credentials', async () => {
    const t = get();
    await assert.rejects(t.app.injectWS('/api/v1/realtime'));
  });
});

it(
  'fans out across two API processes on one PostgreSQL within 1 s',
  { skip: !process.env.TEST_DATABASE_URL && 'needs TEST_DATABASE_URL' },
  async () => {
    const pgdb = await freshPostgresDatabase();
    const dataDir = mkdtempSync(join(tmpdir(), 'kefu-rt-'));
    const env = { DATABASE_URL: pgdb.url, KEFU_DATA_DIR: dataDir };
    const p1 = await spawnServer(['--role', 'api'], env);
    const p2 = await spawnServer(['--role', 'api'], env).catch(async (e: unknown) => {
      await p1.stop('SIGKILL');
      throw e;
    });
    try {
      const u = await runCli(
        [
          'user',
          'create',
          '--email',
          'rt@example.com',
          '--name',
          'RT',
          '--role',
          'owner',
          '--workspace-name',
          'RT',
          '--password',
          'rt-password-1',
        ],
        env,
      );
      assert.equal(u.code, 0, u.stderr);
      const tok = await runCli(['token', 'create', '--email', 'rt@example.com'], env);
      assert.equal(tok.code, 0, tok.stderr);
      const token = tok.stdout.trim();
      const ws = new WebSocket(`ws://127.0.0.1:${p1.port}/api/v1/realtime`, { headers: { authorization: `Bearer ${token}` } });
      const got: WsEvent[] = [];
      ws.on('message', (d) => got.push(JSON.parse(String(d)) as WsEvent));
      await new Promise((r, j) => (ws.once('open', r), ws.once('error', j)));
      await waitFor(got, (m) => m.type === 'hello', 2000);
      const t0 = Date.now();
      const res = await fetch(`${p2.url}/api/v1/tickets`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ subject: 'cross-process', body: 'hello', requester: { email: 'x@example.com' } }),
      });
      assert.equal(res.status, 201);
      const ticket = (await res.json()) as { id: string };
      await waitFor(got, (m) => m.event?.kind === 'ticket.created' && m.event.ticketId === ticket.id, 1000);
      assert.ok(Date.now() - t0 < 1500);
      ws.close();
    } finally {
      await p1.stop();
      await p2.stop();
      await pgdb.drop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
);
