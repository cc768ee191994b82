import type { Calendar } from '@kefu/contracts/calendars';
import { systemActor } from '../../../engine/auth/principal.js';
import type { Tx } from '../../../engine/db/tx.js';
import { recordEvents } from '../../../engine/events/events.repository.js';
import { buildPreset, findPresetOrThrow, weekdayHours } from '../calendar-presets.js';
import { findDefaultCalendarRow, listCalendars, toCalendar } from '../calendars.repository.js';
import { calendarEvent, makeDefault } from './calendar-changes.js';
import { insertCalendarWithEvent } from './create-calendar.js';

export const DEFAULT_CALENDAR_NAME = 'Business hours';

/**
 * The workspace's default calendar, made when it has none (for the SLA module to seed policies):
 * "Business hours" — in Asia/Shanghai the CN preset (holidays and 调休 days of this year and the
 * next, as far as chinese-days has them), elsewhere Monday–Friday 09:00–18:00 in the workspace's
 * zone. A calendar already named so becomes the default instead. Runs in the caller's transaction;
 * events are written as the system. Pass `now` (the service's clock) where there is one.
 */
export async function ensureDefaultCalendar(
  trx: Tx,
  workspaceId: string,
  timeZone: string,
  now: Date = new Date(),
): Promise<{ calendar: Calendar; created: boolean }> {
  const existing = await findDefaultCalendarRow(trx, workspaceId);
  if (existing) return { calendar: toCalendar(existing), created: false };
  const actor = systemActor(workspaceId);
  const named = (await listCalendars(trx, workspaceId)).find((c) => c.name === DEFAULT_CALENDAR_NAME);
  if (named) {
    const row = await makeDefault(trx, actor, named.id, now);
    await recordEvents(trx, actor, [calendarEvent('calendar.updated', toCalendar(named), toCalendar(row))], now);
    return { calendar: toCalendar(row), created: false };
  }
  const year = now.getUTCFullYear();
  const built =
    timeZone === 'Asia/Shanghai'
      ? buildPreset(findPresetOrThrow('CN'), { years: [year, year + 1], fallbackTimeZone: timeZone })
      : { spec: { timeZone, weekly: weekdayHours('09:00', '18:00') }, source: {} };
  const calendar = await insertCalendarWithEvent(
    trx,
    actor,
    { name: DEFAULT_CALENDAR_NAME, spec: built.spec, source: built.source, isDefault: true, data: { seeded: true } },
    now,
  );
  return { calendar, created: true };
}
