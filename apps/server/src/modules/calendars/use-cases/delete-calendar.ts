import type { Actor } from '../../../engine/auth/principal.js';
import type { AppContext } from '../../../engine/context.js';
import { inTransaction } from '../../../engine/db/tx.js';
import { notFound } from '../../../engine/errors.js';
import { recordEvents } from '../../../engine/events/events.repository.js';
import { calendarInUse, calendarInUseError, deleteCalendarRow, findCalendar, toCalendar } from '../calendars.repository.js';
import { calendarEvent } from './calendar-changes.js';

/**
 * Deletes a calendar unless an SLA policy uses it (409 calendar_in_use). Deleting the default
 * leaves the workspace without one; SLA falls back as it does for a workspace that never had one.
 */
export function deleteCalendar(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  return inTransaction(ctx, async (trx) => {
    const now = ctx.clock.now();
    const row = await findCalendar(trx, actor.workspaceId, id, true);
    if (!row) throw notFound('calendar');
    if (await calendarInUse(trx, actor.workspaceId, row.id)) throw calendarInUseError();
    await deleteCalendarRow(trx, actor.workspaceId, row.id);
    await recordEvents(trx, actor, [calendarEvent('calendar.deleted', toCalendar(row), null)], now);
  });
}
