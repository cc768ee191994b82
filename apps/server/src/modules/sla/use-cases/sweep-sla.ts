import type { Logger } from 'pino';
import type { Database } from '../../../engine/db/database.js';
import type { OutboxPublisher } from '../../../engine/events/outbox.js';
import { TICKET_COLUMNS } from '../../tickets/tickets.repository.js';
import { dueTickets, nextTimer, postponeTimers } from '../ticket-sla.repository.js';
import { recomputeTicketSla } from './recompute-ticket-sla.js';

export interface SweepDeps {
  database: Database;
  outbox: OutboxPublisher;
  log: Logger;
}

export interface SweepResult {
  /** Tickets recomputed. */
  tickets: number;
  /** Tickets skipped because another transaction held them (it recomputes them itself). */
  busy: number;
  failed: number;
  /** The earliest timer still pending afterwards (in the future, or one a busy ticket holds). */
  next: Date | null;
}

/** How long a ticket whose recompute failed waits before the sweeper tries it again. */
const RETRY_MS = 60_000;

/**
 * Fires every SLA timer due at `now`: claims the tickets whose rows have `next_fire_at ≤ now`,
 * locks each ticket row (SKIP LOCKED: a ticket another sweeper or a ticket change holds is left
 * to it) and recomputes it in its own transaction, which writes the warnings, breaches and
 * escalations and sets the next timers. Safe to run in any number of processes at once: a breach
 * recorded on a row never fires again (packages/core/src/sla-reconcile.ts).
 */
export async function sweepSla(deps: SweepDeps, now: Date, batch = 200): Promise<SweepResult> {
  const db = deps.database.db;
  const result: SweepResult = { tickets: 0, busy: 0, failed: 0, next: null };
  const seen = new Set<string>();
  for (;;) {
    const due = (await dueTickets(db, now, batch)).filter((t) => !seen.has(t.ticketId));
    if (due.length === 0) break;
    for (const t of due) {
      seen.add(t.ticketId);
      try {
        const done = await db.transaction().execute(async (trx) => {
          const ticket = await trx
            .selectFrom('tickets')
            .select(TICKET_COLUMNS)
            .where('workspace_id', '=', t.workspaceId)
            .where('id', '=', t.ticketId)
            .forUpdate()
            .skipLocked()
            .executeTakeFirst();
          if (!ticket) return false;
          await recomputeTicketSla(trx, ticket, now);
          // A recompute leaves only future timers; should one stay due, do not spin on it.
          if ((await postponeTimers(trx, t.workspaceId, t.ticketId, new Date(now.getTime() + RETRY_MS), now)) > 0)
            deps.log.warn({ ticketId: t.ticketId }, 'SLA timer still due after its recompute; retrying in a minute');
          return true;
        });
        if (done) result.tickets++;
        else result.busy++;
      } catch (err) {
        result.failed++;
        deps.log.error({ err, ticketId: t.ticketId }, 'SLA recompute failed; its timers retry in a minute');
        await postponeTimers(db, t.workspaceId, t.ticketId, new Date(now.getTime() + RETRY_MS), now).catch(() => {});
      }
    }
  }
  if (result.tickets > 0) deps.outbox.kick();
  result.next = await nextTimer(db);
  return result;
}
