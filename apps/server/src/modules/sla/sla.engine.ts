import type { AppContext } from '../../engine/context.js';
import { EVENTS_CHANNEL } from '../../engine/events/outbox.js';
import { invalidateCalendars, invalidatePolicies } from './sla-cache.js';
import { reevaluateJob } from './use-cases/reevaluate-tickets.js';
import { sweepSla } from './use-cases/sweep-sla.js';

export interface SlaEngine {
  /** After the job queue started: the sweeper (worker role) and the cache invalidation listener. */
  start(opts: { sweep: boolean }): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The SLA engine's place in the runtime. Timers are rows (`ticket_sla.next_fire_at`); a sweeper
 * in every worker process fires the due ones (use-cases/sweep-sla.ts), then sleeps until the
 * earliest pending timer, at most `config.slaSweepMs` (1 s) — two cheap indexed queries when
 * nothing is due. Stored timers survive restarts, and any worker may fire them: the only
 * in-process timer is this one wake-up, never one per ticket.
 * Call before `jobs.start()`: it defines the re-evaluation job.
 */
export function createSlaEngine(ctx: AppContext): SlaEngine {
  ctx.jobs.define(reevaluateJob(ctx));
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> | null = null;
  let stopped = false;
  let unlisten: (() => Promise<void>) | null = null;

  // Sleep until the next timer is due, at most the sweep interval (timers other processes add in
  // between are seen within that), and at least MIN_PAUSE_MS (a due ticket held by a long
  // transaction must not make this spin).
  const MIN_PAUSE_MS = 25;
  const tick = () => {
    timer = null;
    if (stopped) return;
    let pause = ctx.config.slaSweepMs;
    running = sweepSla(ctx, ctx.clock.now())
      .then((r) => {
        if (r.next) pause = Math.min(pause, Math.max(MIN_PAUSE_MS, r.next.getTime() - ctx.clock.now().getTime()));
      })
      .catch((err: unknown) => ctx.log.error({ err }, 'SLA sweep failed'))
      .finally(() => {
        running = null;
        if (!stopped) timer = setTimeout(tick, pause);
      });
  };

  return {
    async start({ sweep }) {
      // Policies and calendars are cached per process: any process's change reaches every one
      // through the published events.
      unlisten = await ctx.database.listen(EVENTS_CHANNEL, (payload) => {
        if (!payload.includes('"kind":"sla.polic') && !payload.includes('"kind":"calendar.')) return;
        try {
          const e = JSON.parse(payload) as { workspaceId: string; kind: string };
          if (e.kind.startsWith('calendar.')) invalidateCalendars(e.workspaceId);
          else invalidatePolicies(e.workspaceId);
        } catch {
          /* not ours to judge */
        }
      });
      if (sweep && ctx.config.slaSweepMs > 0) timer = setTimeout(tick, 0);
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await running;
      await unlisten?.().catch(() => {});
    },
  };
}
