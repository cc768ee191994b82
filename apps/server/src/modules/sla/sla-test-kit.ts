// Shared by the SLA integration tests: an app on a fake clock with the background sweeper off,
// so each test decides when time passes and when timers fire.
import { after, before, describe } from 'node:test';
import { inTransaction } from '../../engine/db/tx.js';
import { FakeClock } from '../../testing/fake-clock.js';
import { backends, call, startTestApp, type Agent, type TestApp } from '../../testing/harness.js';
import { ensureDefaultCalendar } from '../calendars/use-cases/ensure-default-calendar.js';
import { reevaluateJob } from './use-cases/reevaluate-tickets.js';
import { sweepSla } from './use-cases/sweep-sla.js';

/** Monday 16 November 2026, 09:00 in Singapore (UTC+8, no DST, and no holiday in the calendar used). */
export const MONDAY_9AM = new Date('2026-11-16T09:00:00+08:00');
export const sgt = (date: string, time: string) => new Date(`2026-11-${date}T${time}:00+08:00`);
export const MIN = 60_000;

export interface SlaTestApp {
  t: TestApp;
  clock: FakeClock;
}

export function eachSlaBackend(name: string, fn: (get: () => SlaTestApp) => void): void {
  for (const backend of backends()) {
    describe(`${name} [${backend}]`, () => {
      let s: SlaTestApp | null = null;
      before(async () => {
        const clock = new FakeClock(MONDAY_9AM);
        s = { t: await startTestApp(backend, { slaSweepMs: 0 }, { clock }), clock };
      });
      after(async () => {
        await s?.t.close();
      });
      fn(() => {
        if (!s) throw new Error('app not started');
        return s;
      });
    });
  }
}

/** What the worker's sweeper does, at the fake clock's now. */
export function sweep(s: SlaTestApp) {
  return sweepSla(s.t.ctx, s.clock.now());
}

/** Runs the re-evaluation job now, here (the worker would pick it up within a poll). */
export function reevaluate(s: SlaTestApp, workspaceId: string, extra: { requesterId?: string } = {}) {
  return reevaluateJob(s.t.ctx).handler({ workspaceId, ...extra }, { id: 'test', retryCount: 0 });
}

/** A Monday–Friday 09:00–18:00 calendar in Singapore, the workspace's default. */
export async function officeCalendar(s: SlaTestApp, workspaceId: string): Promise<string> {
  const r = await inTransaction(s.t.ctx, (trx) => ensureDefaultCalendar(trx, workspaceId, 'Asia/Singapore', s.clock.now()));
  return r.calendar.id;
}

export async function createPolicy(s: SlaTestApp, who: Agent, body: object) {
  const r = await call(s.t, who, 'POST', '/api/v1/sla/policies', body);
  if (r.status !== 201) throw new Error(`policy: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body as { id: string; name: string; position: number };
}

let n = 0;
export async function createTicket(s: SlaTestApp, who: Agent, extra: object = {}) {
  const r = await call(s.t, who, 'POST', '/api/v1/tickets', {
    subject: `SLA ${++n}`,
    body: 'Where is my order?',
    requester: { email: `sla-${n}-${Date.now()}@example.com` },
    ...extra,
  });
  if (r.status !== 201) throw new Error(`ticket: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body as { id: string; number: number; priority: string; sla?: TicketSlaBody; requesterId: string };
}

export interface TicketSlaBody {
  policyId: string | null;
  nextDueAt: string | null;
  metrics: Array<{ metric: string; status: string; dueAt: string; cycle: number; fulfilledAt: string | null; pausedMinutes: number }>;
  commitment: { 'zh-CN': string; en: string } | null;
}

export async function ticketSla(s: SlaTestApp, who: Agent, id: string) {
  const r = await call(s.t, who, 'GET', `/api/v1/tickets/${id}/sla`);
  if (r.status !== 200) throw new Error(`sla: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body as {
    summary: TicketSlaBody;
    evaluation: Array<{ name: string; matched: boolean; checks: Array<{ field: string; ok: boolean }> }>;
    history: Array<{ metric: string; kind: string; cycle: number; withinTarget: boolean | null }>;
  };
}

export const metricOf = (sla: TicketSlaBody | undefined, metric: string) => sla?.metrics.find((m) => m.metric === metric);

/** The ticket's events of some kinds, oldest first (straight from the table: the timeline and outbox). */
export async function eventsOf(s: SlaTestApp, ticketId: string, kinds: string[]) {
  return s.t.ctx.database.db
    .selectFrom('events')
    .select(['kind', 'field', 'new_value', 'old_value', 'data', 'created_at'])
    .where('ticket_id', '=', ticketId)
    .where('kind', 'in', kinds)
    .orderBy('id')
    .execute();
}
