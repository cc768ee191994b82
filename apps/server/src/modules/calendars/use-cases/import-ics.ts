import type { CalendarSource, CalendarSpec, IcsImportMode, ImportIcsResult, SkippedEvent } from '@kefu/contracts/calendars';
import type { Actor } from '../../../engine/auth/principal.js';
import type { AppContext } from '../../../engine/context.js';
import { inTransaction } from '../../../engine/db/tx.js';
import { badRequest, notFound } from '../../../engine/errors.js';
import { recordEvents } from '../../../engine/events/events.repository.js';
import { findCalendar, toCalendar, updateCalendarRow } from '../calendars.repository.js';
import { MAX_ICS_BYTES, readIcs } from '../ics.util.js';
import { calendarEvent, checkSpec } from './calendar-changes.js';

const WEEKDAY_KEYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
const MAX_IMPORT_RECORDS = 20;
/** Recurring events are expanded from last year to this many years ahead. */
const RECUR_YEARS_AHEAD = 5;

const MAX_SKIPPED = 100;
const capped = (list: SkippedEvent[]): SkippedEvent[] =>
  list.length <= MAX_SKIPPED + 1
    ? list
    : [...list.slice(0, MAX_SKIPPED), { summary: '', date: null, reason: `and ${list.length - MAX_SKIPPED} more skipped` }];

/** Dates of the import merged into the spec: nothing twice, and never a date in both lists. */
function merge(spec: CalendarSpec, holidays: Map<string, string>, workdays: Map<string, string>) {
  const have = new Set(spec.holidays ?? []);
  const extra = new Map((spec.extraWorkdays ?? []).map((x) => [x.date, x]));
  const result = { added: { holidays: 0, extraWorkdays: 0 }, unchanged: { holidays: 0, extraWorkdays: 0 }, skipped: [] as SkippedEvent[] };
  for (const [date, summary] of holidays) {
    if (have.has(date)) result.unchanged.holidays++;
    else if (extra.has(date)) result.skipped.push({ summary, date, reason: 'the calendar has it as a make-up working day' });
    else {
      have.add(date);
      result.added.holidays++;
    }
  }
  for (const [date, summary] of workdays) {
    const weekday = WEEKDAY_KEYS[new Date(`${date}T00:00:00Z`).getUTCDay()]!;
    if (extra.has(date)) result.unchanged.extraWorkdays++;
    else if (have.has(date)) result.skipped.push({ summary, date, reason: 'the calendar has it as a holiday' });
    else if ((spec.weekly[weekday]?.length ?? 0) > 0)
      result.skipped.push({ summary, date, reason: `already a working day (${weekday} has opening hours)` });
    else {
      extra.set(date, { date });
      result.added.extraWorkdays++;
    }
  }
  const next: CalendarSpec = {
    ...spec,
    holidays: [...have].sort(),
    extraWorkdays: [...extra.values()].sort((a, b) => a.date.localeCompare(b.date)),
  };
  return { spec: next, ...result };
}

/**
 * Imports the holidays (and, in `auto` mode, the make-up working days) of an iCalendar file into a
 * calendar, merging them with the dates it has.
 */
export function importIcs(ctx: AppContext, actor: Actor, id: string, ics: string, mode: IcsImportMode): Promise<ImportIcsResult> {
  const bytes = Buffer.byteLength(ics, 'utf8');
  if (bytes > MAX_ICS_BYTES)
    throw badRequest('ics_too_large', `The iCalendar file has ${bytes} bytes; the limit is ${MAX_ICS_BYTES} (1 MiB)`);
  return inTransaction(ctx, async (trx) => {
    const now = ctx.clock.now();
    const before = await findCalendar(trx, actor.workspaceId, id, true);
    if (!before) throw notFound('calendar');
    const year = now.getUTCFullYear();
    const read = readIcs(ics, { mode, fromYear: year - 1, toYear: year + RECUR_YEARS_AHEAD });
    const merged = merge(before.spec as CalendarSpec, read.holidays, read.workdays);
    const changed = merged.added.holidays + merged.added.extraWorkdays > 0;
    let row = before;
    if (changed) {
      const source = (before.source ?? {}) as CalendarSource;
      const record = { at: now.toISOString(), holidays: merged.added.holidays, extraWorkdays: merged.added.extraWorkdays, mode };
      row = await updateCalendarRow(
        trx,
        actor.workspaceId,
        before.id,
        { spec: checkSpec(merged.spec), source: { ...source, imports: [...(source.imports ?? []), record].slice(-MAX_IMPORT_RECORDS) } },
        now,
      );
      await recordEvents(trx, actor, [calendarEvent('calendar.updated', toCalendar(before), toCalendar(row), { import: record })], now);
    }
    return {
      added: merged.added,
      unchanged: merged.unchanged,
      skipped: capped([...read.skipped, ...merged.skipped]),
      calendar: toCalendar(row),
    };
  });
}
