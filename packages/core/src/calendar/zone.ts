/**
 * UTC offsets of an IANA time zone, from `Intl.DateTimeFormat` (no tz database of our own).
 *
 * `offset` is in milliseconds: local wall-clock time = real instant + offset. Offsets are read per
 * UTC day and cached per zone: the offset at each UTC midnight is read once and, where two
 * consecutive midnights differ, the change is found by bisection to the second (several changes in
 * one day are found one after the other). The assumption is that a zone never changes its offset
 * and changes it back within the same UTC day — true of the tz database: DST changes are months
 * apart.
 */

export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;
/** No zone's offset (including historical local mean time) lies outside ±16 h. */
export const MAX_OFFSET = 16 * HOUR;
const MAX_CACHED_DAYS = 50_000;

/** A stretch of real time `[start, end)` with one UTC offset. */
export interface OffsetSegment {
  start: number;
  end: number;
  offset: number;
}

/** Offsets of one UTC day: `offsets[0]` from the day's start, `offsets[i + 1]` from `changes[i]`. */
interface DayOffsets {
  offsets: number[];
  changes: number[];
}

const DIGITS = /(\d+)\D+(\d+)\D+(\d+)\D+(\d+)\D+(\d+)\D+(\d+)/;

export class Zone {
  private readonly format: Intl.DateTimeFormat;
  private readonly days = new Map<number, DayOffsets>();
  private readonly midnights = new Map<number, number>();

  constructor(readonly name: string) {
    // Throws RangeError for a time zone ICU does not know.
    this.format = new Intl.DateTimeFormat('en-US', {
      timeZone: name,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
  }

  /** The offset in force at real instant `t` (ms), read from Intl. */
  offsetAt(t: number): number {
    const whole = Math.floor(t / 1000) * 1000;
    const d = new Date(whole);
    // format() is about 3× faster than formatToParts(); en-US gives "MM/DD/YYYY, HH:MM:SS".
    const m = DIGITS.exec(this.format.format(d));
    if (m) {
      const local = Date.UTC(+m[3]!, +m[1]! - 1, +m[2]!, +m[4]!, +m[5]!, +m[6]!);
      // Date.UTC maps years 0–99 to 1900–1999; the instants we accept are far from those.
      if (Number.isFinite(local)) return local - whole;
    }
    const parts: Record<string, number> = {};
    for (const p of this.format.formatToParts(d)) parts[p.type] = Number(p.value);
    return Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!) - whole;
  }

  /** Constant-offset segments covering the real interval `[from, to)`, in order. */
  segments(from: number, to: number): OffsetSegment[] {
    const out: OffsetSegment[] = [];
    for (let k = Math.floor(from / DAY); k * DAY < to; k++) {
      const day = this.day(k);
      for (let i = 0; i < day.offsets.length; i++) {
        const start = Math.max(from, i === 0 ? k * DAY : day.changes[i - 1]!);
        const end = Math.min(to, i < day.changes.length ? day.changes[i]! : (k + 1) * DAY);
        if (start >= end) continue;
        const offset = day.offsets[i]!;
        const last = out[out.length - 1];
        if (last && last.offset === offset && last.end === start) last.end = end;
        else out.push({ start, end, offset });
      }
    }
    return out;
  }

  private day(k: number): DayOffsets {
    let day = this.days.get(k);
    if (day) return day;
    let t0 = k * DAY;
    let o0 = this.midnight(k);
    const end = (k + 1) * DAY;
    const o1 = this.midnight(k + 1);
    day = { offsets: [o0], changes: [] };
    // Possibly several changes in the day: find the first, then continue from it.
    while (o0 !== o1) {
      const at = this.firstChange(t0, o0, end);
      if (at >= end) break; // the change is exactly at midnight: tomorrow's first offset
      day.changes.push(at);
      day.offsets.push((o0 = this.offsetAt(at)));
      t0 = at;
    }
    if (this.days.size >= MAX_CACHED_DAYS) this.days.clear();
    this.days.set(k, day);
    return day;
  }

  /** The offset at the start of UTC day k (cached: each midnight ends one day and starts the next). */
  private midnight(k: number): number {
    let o = this.midnights.get(k);
    if (o === undefined) {
      o = this.offsetAt(k * DAY);
      if (this.midnights.size >= MAX_CACHED_DAYS) this.midnights.clear();
      this.midnights.set(k, o);
    }
    return o;
  }

  /** The first whole second in (lo, hi] whose offset differs from `offsetAtLo` (which holds at lo). */
  private firstChange(lo: number, offsetAtLo: number, hi: number): number {
    while (hi - lo > 1000) {
      const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
      if (this.offsetAt(mid) === offsetAtLo) lo = mid;
      else hi = mid;
    }
    return hi;
  }
}

const zones = new Map<string, Zone>();

/** The (shared, cached) offsets of a time zone; throws RangeError for an unknown zone. */
export function zoneOf(name: string): Zone {
  let z = zones.get(name);
  if (!z) {
    z = new Zone(name);
    zones.set(name, z);
  }
  return z;
}
