import type { Calendar, UpdateCalendarRequest } from '@kefu/contracts/calendars';
import type { Actor } from '../../../engine/auth/principal.js';
import type { AppContext } from '../../../engine/context.js';
import { inTransaction, txExecutor } from '../../../engine/db/tx.js';
import { notFound } from '../../../engine/errors.js';
import { recordEvents } from '../../../engine/events/events.repository.js';
import { reevaluateJob } from '../../sla/use-cases/reevaluate-tickets.js';
import { findCalendar, toCalendar, updateCalendarRow } from '../calendars.repository.js';
import { calendarEvent, checkSpec, cleanName, clearOtherDefaults } from './calendar-changes.js';

/**
 * Changes a calendar's name, description, spec or default flag. Making it the default takes the
 * flag from the calendar that had it; clearing the flag leaves the workspace without a default.
 * `source` (where the dates came from) stays: an edited preset calendar still has its dates.
 */
export function updateCalendar(ctx: AppContext, actor: Actor, id: string, req: UpdateCalendarRequest): Promise<Calendar> {
  return inTransaction(ctx, async (trx) => {
    const now = ctx.clock.now();
    const before = await findCalendar(trx, actor.workspaceId, id, true);
    if (!before) throw notFound('calendar');
    const spec = req.spec !== undefined ? checkSpec(req.spec) : undefined;
    if (req.isDefault && !before.is_default) await clearOtherDefaults(trx, actor, before.id, now);
    const row = await updateCalendarRow(
      trx,
      actor.workspaceId,
      before.id,
      {
        name: req.name === undefined ? undefined : cleanName(req.name),
        description: req.description,
        spec,
        isDefault: req.isDefault,
      },
      now,
    );
    await recordEvents(trx, actor, [calendarEvent('calendar.updated', toCalendar(before), toCalendar(row))], now);
    // New hours, holidays or a new default move the due instants of running SLA cycles.
    if (spec !== undefined || (req.isDefault !== undefined && req.isDefault !== before.is_default)) {
      await ctx.jobs.send(reevaluateJob(ctx), { workspaceId: actor.workspaceId }, { db: txExecutor(trx) });
    }
    return toCalendar(row);
  });
}

/** Makes a calendar the workspace's default. */
export function setDefaultCalendar(ctx: AppContext, actor: Actor, id: string): Promise<Calendar> {
  return updateCalendar(ctx, actor, id, { isDefault: true });
}
