import type { IcsImportMode, SkippedEvent } from '@kefu/contracts/calendars';
import ICAL from 'ical.js';
import { badRequest } from '../../engine/errors.js';

/**
 * Reads the dates of an iCalendar file: every all-day event (each date of a multi-day one, each
 * occurrence of a recurring one within `fromYear`–`toYear`) is a holiday, or — in `auto` mode, when
 * its summary marks a working day (班, 补班, 上班, "workday", "working day") or Apple marks it an
 * ALTERNATE-WORKDAY — a make-up working day. Timed events are skipped unless they run from midnight
 * to midnight. Pure: no I/O.
 */

export const MAX_ICS_BYTES = 1024 * 1024;
const MAX_DAYS_PER_EVENT = 366;
const MAX_OCCURRENCES = 500;
const MAX_DATES = 5000;
const MAX_SKIPPED = 100;
const WORKDAY_SUMMARY = /班|\bwork(ing)?[ -]?day\b/i;

export interface IcsDates {
  /** date → the summary that made it a holiday */
  holidays: Map<string, string>;
  /** date → the summary that made it a make-up working day */
  workdays: Map<string, string>;
  skipped: SkippedEvent[];
}

export interface ReadIcsOptions {
  mode: IcsImportMode;
  /** Recurring events are expanded over these years only. */
  fromYear: number;
  toYear: number;
}

type Time = InstanceType<typeof ICAL.Time>;
type Event = InstanceType<typeof ICAL.Event>;
type Component = InstanceType<typeof ICAL.Component>;

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const dateOf = (t: Time) => `${pad(t.year, 4)}-${pad(t.month)}-${pad(t.day)}`;
const atMidnight = (t: Time) => t.hour === 0 && t.minute === 0 && t.second === 0;
const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const daysBetween = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);

/** Rejects what is not an iCalendar file before the parser sees it. */
function parse(text: string): Component[] {
  const body = text.replace(/^\uFEFF/, '');
  if (!/^\s*BEGIN:VCALENDAR\r?\n/i.test(body)) {
    throw badRequest('invalid_ics', 'This is not an iCalendar file: it must start with BEGIN:VCALENDAR');
  }
  let jcal: unknown;
  try {
    jcal = ICAL.parse(body);
  } catch (e) {
    throw badRequest('invalid_ics', `The iCalendar file cannot be read: ${e instanceof Error ? e.message : String(e)}`);
  }
  const list = (Array.isArray(jcal) && typeof jcal[0] === 'string' ? [jcal] : (jcal as unknown[])) as unknown[][];
  return list.map((j) => new ICAL.Component(j));
}

/** The dates [start, end) an occurrence covers, or why it is skipped. */
function datesOf(start: Time, end: Time): string[] | string {
  const first = dateOf(start);
  let last: string;
  if (start.isDate) last = end.isDate && daysBetween(first, dateOf(end)) > 0 ? dateOf(end) : addDays(first, 1);
  else if (atMidnight(start) && atMidnight(end) && daysBetween(first, dateOf(end)) > 0) last = dateOf(end);
  else return 'a timed event, not an all-day one';
  const n = daysBetween(first, last);
  if (n > MAX_DAYS_PER_EVENT) return `longer than ${MAX_DAYS_PER_EVENT} days`;
  const year = start.year;
  if (year < 2000 || year > 2100) return 'outside the years 2000–2100';
  return Array.from({ length: n }, (_, i) => addDays(first, i));
}

/** Every occurrence of an event as [start, end, the event that describes it]. */
function occurrences(event: Event, opts: ReadIcsOptions): Array<[Time, Time, Event]> {
  if (!event.isRecurring()) return [[event.startDate, event.endDate, event]];
  const out: Array<[Time, Time, Event]> = [];
  const it = event.iterator();
  for (let next = it.next(); next && out.length < MAX_OCCURRENCES; next = it.next()) {
    if (next.year > opts.toYear) break;
    if (next.year < opts.fromYear) continue;
    const d = event.getOccurrenceDetails(next);
    out.push([d.startDate, d.endDate, d.item]);
  }
  return out;
}

export function readIcs(text: string, opts: ReadIcsOptions): IcsDates {
  const out: IcsDates = { holidays: new Map(), workdays: new Map(), skipped: [] };
  let skippedMore = 0;
  const skip = (summary: string, date: string | null, reason: string) => {
    if (out.skipped.length < MAX_SKIPPED) out.skipped.push({ summary, date, reason });
    else skippedMore++;
  };
  for (const cal of parse(text)) {
    const vevents = cal.getAllSubcomponents('vevent');
    const uidOf = (c: Component) => String(c.getFirstPropertyValue('uid') ?? '');
    const recurringUids = new Set(vevents.filter((c) => c.hasProperty('rrule') || c.hasProperty('rdate')).map(uidOf));
    // Overrides of single occurrences (RECURRENCE-ID) belong to their recurring event.
    const exceptions = new Map<string, Component[]>();
    for (const c of vevents.filter((v) => v.hasProperty('recurrence-id') && recurringUids.has(uidOf(v))))
      exceptions.set(uidOf(c), [...(exceptions.get(uidOf(c)) ?? []), c]);
    for (const c of vevents) {
      if (c.hasProperty('recurrence-id') && recurringUids.has(uidOf(c))) continue;
      let event: Event;
      try {
        event = new ICAL.Event(c, { strictExceptions: false, exceptions: exceptions.get(uidOf(c)) ?? [] });
      } catch (e) {
        skip(String(c.getFirstPropertyValue('summary') ?? ''), null, `unreadable event: ${e instanceof Error ? e.message : String(e)}`);
        continue;
      }
      const summary = (event.summary ?? '').trim() || '(no title)';
      if (!c.hasProperty('dtstart')) {
        skip(summary, null, 'no start date');
        continue;
      }
      let list: Array<[Time, Time, Event]>;
      try {
        list = occurrences(event, opts);
      } catch (e) {
        skip(summary, null, `unreadable recurrence: ${e instanceof Error ? e.message : String(e)}`);
        continue;
      }
      if (event.isRecurring() && list.length === 0) skip(summary, null, `no occurrence in ${opts.fromYear}–${opts.toYear}`);
      for (const [start, end, item] of list) {
        const what = (item.summary ?? '').trim() || summary;
        if (String(item.component.getFirstPropertyValue('status') ?? '').toUpperCase() === 'CANCELLED') {
          skip(what, dateOf(start), 'cancelled');
          continue;
        }
        const dates = datesOf(start, end);
        if (typeof dates === 'string') {
          skip(what, dateOf(start), dates);
          continue;
        }
        const apple = String(item.component.getFirstPropertyValue('x-apple-special-day') ?? '').toUpperCase();
        const isWorkday = opts.mode === 'auto' && (WORKDAY_SUMMARY.test(what) || apple === 'ALTERNATE-WORKDAY');
        const [mine, other] = isWorkday ? [out.workdays, out.holidays] : [out.holidays, out.workdays];
        for (const date of dates) {
          if (other.has(date)) skip(what, date, `the file also makes it a ${isWorkday ? 'holiday' : 'working day'} (${other.get(date)})`);
          else if (!mine.has(date)) mine.set(date, what);
        }
        if (out.holidays.size + out.workdays.size > MAX_DATES)
          throw badRequest('ics_too_many_dates', `The file has more than ${MAX_DATES} dates; import a few years at a time`);
      }
    }
  }
  if (skippedMore > 0) out.skipped.push({ summary: '', date: null, reason: `and ${skippedMore} more skipped` });
  return out;
}
