import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { WEEKDAYS, type Calendar, type CalendarPreset, type TimeRange, type WeeklyHours, type Weekday } from '@kefu/contracts/calendars';
import type { SlaPolicy } from '@kefu/contracts/sla';
import { ApiError, api } from '../../app/api';
import { useRealtime } from '../../app/realtime';
import { useErrorText } from '../States';

// Server state and small pure helpers shared by the calendar and SLA policy admin screens.

export const WEEKDAY_KEYS: readonly Weekday[] = WEEKDAYS;

export function useCalendars() {
  return useQuery({ queryKey: ['calendars'], queryFn: () => api.get<{ items: Calendar[] }>('/calendars').then((r) => r.items) });
}

export function usePresets() {
  return useQuery({
    queryKey: ['calendar-presets'],
    queryFn: () => api.get<{ items: CalendarPreset[] }>('/calendars/presets').then((r) => r.items),
    staleTime: Infinity,
  });
}

export function usePolicies() {
  return useQuery({ queryKey: ['sla-policies'], queryFn: () => api.get<{ items: SlaPolicy[] }>('/sla/policies').then((r) => r.items) });
}

/** Another admin's change to calendars or policies reaches this screen without a reload. */
export function useSlaAdminLive(): void {
  const qc = useQueryClient();
  useRealtime((m) => {
    if (m.type !== 'event') return;
    if (m.event.kind.startsWith('calendar.')) void qc.invalidateQueries({ queryKey: ['calendars'] });
    if (m.event.kind.startsWith('sla.polic')) void qc.invalidateQueries({ queryKey: ['sla-policies'] });
  });
}

/** Server errors of these screens: their own codes first (calendars.errors / slaAdmin.errors), then the shared ones. */
export function useAdminErrorText(): (e: unknown) => string {
  const { t, i18n } = useTranslation();
  const shared = useErrorText();
  return (e: unknown) => {
    if (e instanceof ApiError) {
      for (const ns of ['calendars', 'slaAdmin']) {
        const key = `${ns}.errors.${e.code}`;
        if (i18n.exists(key)) return t(key);
      }
    }
    return shared(e);
  };
}

/** The preset's name in the UI language: CN and 24x7 are translated, countries named by Intl. */
export function presetLabel(p: Pick<CalendarPreset, 'id' | 'name' | 'kind'>, lang: string, t: (k: string) => string): string {
  if (p.kind === 'cn') return t('calendars.presetCN');
  if (p.kind === 'always') return t('calendars.preset24x7');
  try {
    return new Intl.DisplayNames([lang], { type: 'region' }).of(p.id) ?? p.name;
  } catch {
    return p.name;
  }
}

/** The preset a stored calendar came from (`source.preset`: "CN", "24x7" or a country code), named. */
export function sourcePresetLabel(preset: string, lang: string, t: (k: string) => string): string {
  const kind = preset.toUpperCase() === 'CN' ? 'cn' : preset.toLowerCase() === '24x7' ? 'always' : 'country';
  return presetLabel({ id: preset, name: preset, kind }, lang, t);
}

const TIME = /^(?:[01]\d|2[0-3]):[0-5]\d$/;

/** "HH:MM" as the calendar core accepts it; "24:00" only ends a range. */
export function isTime(v: string, asEnd: boolean): boolean {
  return TIME.test(v) || (asEnd && v === '24:00');
}

/** "9:5" → "09:05", "930" → "09:30"; anything else is left for the validation to flag. */
export function normalizeTime(v: string): string {
  const s = v.trim().replace('：', ':');
  const m = /^(\d{1,2}):?(\d{2})$/.exec(s) ?? /^(\d{1,2})$/.exec(s);
  if (!m) return s;
  const h = m[1]!.padStart(2, '0');
  const min = (m[2] ?? '00').padStart(2, '0');
  return `${h}:${min}`;
}

/** A range that runs past midnight into the next day: end before start ("22:00"–"06:00"). */
export function isOvernight([start, end]: TimeRange): boolean {
  return end !== '24:00' && isTime(start, false) && isTime(end, true) && end < start;
}

export function formatRanges(ranges: readonly TimeRange[] | undefined): string {
  return (ranges ?? []).map(([a, b]) => `${a}–${b}`).join(', ');
}

/** "Mon–Fri 09:00–18:00", consecutive days with the same hours folded together; closed days left out. */
export function summarizeWeekly(weekly: WeeklyHours, dayName: (d: Weekday) => string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < WEEKDAY_KEYS.length) {
    const day = WEEKDAY_KEYS[i]!;
    const hours = formatRanges(weekly[day]);
    let j = i;
    while (j + 1 < WEEKDAY_KEYS.length && formatRanges(weekly[WEEKDAY_KEYS[j + 1]!]) === hours) j++;
    if (hours) out.push(`${dayName(day)}${j > i ? `–${dayName(WEEKDAY_KEYS[j]!)}` : ''} ${hours}`);
    i = j + 1;
  }
  return out;
}

/** Minutes as people write them: 30 min, 2 h, 3 d (fractions kept to two decimals). */
export function splitMinutes(minutes: number): { amount: number; unit: TargetUnit } {
  if (minutes >= 1440 && minutes % 1440 === 0) return { amount: minutes / 1440, unit: 'days' };
  if (minutes >= 60 && minutes % 60 === 0) return { amount: minutes / 60, unit: 'hours' };
  return { amount: Math.round(minutes * 100) / 100, unit: 'minutes' };
}

export const TARGET_UNITS = ['minutes', 'hours', 'days'] as const;
export type TargetUnit = (typeof TARGET_UNITS)[number];
export const UNIT_MINUTES: Record<TargetUnit, number> = { minutes: 1, hours: 60, days: 1440 };
