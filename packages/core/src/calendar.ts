/**
 * Business calendars: opening hours in a time zone, holidays and make-up working days (调休), and
 * the arithmetic SLAs need — "30 business minutes after this instant", "business minutes between
 * these two instants". Pure: no I/O, no clock; time zones come from Intl. docs/calendars.md has
 * the format and worked examples.
 *
 * ## Semantics
 * - A range `["HH:MM", "HH:MM"]` is `[start, end)` in local wall-clock time. `"24:00"` may end a
 *   range (never start one). `end < start` runs past midnight into the next local date
 *   (`["22:00", "06:00"]`); `end == start` is invalid (use `["00:00", "24:00"]` for a whole day).
 *   Ranges may overlap; their union counts.
 * - A real minute `[t, t+1min)` is a business minute iff its local wall-clock time at `t` lies in
 *   a range of the local date on which that range starts.
 * - `holidays` remove every range that STARTS on that date (so an overnight range starting the day
 *   before a holiday still runs into the holiday morning, and one starting on the holiday does not
 *   run into the next morning). `extraWorkdays` (调休) replace that date's ranges with `hours`
 *   (default: Monday's ranges). A date in both lists is invalid. Missing weekdays have no ranges.
 * - DST: a local time that does not exist (spring-forward gap) is never counted; a repeated local
 *   time (fall back) is counted each time it occurs. Ranges are wall-clock ranges: 01:00–03:00 on
 *   a night where 01:00–02:00 repeats holds 3 real hours; on a night where 02:00–03:00 is skipped it
 *   holds 1. So a range starting inside a gap starts, in real time, where the gap ends.
 * - Time is continuous: business time is the set of real instants whose local time lies in a
 *   range (as above) — a union of real intervals. `addBusinessMinutes(cal, start, n)` walks those
 *   intervals from `start` consuming `n` minutes and returns the instant where the n-th business
 *   minute at or after `start` ends (`n = 0` → `start` exactly, even outside hours; a result that
 *   falls exactly on the end of a range is that end, not the next opening).
 *   `businessMinutesBetween(cal, from, to)` is the business time in `[from, to)` in whole minutes,
 *   rounded down (`Math.floor(ms / 60000)`; 0 if `to <= from`). For whole-minute inputs both equal
 *   counting minutes one by one, and `businessMinutesBetween(cal, a, addBusinessMinutes(cal, a, n))
 *   === n` for every `a`.
 * - A calendar with no business time would make `addBusinessMinutes` search forever: it throws
 *   `CalendarError` when it finds no business time within 5 years (at once when the calendar has
 *   no weekly ranges and is past its last extra workday).
 * - Supported instants: years 1900–9999 (RangeError otherwise, also for negative or non-finite
 *   minutes).
 *
 * Cost: each local date's real intervals and each UTC day's business time are computed once per
 * calendar and cached; `add` over a year walks 365 cached day totals, not minutes.
 */
import { BusinessTime, SCAN_YEARS } from './calendar/business-time.js';
import { validateCalendar, type CalendarSpec } from './calendar/spec.js';
import { MINUTE } from './calendar/zone.js';

export { CalendarError, type CalendarSpec, type Weekday } from './calendar/spec.js';
export { SCAN_YEARS };

export interface BusinessCalendar {
  readonly spec: CalendarSpec;
}

class CompiledCalendar implements BusinessCalendar {
  readonly #time: BusinessTime;
  constructor(
    readonly spec: CalendarSpec,
    time: BusinessTime,
  ) {
    this.#time = time;
  }
  static timeOf(cal: BusinessCalendar): BusinessTime | undefined {
    return #time in cal ? cal.#time : undefined;
  }
}

/** Calendars that did not come from `compileCalendar` (e.g. `{ spec }` objects) are compiled once. */
const adopted = new WeakMap<BusinessCalendar, BusinessTime>();

function timeOf(cal: BusinessCalendar): BusinessTime {
  const own = CompiledCalendar.timeOf(cal);
  if (own) return own;
  let t = adopted.get(cal);
  if (!t) {
    t = new BusinessTime(validateCalendar(cal.spec));
    adopted.set(cal, t);
  }
  return t;
}

const MIN_TIME = Date.UTC(1900, 0, 1);
const MAX_TIME = Date.UTC(10000, 0, 1) - 1;

function instant(d: Date, name: string): number {
  const t = d instanceof Date ? d.getTime() : NaN;
  if (Number.isNaN(t)) throw new RangeError(`${name} must be a valid Date`);
  if (t < MIN_TIME || t > MAX_TIME) throw new RangeError(`${name} must lie between the years 1900 and 9999`);
  return t;
}

/**
 * Validates a calendar and prepares it for the arithmetic. Throws `CalendarError` naming the
 * field, e.g. `weekly.tue[1]: "25:00" is not a time HH:MM`. `spec` on the result is a frozen copy
 * holding only the known fields.
 */
export function compileCalendar(spec: unknown): BusinessCalendar {
  const compiled = validateCalendar(spec);
  return new CompiledCalendar(compiled.spec, new BusinessTime(compiled));
}

/** The instant at which the `minutes`-th business minute at or after `start` ends (`0` → `start`). */
export function addBusinessMinutes(cal: BusinessCalendar, start: Date, minutes: number): Date {
  const t = instant(start, 'start');
  if (!Number.isFinite(minutes) || minutes < 0) throw new RangeError('minutes must be a finite number ≥ 0');
  const due = timeOf(cal).add(t, Math.round(minutes * MINUTE));
  if (due > MAX_TIME) throw new RangeError('the result would be after 9999-12-31');
  return new Date(due);
}

/** Whole business minutes in `[from, to)`, rounded down; 0 if `to <= from`. */
export function businessMinutesBetween(cal: BusinessCalendar, from: Date, to: Date): number {
  return Math.floor(businessMillisecondsBetween(cal, from, to) / MINUTE);
}

/** Business time in `[from, to)` in milliseconds (exact); 0 if `to <= from`. */
export function businessMillisecondsBetween(cal: BusinessCalendar, from: Date, to: Date): number {
  return timeOf(cal).measure(instant(from, 'from'), instant(to, 'to'));
}

/** The first instant at or after `at` that is business time (`at` itself when it is). */
export function nextBusinessInstant(cal: BusinessCalendar, at: Date): Date {
  return new Date(timeOf(cal).next(instant(at, 'at')));
}

/**
 * Whether the instant `at` is business time; for a whole-minute `at`, whether the minute
 * `[at, at + 1 min)` is a business minute.
 */
export function isBusinessMinute(cal: BusinessCalendar, at: Date): boolean {
  return timeOf(cal).contains(instant(at, 'at'));
}

/** The business time inside `[from, to)` as real intervals `[start, end)`, in order. */
export function businessIntervals(cal: BusinessCalendar, from: Date, to: Date): Array<[Date, Date]> {
  return timeOf(cal)
    .intervals(instant(from, 'from'), instant(to, 'to'))
    .map(([s, e]): [Date, Date] => [new Date(s), new Date(e)]);
}

/** Every minute counts (UTC, all day, every day): for SLAs in calendar hours. */
export const TWENTY_FOUR_SEVEN: BusinessCalendar = compileCalendar({
  timeZone: 'UTC',
  weekly: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['00:00', '24:00']]])),
});
