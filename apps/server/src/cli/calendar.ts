/**
 * `kefu calendar add|between [--batch]`: business-calendar arithmetic from the command line, with
 * no database and no configuration. The line processor (`CalendarBatch`) and `runCalendarCli`
 * take their input and output as parameters, so tests call them without spawning. See
 * docs/calendars.md.
 */
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { addBusinessMinutes, businessMinutesBetween, CalendarError, compileCalendar, type BusinessCalendar } from '@kefu/core/calendar';

/** Bad input: shown as `error: <message>`. */
export class CalendarInputError extends Error {}

/** At most 100 years of minutes: beyond that a mistake is likelier than an SLA. */
export const MAX_MINUTES = 52_596_000;
const MAX_CACHED_CALENDARS = 1000;
const ISO = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?([Zz]|[+-]\d{2}(?::?\d{2})?)?$/;

/**
 * An ISO-8601 instant: `YYYY-MM-DDTHH:MM[:SS[.fff]]` followed by `Z` or an offset (`+08:00`,
 * `+0800`, `+08`). A local time without a zone is rejected: it would be ambiguous.
 */
export function parseInstant(value: unknown, name: string): Date {
  const m = typeof value === 'string' ? ISO.exec(value) : null;
  if (!m) throw new CalendarInputError(`${name}: ${JSON.stringify(value)} is not an ISO-8601 instant such as 2026-10-08T09:30:00+08:00`);
  if (!m[8]) throw new CalendarInputError(`${name} must be an ISO-8601 instant with Z or an offset`);
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map((x) => Number(x ?? 0)) as [number, number, number, number, number, number];
  const ms = Number((m[7] ?? '').padEnd(3, '0').slice(0, 3));
  const zone = m[8].toUpperCase() === 'Z' ? '+0000' : m[8].replace(':', '');
  const [oh, om] = [Number(zone.slice(1, 3)), Number(zone.slice(3) || 0)];
  const local = new Date(Date.UTC(y, mo - 1, d, h, mi, s, ms));
  local.setUTCFullYear(y); // Date.UTC maps years 0–99 to 1900–1999
  const valid = local.getUTCMonth() === mo - 1 && local.getUTCDate() === d && h <= 23 && mi <= 59 && s <= 59 && oh <= 23 && om <= 59;
  if (!valid) throw new CalendarInputError(`${name}: ${JSON.stringify(value)} is not a valid date and time`);
  return new Date(local.getTime() - (zone[0] === '-' ? -1 : 1) * (oh * 60 + om) * 60_000);
}

/** `2026-10-08T01:30:00Z`: UTC, no milliseconds (unless the instant has some). */
export function formatInstant(d: Date): string {
  return d.toISOString().replace('.000Z', 'Z');
}

/** A whole number of minutes: a JSON number in batch lines, digits on the command line. */
function parseMinutes(value: unknown, name: string): number {
  const n = name.startsWith('--') && typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > MAX_MINUTES) {
    throw new CalendarInputError(`${name} must be a whole number of minutes from 0 to ${MAX_MINUTES}`);
  }
  return n;
}

function errorLine(e: unknown): string {
  if (e instanceof CalendarInputError || e instanceof CalendarError || e instanceof RangeError) return `error: ${e.message}`;
  return `error: ${e instanceof Error ? e.message : String(e)}`;
}

/**
 * Answers JSON lines, one output line per input line, in order:
 * `{"calendar": {...}, "start": ISO, "minutes": N}` → the due instant;
 * `{"calendar": {...}, "from": ISO, "to": ISO}` → whole business minutes.
 * `calendar` may be left out when a default is given. A bad line — including a blank one — gives
 * `error: <reason>` in its place. Each distinct calendar is compiled once.
 */
export class CalendarBatch {
  private readonly calendars = new Map<string, BusinessCalendar | CalendarError>();

  constructor(private readonly defaultCalendar?: BusinessCalendar) {}

  line(text: string): string {
    try {
      return this.answer(text);
    } catch (e) {
      return errorLine(e);
    }
  }

  private answer(text: string): string {
    if (text.trim() === '') throw new CalendarInputError('empty line');
    let q: unknown;
    try {
      q = JSON.parse(text);
    } catch (e) {
      throw new CalendarInputError(`the line is not JSON (${(e as Error).message})`);
    }
    if (typeof q !== 'object' || q === null || Array.isArray(q)) throw new CalendarInputError('the line must be a JSON object');
    const line = q as Record<string, unknown>;
    for (const k of Object.keys(line)) {
      if (!['calendar', 'start', 'minutes', 'from', 'to'].includes(k)) {
        throw new CalendarInputError(`unknown field "${k}" (expected calendar, start, minutes, from, to)`);
      }
    }
    const isAdd = 'start' in line || 'minutes' in line;
    const isBetween = 'from' in line || 'to' in line;
    if (isAdd === isBetween) throw new CalendarInputError('give either "start" and "minutes" (add) or "from" and "to" (between)');
    const cal = this.calendarOf(line.calendar);
    if (isAdd) {
      const start = parseInstant(line.start, 'start');
      return formatInstant(addBusinessMinutes(cal, start, parseMinutes(line.minutes, 'minutes')));
    }
    return String(businessMinutesBetween(cal, parseInstant(line.from, 'from'), parseInstant(line.to, 'to')));
  }

  private calendarOf(spec: unknown): BusinessCalendar {
    if (spec === undefined) {
      if (this.defaultCalendar) return this.defaultCalendar;
      throw new CalendarInputError('no calendar: give "calendar" on the line or --calendar FILE');
    }
    const key = JSON.stringify(spec);
    let cal = this.calendars.get(key);
    if (!cal) {
      try {
        cal = compileCalendar(spec);
      } catch (e) {
        if (!(e instanceof CalendarError)) throw e;
        cal = new CalendarError(`invalid calendar: ${e.message}`);
      }
      if (this.calendars.size >= MAX_CACHED_CALENDARS) this.calendars.clear();
      this.calendars.set(key, cal);
    }
    if (cal instanceof CalendarError) throw cal;
    return cal;
  }
}

/** The output lines for the input lines (the batch mode without streams). */
export function answerCalendarLines(lines: Iterable<string>, defaultCalendar?: BusinessCalendar): string[] {
  const batch = new CalendarBatch(defaultCalendar);
  return Array.from(lines, (l) => batch.line(l));
}

export interface CalendarCliOptions {
  batch?: boolean;
  calendar?: string;
  start?: string;
  minutes?: string;
  from?: string;
  to?: string;
}

export interface CalendarCliIo {
  readFile(path: string): string;
  /** stdin, line by line */
  lines(): AsyncIterable<string>;
  out(line: string): void;
  err(line: string): void;
}

const processIo: CalendarCliIo = {
  readFile: (path) => readFileSync(path, 'utf8'),
  lines: () => createInterface({ input: process.stdin, crlfDelay: Infinity }),
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

function loadCalendar(io: CalendarCliIo, path: string): BusinessCalendar {
  let text: string;
  try {
    text = io.readFile(path);
  } catch (e) {
    throw new CalendarInputError(`cannot read calendar file ${path}: ${(e as Error).message}`);
  }
  let spec: unknown;
  try {
    spec = JSON.parse(text);
  } catch (e) {
    throw new CalendarInputError(`calendar file ${path} is not JSON (${(e as Error).message})`);
  }
  try {
    return compileCalendar(spec);
  } catch (e) {
    if (e instanceof CalendarError) throw new CalendarInputError(`calendar file ${path}: ${e.message}`);
    throw e;
  }
}

/**
 * `kefu calendar add|between` (one answer, or with `batch` JSON lines from stdin). Returns the exit
 * code: 2 for bad input in single mode; 0 in batch mode even when lines fail (they say so).
 */
export async function runCalendarCli(command: 'add' | 'between' | undefined, o: CalendarCliOptions, io = processIo): Promise<number> {
  try {
    if (o.batch) {
      const given = (['start', 'minutes', 'from', 'to'] as const).filter((k) => o[k] !== undefined);
      if (given.length) throw new CalendarInputError(`--batch reads its queries from stdin: drop ${given.map((k) => `--${k}`).join(', ')}`);
      const batch = new CalendarBatch(o.calendar === undefined ? undefined : loadCalendar(io, o.calendar));
      for await (const line of io.lines()) io.out(batch.line(line));
      return 0;
    }
    const needed = command === 'add' ? (['calendar', 'start', 'minutes'] as const) : (['calendar', 'from', 'to'] as const);
    const missing = needed.filter((k) => o[k] === undefined);
    if (command === undefined || missing.length) {
      throw new CalendarInputError(
        `kefu calendar ${command ?? 'add|between'} needs ${missing.map((k) => `--${k}`).join(', ')} (or --batch)`,
      );
    }
    const cal = loadCalendar(io, o.calendar!);
    io.out(
      command === 'add'
        ? formatInstant(addBusinessMinutes(cal, parseInstant(o.start, '--start'), parseMinutes(o.minutes, '--minutes')))
        : String(businessMinutesBetween(cal, parseInstant(o.from, '--from'), parseInstant(o.to, '--to'))),
    );
    return 0;
  } catch (e) {
    if (!(e instanceof CalendarInputError || e instanceof CalendarError || e instanceof RangeError)) throw e;
    io.err(errorLine(e));
    return 2;
  }
}
