/**
 * Business time as a set of real-time intervals, computed one local date and one UTC day at a time
 * and cached per calendar. The rules are documented in ../calendar.ts.
 */
import { CalendarError, type CompiledSpec, type MinuteRange } from './spec.js';
import { DAY, MAX_OFFSET, MINUTE, zoneOf, type Zone } from './zone.js';

/** A real interval `[start, end)` in epoch milliseconds. */
export type Interval = [number, number];

interface UtcDay {
  /** business intervals inside the UTC day, sorted and disjoint */
  intervals: Interval[];
  /** their total length in ms */
  total: number;
}

/** `add` and `nextBusinessInstant` give up after this many years without any business time. */
export const SCAN_YEARS = 5;
const SCAN_DAYS = SCAN_YEARS * 366;
const MAX_CACHED = 20_000;
const NO_DAY: UtcDay = { intervals: [], total: 0 };
/** UTC day number of 9999-12-31: the end of the supported range. */
const LAST_DAY = Date.UTC(9999, 11, 31) / DAY;

const byStart = (a: Interval, b: Interval) => a[0] - b[0];

/** Sorts and merges overlapping or touching intervals (in place for the sort). */
function merge(list: Interval[]): Interval[] {
  for (let i = 1; i < list.length; i++) {
    if (list[i]![0] < list[i - 1]![0]) {
      list.sort(byStart); // usually already in order
      break;
    }
  }
  const out: Interval[] = [];
  for (const iv of list) {
    const last = out[out.length - 1];
    if (last && iv[0] <= last[1]) last[1] = Math.max(last[1], iv[1]);
    else out.push([iv[0], iv[1]]);
  }
  return out;
}

/** Whether the ranges of one date cover the whole of that date (the overnight part aside). */
function coversWholeDay(ranges: readonly MinuteRange[]): boolean {
  const own = merge(ranges.map((r): Interval => [r.start, r.end > r.start ? r.end : 1440]));
  return own.length === 1 && own[0]![0] === 0 && own[0]![1] === 1440;
}

export class BusinessTime {
  /** Every instant is business time (e.g. 24×7): the arithmetic is plain subtraction. */
  readonly always: boolean;
  /** No business time in or after this UTC day number (±Infinity when unbounded / empty). */
  private readonly lastDay: number;
  private readonly zone: Zone;
  private readonly byLocalDate = new Map<number, Interval[]>();
  private readonly byUtcDay = new Map<number, UtcDay>();

  constructor(private readonly c: CompiledSpec) {
    this.zone = zoneOf(c.timeZone);
    this.always = c.holidays.size === 0 && c.weekly.every(coversWholeDay) && [...c.extraWorkdays.values()].every(coversWholeDay);
    const extraDays = [...c.extraWorkdays.keys()];
    // A range starting on local date L ends on L + 1 at the latest, which is at most UTC day L + 2
    // (+3: a day of margin). Without weekly ranges nothing is open after the last extra workday.
    this.lastDay = c.weekly.some((r) => r.length > 0) ? Infinity : extraDays.length ? Math.max(...extraDays) + 3 : -Infinity;
  }

  /** The ranges that start on local date `day` (days since 1970-01-01). */
  rangesStartingOn(day: number): readonly MinuteRange[] {
    if (this.c.holidays.has(day)) return [];
    return this.c.extraWorkdays.get(day) ?? this.c.weekly[(((day + 4) % 7) + 7) % 7]!;
  }

  /**
   * The real intervals of the ranges that start on local date `day`: for each wall-clock range
   * [A, B), every real instant whose local time lies in it — the preimage of [A, B) under
   * "real → local", taken piece by piece over constant-offset segments. A local time that does not
   * exist (a DST gap) has no preimage; a repeated one (a fold) has two.
   */
  private startingOn(day: number): Interval[] {
    let out = this.byLocalDate.get(day);
    if (out) return out;
    const ranges = this.rangesStartingOn(day);
    out = [];
    if (ranges.length > 0) {
      const base = day * DAY;
      const local = merge(ranges.map((r): Interval => [base + r.start * MINUTE, (r.end > r.start ? base : base + DAY) + r.end * MINUTE]));
      const segments = this.zone.segments(local[0]![0] - MAX_OFFSET, local[local.length - 1]![1] + MAX_OFFSET);
      for (const [a, b] of local) {
        for (const s of segments) {
          const lo = Math.max(a - s.offset, s.start);
          const hi = Math.min(b - s.offset, s.end);
          if (lo < hi) out.push([lo, hi]);
        }
      }
      out = merge(out);
    }
    if (this.byLocalDate.size >= MAX_CACHED) this.byLocalDate.clear();
    this.byLocalDate.set(day, out);
    return out;
  }

  /** Business time inside UTC day `k` ([k·DAY, (k+1)·DAY)). */
  private utcDay(k: number): UtcDay {
    let d = this.byUtcDay.get(k);
    if (d) return d;
    const w0 = k * DAY;
    const w1 = w0 + DAY;
    const parts: Interval[] = [];
    // Real instants of this UTC day have local times on dates k-1..k+1 (offsets stay within ±16 h);
    // ranges reaching those dates start on k-2..k+1.
    for (let day = k - 2; day <= k + 1; day++) {
      for (const [s, e] of this.startingOn(day)) {
        const lo = Math.max(s, w0);
        const hi = Math.min(e, w1);
        if (lo < hi) parts.push([lo, hi]);
      }
    }
    if (parts.length === 0) d = NO_DAY;
    else {
      const intervals = merge(parts);
      d = { intervals, total: intervals.reduce((sum, [s, e]) => sum + (e - s), 0) };
    }
    if (this.byUtcDay.size >= MAX_CACHED) this.byUtcDay.clear();
    this.byUtcDay.set(k, d);
    return d;
  }

  /** Throws once the scan from `from` has gone too far without finding business time. */
  private guard(k: number, lastBusy: number, from: number): void {
    if (k > this.lastDay) {
      throw new CalendarError(
        this.lastDay === -Infinity
          ? 'calendar has no business time at all (no weekly ranges and no extra workdays)'
          : `calendar has no business time after ${new Date((this.lastDay - 3) * DAY).toISOString().slice(0, 10)} (no weekly ranges; that is its last extra workday)`,
      );
    }
    if (k - lastBusy > SCAN_DAYS) {
      const since = new Date(Math.max(from, lastBusy * DAY)).toISOString();
      throw new CalendarError(`calendar has no business time within ${SCAN_YEARS} years after ${since}`);
    }
    if (k > LAST_DAY) throw new RangeError('the result would be after 9999-12-31');
  }

  /** The instant at which `ms` milliseconds of business time starting at `start` have elapsed. */
  add(start: number, ms: number): number {
    if (ms === 0 || this.always) return start + ms;
    let remaining = ms;
    let lastBusy = Math.floor(start / DAY);
    for (let k = lastBusy; ; k++) {
      this.guard(k, lastBusy, start);
      const day = this.utcDay(k);
      if (day.total === 0) continue;
      lastBusy = k;
      if (start <= k * DAY && day.total < remaining) {
        remaining -= day.total; // the whole UTC day is consumed: no need to look at its intervals
        continue;
      }
      for (const [s, e] of day.intervals) {
        if (e <= start) continue;
        const a = Math.max(s, start);
        if (e - a >= remaining) return a + remaining;
        remaining -= e - a;
      }
    }
  }

  /** Milliseconds of business time in [from, to). */
  measure(from: number, to: number): number {
    if (to <= from) return 0;
    if (this.always) return to - from;
    let total = 0;
    const last = Math.min(Math.floor((to - 1) / DAY), this.lastDay);
    for (let k = Math.floor(from / DAY); k <= last; k++) {
      const day = this.utcDay(k);
      if (day.total === 0) continue;
      if (from <= k * DAY && (k + 1) * DAY <= to) {
        total += day.total;
        continue;
      }
      for (const [s, e] of day.intervals) {
        const lo = Math.max(s, from);
        const hi = Math.min(e, to);
        if (lo < hi) total += hi - lo;
      }
    }
    return total;
  }

  /** The first instant at or after `at` that is business time. */
  next(at: number): number {
    if (this.always) return at;
    const first = Math.floor(at / DAY);
    for (let k = first; ; k++) {
      this.guard(k, first, at);
      for (const [s, e] of this.utcDay(k).intervals) if (e > at) return Math.max(s, at);
    }
  }

  /** Whether the instant `at` is business time. */
  contains(at: number): boolean {
    if (this.always) return true;
    return this.utcDay(Math.floor(at / DAY)).intervals.some(([s, e]) => s <= at && at < e);
  }

  /** The business intervals inside [from, to), clipped to it. */
  intervals(from: number, to: number): Interval[] {
    if (to <= from) return [];
    if (this.always) return [[from, to]];
    const out: Interval[] = [];
    const last = Math.min(Math.floor((to - 1) / DAY), this.lastDay);
    for (let k = Math.floor(from / DAY); k <= last; k++) {
      for (const [s, e] of this.utcDay(k).intervals) {
        const lo = Math.max(s, from);
        const hi = Math.min(e, to);
        if (lo >= hi) continue;
        const prev = out[out.length - 1];
        if (prev && prev[1] === lo) prev[1] = hi;
        else out.push([lo, hi]);
      }
    }
    return out;
  }
}
