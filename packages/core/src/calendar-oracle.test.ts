/**
 * Randomized check of the calendar arithmetic against a minute-by-minute oracle written here from
 * the rule itself: minute [t, t+1) counts iff its local wall-clock time at t (read from Intl) lies
 * in a range of the local date on which that range starts. Seeded: a failure prints the calendar and
 * the query, and re-running gives the same cases.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addBusinessMinutes, businessMinutesBetween, compileCalendar, type CalendarSpec } from './calendar.js';

const MIN = 60_000;
const DAY = 86_400_000;
const SEED = 20261122;
const CALENDARS_PER_WINDOW = 40;
const QUERIES = 3;

/** mulberry32 */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
    chance: (p: number) => next() < p,
  };
}
type Rng = ReturnType<typeof prng>;

/** Three weeks of minutes around a transition (or, for Shanghai, around National Day). */
const WINDOWS: Array<[string, string]> = [
  ['America/New_York', '2026-03-08T07:00:00Z'],
  ['America/New_York', '2026-11-01T06:00:00Z'],
  ['Europe/Berlin', '2026-03-29T01:00:00Z'],
  ['Europe/Berlin', '2026-10-25T01:00:00Z'],
  ['Australia/Sydney', '2026-04-04T16:00:00Z'],
  ['Australia/Sydney', '2026-10-03T16:00:00Z'],
  ['Pacific/Chatham', '2026-04-04T14:00:00Z'],
  ['Pacific/Chatham', '2026-09-26T14:00:00Z'],
  ['Asia/Shanghai', '2026-10-01T00:00:00Z'],
];

interface Window {
  zone: string;
  start: number;
  minutes: number;
  /** local date (days since 1970-01-01) and minute of the day of each real minute, from Intl */
  localDay: Int32Array;
  localMinute: Int16Array;
}

function localTimes(zone: string, transition: string): Window {
  const start = Math.floor(Date.parse(transition) / DAY) * DAY - 10 * DAY;
  const minutes = 21 * 1440;
  const fmt = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
  });
  const localDay = new Int32Array(minutes);
  const localMinute = new Int16Array(minutes);
  for (let i = 0; i < minutes; i++) {
    const p: Record<string, number> = {};
    for (const x of fmt.formatToParts(new Date(start + i * MIN))) p[x.type] = Number(x.value);
    localDay[i] = Date.UTC(p.year!, p.month! - 1, p.day!) / DAY;
    localMinute[i] = p.hour! * 60 + p.minute!;
  }
  return { zone, start, minutes, localDay, localMinute };
}

const WEEKDAY_KEYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
const parseHhmm = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3));
const dateOf = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);
/** Times near DST changes are favoured. */
const NOTABLE = [0, 60, 90, 120, 135, 150, 165, 180, 195, 225, 240, 480, 540, 1020, 1080, 1320, 1439];

function randomRanges(rng: Rng): [string, string][] {
  const out: [string, string][] = [];
  for (let n = rng.int(1, 3); n > 0; n--) {
    const start = rng.chance(0.5) ? rng.pick(NOTABLE) : rng.int(0, 1439);
    let end = rng.chance(0.15) ? 1440 : rng.chance(0.4) ? rng.pick(NOTABLE) : rng.int(0, 1439);
    if (end === start) end = (start + rng.int(1, 600)) % 1440 || 1440;
    out.push([hhmm(start), hhmm(end)]);
  }
  return out;
}

function randomCalendar(rng: Rng, w: Window): CalendarSpec {
  const weekly: CalendarSpec['weekly'] = {};
  for (const k of WEEKDAY_KEYS) if (rng.chance(0.75)) weekly[k] = randomRanges(rng);
  const firstDay = Math.floor(w.start / DAY);
  const days = new Set<number>();
  const randomDay = () => {
    for (;;) {
      const d = firstDay + rng.int(0, 21);
      if (!days.has(d)) return (days.add(d), d);
    }
  };
  const holidays = Array.from({ length: rng.int(0, 4) }, () => dateOf(randomDay()));
  const extraWorkdays = Array.from({ length: rng.int(0, 3) }, () => {
    const date = dateOf(randomDay());
    return weekly.mon?.length && rng.chance(0.5) ? { date } : { date, hours: randomRanges(rng) };
  });
  return { timeZone: w.zone, weekly, holidays, extraWorkdays };
}

/** The oracle: one flag per real minute of the window, by the literal rule. */
function businessMinutes(spec: CalendarSpec, w: Window): Uint8Array {
  const holidays = new Set(spec.holidays ?? []);
  const extra = new Map((spec.extraWorkdays ?? []).map((x) => [x.date, x.hours ?? spec.weekly.mon ?? []]));
  const memo = new Map<number, Array<[number, number]>>();
  const rangesStartingOn = (day: number): Array<[number, number]> => {
    let r = memo.get(day);
    if (!r) {
      const date = dateOf(day);
      const ranges = holidays.has(date) ? [] : (extra.get(date) ?? spec.weekly[WEEKDAY_KEYS[new Date(day * DAY).getUTCDay()]!] ?? []);
      r = ranges.map(([s, e]): [number, number] => [parseHhmm(s), parseHhmm(e)]);
      memo.set(day, r);
    }
    return r;
  };
  const flags = new Uint8Array(w.minutes);
  for (let i = 0; i < w.minutes; i++) {
    const day = w.localDay[i]!;
    const m = w.localMinute[i]!;
    const today = rangesStartingOn(day).some(([s, e]) => (s < e ? s <= m && m < e : m >= s));
    const fromYesterday = rangesStartingOn(day - 1).some(([s, e]) => e < s && m < e);
    flags[i] = today || fromYesterday ? 1 : 0;
  }
  return flags;
}

/** Oracle `add` in continuous time: the flags are whole minutes; `start` may carry seconds. */
function oracleAdd(flags: Uint8Array, w: Window, start: number, minutes: number): number | null {
  let remaining = minutes * MIN;
  if (remaining === 0) return start;
  for (let i = Math.floor((start - w.start) / MIN); i < w.minutes; i++) {
    if (!flags[i]) continue;
    const from = Math.max(start, w.start + i * MIN);
    const available = w.start + (i + 1) * MIN - from;
    if (available >= remaining) return from + remaining;
    remaining -= available;
  }
  return null; // beyond the window
}

function oracleBetween(flags: Uint8Array, w: Window, from: number, to: number): number {
  let ms = 0;
  for (let i = Math.max(0, Math.floor((from - w.start) / MIN)); i < w.minutes && w.start + i * MIN < to; i++) {
    if (!flags[i]) continue;
    const lo = Math.max(from, w.start + i * MIN);
    const hi = Math.min(to, w.start + (i + 1) * MIN);
    if (hi > lo) ms += hi - lo;
  }
  return Math.floor(ms / MIN);
}

/** Business minutes from `start` to the end of the n-th run of business minutes: `add` must stop at that end. */
function toEndOfRun(flags: Uint8Array, w: Window, start: number, n: number): number {
  let i = Math.floor((start - w.start) / MIN);
  for (; i < w.minutes && n > 0; i++) if (flags[i] && !flags[i + 1]) n--;
  return oracleBetween(flags, w, start, w.start + i * MIN);
}

describe('calendar arithmetic against a minute-by-minute oracle', () => {
  const rng = prng(SEED);
  let checked = 0;
  for (const [zone, transition] of WINDOWS) {
    it(`${zone} around ${transition.slice(0, 10)}: ${CALENDARS_PER_WINDOW} random calendars`, () => {
      const w = localTimes(zone, transition);
      // Queries stay in the middle so that nothing outside the window can matter.
      const lo = w.start + 2 * DAY;
      const hi = w.start + w.minutes * MIN - 2 * DAY;
      const instant = () => lo + rng.int(0, (hi - lo) / MIN) * MIN + (rng.chance(0.2) ? rng.int(1, 59_999) : 0);
      for (let c = 0; c < CALENDARS_PER_WINDOW; c++) {
        const spec = randomCalendar(rng, w);
        const cal = compileCalendar(spec);
        const flags = businessMinutes(spec, w);
        for (let q = 0; q < QUERIES; q++) {
          const start = instant();
          const minutes = rng.chance(0.05)
            ? 0
            : rng.chance(0.25)
              ? toEndOfRun(flags, w, start, rng.int(1, 6))
              : rng.chance(0.5)
                ? rng.int(1, 240)
                : rng.int(1, 6000);
          const expected = oracleAdd(flags, w, start, minutes);
          const ctx = () => `calendar ${JSON.stringify(spec)}, start ${new Date(start).toISOString()}, minutes ${minutes}`;
          if (expected !== null && expected <= hi) {
            const due = addBusinessMinutes(cal, new Date(start), minutes);
            assert.equal(due.toISOString(), new Date(expected).toISOString(), `add: ${ctx()}`);
            assert.equal(businessMinutesBetween(cal, new Date(start), due), minutes, `between(a, add(a, n)) = n: ${ctx()}`);
            checked++;
          }
          const from = instant();
          const to = rng.chance(0.1) ? instant() : Math.min(hi, from + rng.int(0, 14 * 1440) * MIN);
          assert.equal(
            businessMinutesBetween(cal, new Date(from), new Date(to)),
            oracleBetween(flags, w, from, to),
            `between: calendar ${JSON.stringify(spec)}, from ${new Date(from).toISOString()}, to ${new Date(to).toISOString()}`,
          );
          checked++;
        }
      }
    });
  }
  it('checked enough cases', (t) => {
    t.diagnostic(`${checked} comparisons`);
    assert.ok(checked >= 1500, `only ${checked} comparisons`);
  });
});
