/**
 * The calendar format (`CalendarSpec`) and its validation. See docs/calendars.md.
 */
import { DAY } from './zone.js';

export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface CalendarSpec {
  /** IANA time zone name, e.g. "Asia/Shanghai" */
  timeZone: string;
  /** Opening hours per weekday: `[start, end)` in local wall-clock "HH:MM"; missing days are closed. */
  weekly: Partial<Record<'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun', [string, string][]>>;
  /** 'YYYY-MM-DD' local dates on which no range starts. */
  holidays?: string[];
  /** Make-up working days (调休): the date's ranges become `hours` (default: Monday's ranges). */
  extraWorkdays?: { date: string; hours?: [string, string][] }[];
}

/** An invalid calendar, or one that has no business time where some is needed. */
export class CalendarError extends Error {
  code = 'invalid_calendar';
  constructor(message: string) {
    super(message);
    this.name = 'CalendarError';
  }
}

/** A range in minutes of the local day: `end` is 1–1440; `end < start` runs past midnight. */
export interface MinuteRange {
  start: number;
  end: number;
}

/** The validated calendar in the form the arithmetic uses. */
export interface CompiledSpec {
  spec: CalendarSpec;
  timeZone: string;
  /** indexed by weekday, 0 = Sunday */
  weekly: MinuteRange[][];
  /** local dates as day numbers (days since 1970-01-01) */
  holidays: Set<number>;
  extraWorkdays: Map<number, MinuteRange[]>;
}

const TIME = /^(\d{2}):(\d{2})$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const fail = (path: string, message: string): never => {
  throw new CalendarError(`${path}: ${message}`);
};
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function checkKeys(v: Record<string, unknown>, path: string, allowed: readonly string[]): void {
  for (const k of Object.keys(v)) {
    if (!allowed.includes(k)) fail(path, `unknown field "${k}" (expected ${allowed.join(', ')})`);
  }
}

/** "HH:MM" → minutes of the day; "24:00" only where `isEnd`. */
function minutesOf(v: string, path: string, isEnd: boolean): number {
  const m = TIME.exec(v);
  const h = m ? Number(m[1]) : NaN;
  const min = m ? Number(m[2]) : NaN;
  if (h === 24 && min === 0) {
    if (isEnd) return 1440;
    fail(path, '"24:00" can only end a range');
  }
  if (!(h <= 23 && min <= 59)) fail(path, `${JSON.stringify(v)} is not a time HH:MM`);
  return h * 60 + min;
}

function rangesOf(v: unknown, path: string): { ranges: MinuteRange[]; raw: [string, string][] } {
  if (!Array.isArray(v)) return fail(path, 'must be a list of ["HH:MM", "HH:MM"] ranges');
  const ranges: MinuteRange[] = [];
  const raw: [string, string][] = [];
  v.forEach((r: unknown, i) => {
    const p = `${path}[${i}]`;
    if (!Array.isArray(r) || r.length !== 2 || typeof r[0] !== 'string' || typeof r[1] !== 'string') {
      fail(p, `must be a pair of times ["HH:MM", "HH:MM"], got ${JSON.stringify(r)}`);
    }
    const [s, e] = r as [string, string];
    const start = minutesOf(s, p, false);
    const end = minutesOf(e, p, true);
    if (start === end) fail(p, `starts and ends at "${s}": an empty range (for a whole day use ["00:00", "24:00"])`);
    ranges.push({ start, end });
    raw.push([s, e]);
  });
  return { ranges, raw };
}

/** 'YYYY-MM-DD' → day number. */
export function dayNumberOf(v: unknown, path: string): number {
  const m = typeof v === 'string' ? DATE.exec(v) : null;
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const t = Date.UTC(y, mo - 1, d);
    const back = new Date(t);
    if (y >= 1000 && back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d) return t / DAY;
  }
  return fail(path, `${JSON.stringify(v)} is not a date YYYY-MM-DD`);
}

/** Validates a calendar; every error names the field, e.g. `weekly.tue[1]: "25:00" is not a time HH:MM`. */
export function validateCalendar(input: unknown): CompiledSpec {
  if (!isObject(input)) return fail('calendar', 'must be an object with timeZone and weekly');
  checkKeys(input, 'calendar', ['timeZone', 'weekly', 'holidays', 'extraWorkdays']);
  const { timeZone } = input;
  if (typeof timeZone !== 'string' || timeZone === '') fail('timeZone', 'must be an IANA time zone name such as "Asia/Shanghai"');
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: timeZone as string });
  } catch {
    fail('timeZone', `unknown time zone ${JSON.stringify(timeZone)}`);
  }

  if (!isObject(input.weekly)) return fail('weekly', 'must be an object such as {"mon": [["09:00", "18:00"]], …}');
  const weekly: MinuteRange[][] = WEEKDAYS.map(() => []);
  const weeklyRaw: CalendarSpec['weekly'] = {};
  for (const [key, value] of Object.entries(input.weekly)) {
    const wd = WEEKDAYS.indexOf(key as Weekday);
    if (wd < 0) fail('weekly', `unknown weekday "${key}" (use mon, tue, wed, thu, fri, sat, sun)`);
    const { ranges, raw } = rangesOf(value, `weekly.${key}`);
    weekly[wd] = ranges;
    weeklyRaw[key as Weekday] = raw;
  }
  const spec: CalendarSpec = { timeZone: timeZone as string, weekly: weeklyRaw };

  const holidays = new Set<number>();
  if (input.holidays !== undefined) {
    if (!Array.isArray(input.holidays)) fail('holidays', 'must be a list of dates "YYYY-MM-DD"');
    const list = input.holidays as unknown[];
    list.forEach((d, i) => holidays.add(dayNumberOf(d, `holidays[${i}]`)));
    spec.holidays = [...(list as string[])];
  }

  const extraWorkdays = new Map<number, MinuteRange[]>();
  if (input.extraWorkdays !== undefined) {
    if (!Array.isArray(input.extraWorkdays)) fail('extraWorkdays', 'must be a list of {"date": "YYYY-MM-DD", "hours"?: [...]}');
    spec.extraWorkdays = [];
    (input.extraWorkdays as unknown[]).forEach((x, i) => {
      const p = `extraWorkdays[${i}]`;
      if (!isObject(x)) fail(p, 'must be an object {"date": "YYYY-MM-DD", "hours"?: [...]}');
      const item = x as Record<string, unknown>;
      checkKeys(item, p, ['date', 'hours']);
      const day = dayNumberOf(item.date, `${p}.date`);
      const date = item.date as string;
      if (holidays.has(day)) fail(`${p}.date`, `"${date}" is also listed in holidays`);
      if (extraWorkdays.has(day)) fail(`${p}.date`, `"${date}" is listed twice`);
      if (item.hours === undefined) {
        if (weekly[1]!.length === 0) fail(p, `"${date}" has no hours and weekly.mon has none to copy`);
        extraWorkdays.set(day, weekly[1]!);
        spec.extraWorkdays!.push({ date });
      } else {
        const { ranges, raw } = rangesOf(item.hours, `${p}.hours`);
        if (ranges.length === 0) fail(`${p}.hours`, "is empty (omit it to use Monday's hours, or list the date in holidays)");
        extraWorkdays.set(day, ranges);
        spec.extraWorkdays!.push({ date, hours: raw });
      }
    });
  }
  return { spec: deepFreeze(spec), timeZone: spec.timeZone, weekly, holidays, extraWorkdays };
}

function deepFreeze<T>(v: T): T {
  if (typeof v === 'object' && v !== null) {
    for (const x of Object.values(v)) deepFreeze(x);
    Object.freeze(v);
  }
  return v;
}
