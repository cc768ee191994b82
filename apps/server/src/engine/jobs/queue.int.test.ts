import assert from 'node:assert/strict';
import { it } from 'node:test';
import { Type } from '@sinclair/typebox';
import { eachBackend } from '../../testing/harness.js';
import { JobQueue } from './queue.js';

eachBackend('job queue', (get) => {
  it('runs jobs, retries failures with backoff until they succeed, and isolates failures in a batch', async () => {
    const t = get();
    const q = new JobQueue(t.ctx.database, t.ctx.log, {
      schema: `pgboss_q_${Math.random().toString(36).slice(2, 8)}`,
      pollSeconds: 0.5,
      worker: true,
    });
    const attempts = new Map<string, number>();
    const done = new Set<string>();
    const def = {
      name: 'test.flaky',
      payload: Type.Object({ key: Type.String(), failTimes: Type.Integer() }),
      retryDelaySeconds: 1,
      handler: async (d: { key: string; failTimes: number }) => {
        const n = (attempts.get(d.key) ?? 0) + 1;
        attempts.set(d.key, n);
        if (n <= d.failTimes) throw new Error(`attempt ${n} fails`);
        done.add(d.key); // idempotent: a set
      },
    };
    q.define(def);
    await q.start();
    try {
      await q.send(def, { key: 'ok', failTimes: 0 });
      await q.send(def, { key: 'flaky', failTimes: 2 });
      await assert.rejects(q.send(def, { key: 'bad' } as never), /invalid payload/);
      const deadline = Date.now() + 20_000;
      while (done.size < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      assert.deepEqual([...done].sort(), ['flaky', 'ok']);
      assert.equal(attempts.get('ok'), 1);
      assert.equal(attempts.get('flaky'), 3);
    } finally {
      await q.stop();
    }
  });

  it('runs a scheduled job no earlier than its run-at time', async () => {
    const t = get();
    const q = new JobQueue(t.ctx.database, t.ctx.log, {
      schema: `pgboss_s_${Math.random().toString(36).slice(2, 8)}`,
      pollSeconds: 0.5,
      worker: true,
    });
    let ranAt = 0;
    const def = { name: 'test.later', payload: Type.Object({}), handler: async () => void (ranAt = Date.now()) };
    q.define(def);
    await q.start();
    try {
      const runAt = new Date(Date.now() + 2000);
      await q.send(def, {}, { startAfter: runAt });
      const deadline = Date.now() + 15_000;
      while (!ranAt && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      assert.ok(ranAt >= runAt.getTime() - 50, `ran ${runAt.getTime() - ranAt} ms early`);
    } finally {
      await q.stop();
    }
  });
});
