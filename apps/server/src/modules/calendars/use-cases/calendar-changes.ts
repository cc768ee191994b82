import type { Calendar, CalendarSpec } from '@kefu/contracts/calendars';
import { CalendarError, compileCalendar } from '@kefu/core/calendar';
import type { Actor } from '../../../engine/auth/principal.js';
import type { Tx } from '../../../engine/db/tx.js';
import { badRequest } from '../../../engine/errors.js';
import { recordEvents, type EventInput } from '../../../engine/events/events.repository.js';
import { clearDefault, toCalendar, updateCalendarRow } from '../calendars.repository.js';

/** Shared steps of the calendar use cases: checking a spec, moving the default, the events. */

const MAX_DATES = 10_000;

/**
 * Validates a spec with compileCalendar (its CalendarError message names the field) and returns
 * the normalised copy to store: only the known fields. A calendar must be open some time, or SLA
 * arithmetic on it could never finish.
 */
export function checkSpec(input: unknown): CalendarSpec {
  let spec: CalendarSpec;
  try {
    spec = compileCalendar(input).spec;
  } catch (e) {
    if (e instanceof CalendarError) throw badRequest('invalid_calendar', e.message);
    throw e;
  }
  if (!Object.values(spec.weekly).some((ranges) => ranges && ranges.length > 0))
    throw badRequest('invalid_calendar', 'weekly: no day has opening hours (for "always open" use the 24x7 preset)');
  const dates = (spec.holidays?.length ?? 0) + (spec.extraWorkdays?.length ?? 0);
  if (dates > MAX_DATES) throw badRequest('invalid_calendar', `holidays and extraWorkdays hold ${dates} dates; the limit is ${MAX_DATES}`);
  return structuredClone(spec) as CalendarSpec; // compileCalendar's copy is frozen
}

/** A calendar name as stored: trimmed, and not empty. */
export function cleanName(name: string): string {
  const clean = name.trim();
  if (!clean) throw badRequest('invalid_name', 'A calendar needs a name');
  return clean;
}

export function calendarEvent(kind: string, before: Calendar | null, after: Calendar | null, data?: unknown): EventInput {
  return { subjectType: 'calendar', subjectId: (after ?? before)!.id, kind, oldValue: before, newValue: after, data };
}

/** Takes the default flag away from the workspace's other calendars (one event each). */
export async function clearOtherDefaults(trx: Tx, actor: Actor, keepId: string | null, now: Date): Promise<void> {
  const cleared = await clearDefault(trx, actor.workspaceId, keepId, now);
  const events = cleared.map((row) =>
    calendarEvent('calendar.updated', { ...toCalendar(row), isDefault: true }, toCalendar(row), { field: 'isDefault' }),
  );
  await recordEvents(trx, actor, events, now);
}

/** Makes a calendar the default (the one before it stops being it). */
export async function makeDefault(trx: Tx, actor: Actor, id: string, now: Date) {
  await clearOtherDefaults(trx, actor, id, now);
  return updateCalendarRow(trx, actor.workspaceId, id, { isDefault: true }, now);
}
