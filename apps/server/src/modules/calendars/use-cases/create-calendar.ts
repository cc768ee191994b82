import type { Calendar, CalendarSource, CalendarSpec, CreateCalendarRequest, FromPresetRequest } from '@kefu/contracts/calendars';
import type { Actor } from '../../../engine/auth/principal.js';
import type { AppContext } from '../../../engine/context.js';
import { inTransaction, type Tx } from '../../../engine/db/tx.js';
import { recordEvents } from '../../../engine/events/events.repository.js';
import { buildPreset, findPresetOrThrow } from '../calendar-presets.js';
import { findDefaultCalendarRow, insertCalendar, toCalendar, workspaceTimeZone } from '../calendars.repository.js';
import { calendarEvent, checkSpec, cleanName, clearOtherDefaults } from './calendar-changes.js';

export interface NewCalendar {
  name: string;
  description?: string | null | undefined;
  spec: CalendarSpec;
  source: CalendarSource;
  /** Default: true for the workspace's first calendar. */
  isDefault?: boolean | undefined;
  /** Written into the created event (e.g. the preset). */
  data?: unknown;
}

/** Checks a calendar and inserts it with its event, in the caller's transaction. */
export async function insertCalendarWithEvent(trx: Tx, actor: Actor, c: NewCalendar, now: Date): Promise<Calendar> {
  const name = cleanName(c.name);
  const spec = checkSpec(c.spec);
  const isDefault = c.isDefault ?? !(await findDefaultCalendarRow(trx, actor.workspaceId));
  if (isDefault) await clearOtherDefaults(trx, actor, null, now);
  const row = await insertCalendar(
    trx,
    actor.workspaceId,
    { name, description: c.description ?? null, spec, source: c.source, isDefault },
    now,
  );
  const calendar = toCalendar(row);
  await recordEvents(trx, actor, [calendarEvent('calendar.created', null, calendar, c.data)], now);
  return calendar;
}

/** Creates a calendar from a spec written by hand (or by the web app's editor). */
export function createCalendar(ctx: AppContext, actor: Actor, req: CreateCalendarRequest): Promise<Calendar> {
  return inTransaction(ctx, (trx) => insertCalendarWithEvent(trx, actor, { ...req, source: {} }, ctx.clock.now()));
}

/** Creates a calendar from a preset (CN, a country, 24x7) for the given years. */
export async function createCalendarFromPreset(
  ctx: AppContext,
  actor: Actor,
  req: FromPresetRequest,
): Promise<{ calendar: Calendar; warnings: string[] }> {
  const now = ctx.clock.now();
  const preset = findPresetOrThrow(req.preset);
  const years = req.years ?? [now.getUTCFullYear(), now.getUTCFullYear() + 1];
  return inTransaction(ctx, async (trx) => {
    const fallbackTimeZone = await workspaceTimeZone(trx, actor.workspaceId);
    const built = buildPreset(preset, { years, weekly: req.weekly, timeZone: req.timeZone, fallbackTimeZone });
    const calendar = await insertCalendarWithEvent(
      trx,
      actor,
      {
        name: req.name,
        description: req.description,
        spec: built.spec,
        source: built.source,
        isDefault: req.isDefault,
        data: built.source,
      },
      now,
    );
    return { calendar, warnings: built.warnings };
  });
}
