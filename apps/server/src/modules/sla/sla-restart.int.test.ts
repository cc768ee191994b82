// Acceptance: SLA timers are durable. A ticket whose first-reply breach falls 10 s after its
// creation, with the server stopped and started again in between, gets `sla.breached` within 5 s
// of the due instant, exactly once. Real time, real `kefu start` processes.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import { freshPostgresDatabase } from '../../testing/fresh-postgres.js';
import { backends } from '../../testing/harness.js';
import { runCli, spawnServer, type ServerProcess } from '../../testing/spawn-server.js';

interface TicketEvent {
  kind: string;
  newValue: { metric?: string; dueAt?: string } | null;
  createdAt: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

for (const backend of backends()) {
  it(`[${backend}] a breach due 10 s after creation fires once, within 5 s of its due time, across a restart`, async (tc) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kefu-sla-restart-'));
    const pgdb = backend === 'postgres' ? await freshPostgresDatabase() : null;
    const env: Record<string, string> = { KEFU_DATA_DIR: dataDir, ...(pgdb ? { DATABASE_URL: pgdb.url } : {}) };
    const started: ServerProcess[] = [];
    try {
      const first = await spawnServer([], env);
      started.push(first);
      const user = await runCli(
        [
          'user',
          'create',
          '--email',
          'sla@example.com',
          '--name',
          'S',
          '--role',
          'owner',
          '--workspace-name',
          'SLA',
          '--password',
          'sla-password-1',
        ],
        env,
      );
      assert.equal(user.code, 0, user.stderr + user.stdout);
      const tok = await runCli(['token', 'create', '--email', 'sla@example.com', '--scopes', 'read,write,admin'], env);
      assert.equal(tok.code, 0, tok.stderr);
      const token = tok.stdout.trim();
      const api = async (server: ServerProcess, method: string, path: string, body?: unknown) => {
        const res = await fetch(`${server.url}/api/v1${path}`, {
          method,
          headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
          ...(body ? { body: JSON.stringify(body) } : {}),
        });
        return { status: res.status, body: (await res.json()) as Record<string, unknown> };
      };

      // The workspace came with the shipped policies; this one goes first for tickets tagged "restart".
      const policy = await api(first, 'POST', '/sla/policies', {
        name: 'Ten seconds',
        position: 0,
        conditions: { tags: ['restart'] },
        targets: { normal: { first_reply: { minutes: 10 / 60, business: false } } },
      });
      assert.equal(policy.status, 201, JSON.stringify(policy.body));
      const created = await api(first, 'POST', '/tickets', {
        subject: '重启后仍然超时 breach after restart',
        body: 'Nobody answers',
        requester: { email: 'waiting@example.com' },
        tags: ['restart'],
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const ticket = created.body as { id: string; createdAt: string; sla: { metrics: Array<{ metric: string; dueAt: string }> } };
      const due = Date.parse(ticket.sla.metrics.find((m) => m.metric === 'first_reply')!.dueAt);
      assert.equal(due - Date.parse(ticket.createdAt), 10_000);

      await first.stop();
      const stoppedAt = Date.now();
      assert.ok(stoppedAt < due, 'stopped before the due time');
      const second = await spawnServer([], env);
      started.push(second);
      const upAt = Date.now();

      const breaches = async () => {
        const r = await api(second, 'GET', `/tickets/${ticket.id}/events`);
        return (r.body.items as TicketEvent[]).filter((e) => e.kind === 'sla.breached');
      };
      let fired: TicketEvent[] = [];
      while (fired.length === 0 && Date.now() < due + 15_000) {
        await sleep(200);
        fired = await breaches();
      }
      assert.equal(fired.length, 1, 'sla.breached was written');
      const delay = Date.parse(fired[0]!.createdAt) - due;
      tc.diagnostic(`restart took ${upAt - stoppedAt} ms; the breach fired ${delay} ms after its due time`);
      assert.ok(delay >= 0, `not early (${delay} ms)`);
      assert.ok(delay < 5_000, `within 5 s of the due time (${delay} ms)`);
      assert.equal(fired[0]!.newValue?.metric, 'first_reply');
      assert.equal(fired[0]!.newValue?.dueAt, new Date(due).toISOString());

      // Several more sweeps later: still exactly one.
      await sleep(3_000);
      const all = await breaches();
      assert.equal(all.filter((e) => e.newValue?.metric === 'first_reply').length, 1, 'exactly one sla.breached for first_reply');
      const sla = await api(second, 'GET', `/tickets/${ticket.id}/sla`);
      const fr = (sla.body.summary as { metrics: Array<{ metric: string; status: string }> }).metrics.find(
        (m) => m.metric === 'first_reply',
      );
      assert.equal(fr?.status, 'breached');
    } finally {
      for (const s of started) await s.stop('SIGKILL');
      await pgdb?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
}
