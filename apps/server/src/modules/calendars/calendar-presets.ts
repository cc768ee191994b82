import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { CalendarPreset, CalendarSource, CalendarSpec, DayNote, WeeklyHours } from '@kefu/contracts/calendars';
import chineseDays from 'chinese-days';
import Holidays from 'date-holidays';
import { AppError } from '../../engine/errors.js';

/**
 * Calendar presets built from data packages: `CN` (holidays and 调休 make-up working days from
 * chinese-days), one per country of date-holidays (public holidays only) and `24x7`. Building one
 * reads no database: the routes preview it, the use cases store it.
 */

export interface PresetBuild {
  spec: CalendarSpec;
  source: CalendarSource;
  days: DayNote[];
  warnings: string[];
}

export interface PresetOptions {
  years: number[];
  /** Replaces the preset's weekly hours. */
  weekly?: WeeklyHours | undefined;
  /** Replaces the preset's time zone. */
  timeZone?: string | undefined;
  /** The zone of presets that have none of their own (24x7): the workspace's. */
  fallbackTimeZone: string;
}

const require = createRequire(import.meta.url);

/** The installed version of a package, read from its package.json (so `source` names what was really used). */
function packageVersion(name: string): string {
  let dir = dirname(require.resolve(name));
  for (let i = 0; i < 6; i++) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === name && pkg.version) return pkg.version;
    } catch {
      // no package.json at this level: keep walking up
    }
    dir = dirname(dir);
  }
  return 'unknown';
}

const range = (from: string, to: string): [string, string] => [from, to];
const days = (hours: Array<[string, string]>, open: readonly string[]): WeeklyHours =>
  Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, open.includes(d) ? hours : []]));
const MON_FRI = ['mon', 'tue', 'wed', 'thu', 'fri'];
/** Countries whose working week is not Monday–Friday (date-holidays has no reliable field for it). */
const WORK_WEEK: Record<string, string[]> = {
  ...Object.fromEntries(
    ['BD', 'BH', 'DZ', 'EG', 'IL', 'IQ', 'JO', 'KW', 'LY', 'OM', 'QA', 'SA', 'SD', 'SY', 'YE'].map((c) => [
      c,
      ['sun', ...MON_FRI.slice(0, 4)],
    ]),
  ),
  IR: ['sat', 'sun', 'mon', 'tue', 'wed'],
};
/** Monday to Friday, one range a day. */
export const weekdayHours = (from: string, to: string): WeeklyHours => days([range(from, to)], MON_FRI);
const ALWAYS: WeeklyHours = days([range('00:00', '24:00')], ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);

/** A date's weekday, 0 = Sunday (the date is a calendar date, so UTC arithmetic is exact). */
const weekdayOf = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();
const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

// China mainland: chinese-days ---------------------------------------------------------------

const CN_PACKAGE = `chinese-days@${packageVersion('chinese-days')}`;
let cnYears: { from: number; to: number } | null = null;

/** The years chinese-days has a State Council schedule for (it is updated as each year's is announced). */
function chineseDaysYears(): { from: number; to: number } {
  if (!cnYears) {
    const years: number[] = [];
    for (let y = 2000; y <= 2100; y++) if (chineseDays.getHolidaysInRange(`${y}-01-01`, `${y}-12-31`, false).length > 0) years.push(y);
    cnYears = { from: years[0] ?? 0, to: years[years.length - 1] ?? 0 };
  }
  return cnYears;
}

/** "National Day,国庆节,3" → "国庆节 National Day". */
function cnName(raw: string): string {
  const [en, zh] = raw.split(',');
  return zh && en ? `${zh} ${en}` : raw;
}

function buildChina(years: number[]): Omit<PresetBuild, 'spec'> & { holidays: string[]; extraWorkdays: string[] } {
  const { from, to } = chineseDaysYears();
  const used = years.filter((y) => y >= from && y <= to);
  const missing = years.filter((y) => y < from || y > to);
  const holidays: string[] = [];
  const extraWorkdays: string[] = [];
  const notes: DayNote[] = [];
  for (const y of used) {
    for (const d of chineseDays.getHolidaysInRange(`${y}-01-01`, `${y}-12-31`, false)) {
      holidays.push(d);
      notes.push({ date: d, name: cnName(chineseDays.getDayDetail(d).name), kind: 'holiday' });
    }
    // A make-up working day (调休上班) is a Saturday or Sunday that is a working day.
    for (const d of chineseDays.getWorkdaysInRange(`${y}-01-01`, `${y}-12-31`, true)) {
      if (weekdayOf(d) !== 0 && weekdayOf(d) !== 6) continue;
      extraWorkdays.push(d);
      notes.push({ date: d, name: `${cnName(chineseDays.getDayDetail(d).name)} 调休上班`, kind: 'workday' });
    }
  }
  const warnings = missing.map(
    (y) =>
      `${CN_PACKAGE} has no holiday schedule for ${y} (it covers ${from}–${to}); the State Council announces each year's around November — update the package, then rebuild the calendar.`,
  );
  return { holidays, extraWorkdays, days: notes, warnings, source: { preset: 'CN', package: CN_PACKAGE, years: used } };
}

// Other countries: date-holidays --------------------------------------------------------------

const DH_PACKAGE = `date-holidays@${packageVersion('date-holidays')}`;

function countryPreset(code: string, name: string): CalendarPreset {
  const timeZone = new Holidays(code).getTimezones()[0] ?? 'UTC';
  const hours = timeZone.startsWith('Asia/') ? range('09:00', '18:00') : range('09:00', '17:00');
  return {
    id: code,
    name,
    kind: 'country',
    timeZone,
    weekly: days([hours], WORK_WEEK[code] ?? MON_FRI),
    package: DH_PACKAGE,
    years: { from: 2000, to: 2100 },
  };
}

function buildCountry(code: string, years: number[]): Omit<PresetBuild, 'spec'> & { holidays: string[] } {
  const hd = new Holidays(code, { types: ['public'] });
  const names = new Map<string, string[]>();
  for (const y of years) {
    for (const h of hd.getHolidays(y, 'en')) {
      if (h.type !== 'public') continue;
      // Most holidays are one day; some (Eid, Lunar New Year in some countries) last several.
      const length = Math.max(1, Math.round((h.end.getTime() - h.start.getTime()) / 86_400_000));
      for (let i = 0; i < length; i++) {
        const date = addDays(h.date.slice(0, 10), i);
        if (!date.startsWith(String(y))) continue;
        names.set(date, [...(names.get(date) ?? []), h.name]);
      }
    }
  }
  const holidays = [...names.keys()].sort();
  return {
    holidays,
    days: holidays.map((date) => ({ date, name: [...new Set(names.get(date))].join(' / '), kind: 'holiday' as const })),
    warnings: [],
    source: { preset: code, package: DH_PACKAGE, years },
  };
}

// The list --------------------------------------------------------------------------------------

let presets: CalendarPreset[] | null = null;

/** Every preset: CN, 24x7, then the countries of date-holidays by name (generated from the package). */
export function listPresets(): CalendarPreset[] {
  if (!presets) {
    const countries = Object.entries(new Holidays().getCountries('en'))
      .filter(([code]) => code !== 'CN') // the CN preset (with 调休 days) replaces date-holidays' China
      .map(([code, name]) => countryPreset(code, name))
      .sort((a, b) => a.name.localeCompare(b.name, 'en'));
    presets = [
      {
        id: 'CN',
        name: 'China mainland',
        kind: 'cn',
        timeZone: 'Asia/Shanghai',
        weekly: days([range('09:00', '18:00')], MON_FRI),
        package: CN_PACKAGE,
        years: chineseDaysYears(),
      },
      { id: '24x7', name: 'Always open (24×7)', kind: 'always', timeZone: null, weekly: ALWAYS, package: null, years: null },
      ...countries,
    ];
  }
  return presets;
}

/** The preset of an id, case-insensitively ("us" is US); null when there is none. */
export function findPreset(id: string): CalendarPreset | null {
  const want = id.toUpperCase();
  return listPresets().find((p) => p.id.toUpperCase() === want) ?? null;
}

export function findPresetOrThrow(id: string): CalendarPreset {
  const p = findPreset(id);
  if (!p) throw new AppError('preset_not_found', 404, `There is no calendar preset "${id}"; GET /api/v1/calendars/presets lists them`);
  return p;
}

/** The spec a preset gives for these years, with every dated day named and any warnings. */
export function buildPreset(preset: CalendarPreset, opts: PresetOptions): PresetBuild {
  const years = [...new Set(opts.years)].sort((a, b) => a - b);
  const timeZone = opts.timeZone ?? preset.timeZone ?? opts.fallbackTimeZone;
  const weekly = opts.weekly ?? preset.weekly;
  if (preset.kind === 'always') {
    return { spec: { timeZone, weekly, holidays: [], extraWorkdays: [] }, source: { preset: preset.id }, days: [], warnings: [] };
  }
  if (preset.kind === 'cn') {
    const { holidays, extraWorkdays, ...rest } = buildChina(years);
    return { spec: { timeZone, weekly, holidays, extraWorkdays: extraWorkdays.map((date) => ({ date })) }, ...rest };
  }
  const { holidays, ...rest } = buildCountry(preset.id, years);
  return { spec: { timeZone, weekly, holidays, extraWorkdays: [] }, ...rest };
}

/** "2026,2027" → [2026, 2027]; each between 2000 and 2100. */
export function parseYears(list: string | undefined, now: Date): number[] {
  if (!list) return [now.getUTCFullYear(), now.getUTCFullYear() + 1];
  const years = [...new Set(list.split(',').map(Number))];
  const bad = years.find((y) => !Number.isInteger(y) || y < 2000 || y > 2100);
  if (bad !== undefined) throw new AppError('invalid_years', 400, `Years must be between 2000 and 2100 (got ${bad})`);
  return years;
}
