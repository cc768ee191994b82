import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import { openDatabase, type Database } from '../db/database.js';
import { backends } from '../../testing/harness.js';
import { freshPostgresDatabase } from '../../testing/fresh-postgres.js';
import { runCli, spawnServer, type ServerProcess } from '../../testing/spawn-server.js';

async function inspect(database: Database, ticketId: string) {
  const ticket = await database.execute<{ id: string }>('select id from tickets where id = $1', [ticketId]);
  const messages = await database.execute<{ id: string }>('select id from messages where ticket_id = $1', [ticketId]);
  const events = await database.execute<{ kind: string; published_at: Date | null }>(
    'select kind, published_at from events where ticket_id = $1 order by id',
    [ticketId],
  );
  return { ticket: ticket.rows.length, messages: messages.rows.length, events: events.rows };
}

for (const backend of backends()) {
  it(`[${backend}] kill -9 right after 201: the ticket, its message and event survive, and the unpublished event goes out after restart`, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kefu-crash-'));
    const pgdb = backend === 'postgres' ? await freshPostgresDatabase() : null;
    const env: Record<string, string> = { KEFU_DATA_DIR: dataDir, ...(pgdb ? { DATABASE_URL: pgdb.url } : {}) };
    const open = () => openDatabase(pgdb ? { databaseUrl: pgdb.url, dataDir } : { dataDir: join(dataDir, 'pg') });
    const started: ServerProcess[] = [];
    try {
      // The outbox waits 10 minutes after each commit, so the event is surely unpublished at the kill.
      const server = await spawnServer([], { ...env, KEFU_OUTBOX_DELAY_MS: '600000' });
      started.push(server);
      const u = await runCli(
        [
          'user',
          'create',
          '--email',
          'k@example.com',
          '--name',
          'K',
          '--role',
          'owner',
          '--workspace-name',
          'Crash',
          '--password',
          'crash-password-1',
        ],
        env,
      );
      assert.equal(u.code, 0, u.stderr + u.stdout);
      const tok = await runCli(['token', 'create', '--email', 'k@example.com'], env);
      assert.equal(tok.code, 0, tok.stderr);
      const res = await fetch(`${server.url}/api/v1/tickets`, {
        method: 'POST',
        headers: { authorization: `Bearer ${tok.stdout.trim()}`, 'content-type': 'application/json' },
        body: JSON.stringify({ subject: '崩溃测试 crash', body: 'committed before the kill', requester: { email: 'c@example.com' } }),
      });
      assert.equal(res.status, 201);
      await server.stop('SIGKILL');
      const { id } = (await res.json()) as { id: string };

      let db = await open();
      const before = await inspect(db, id);
      await db.close();
      assert.equal(before.ticket, 1);
      assert.equal(before.messages, 1);
      assert.deepEqual(
        before.events.map((e) => e.kind),
        ['ticket.created', 'message.created'],
      );
      assert.ok(
        before.events.every((e) => e.published_at === null),
        'events were still unpublished at the kill',
      );

      const again = await spawnServer([], env);
      started.push(again);
      await again.stop();
      db = await open();
      const after = await inspect(db, id);
      await db.close();
      assert.ok(
        after.events.every((e) => e.published_at !== null),
        'published after the restart',
      );
    } finally {
      for (const s of started) await s.stop('SIGKILL');
      await pgdb?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
}
