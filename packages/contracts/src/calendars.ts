import { Type, type Static } from '@sinclair/typebox';
import { DateTime, Nullable, Text, Uuid, lit } from './common.js';

/**
 * Business calendars (issue 4): when a workspace is "open" for SLA clocks. The spec is the
 * CalendarSpec of @kefu/core/calendar; the server validates it with compileCalendar, so its
 * problems come back as 400 `invalid_calendar` with a precise message.
 */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** ["09:00", "18:00"]: a working range of one day, local time; "24:00" ends at midnight. */
export const TimeRange = Type.Tuple([Type.String(), Type.String()]);
export type TimeRange = Static<typeof TimeRange>;

export const WeeklyHours = Type.Object({
  mon: Type.Optional(Type.Array(TimeRange)),
  tue: Type.Optional(Type.Array(TimeRange)),
  wed: Type.Optional(Type.Array(TimeRange)),
  thu: Type.Optional(Type.Array(TimeRange)),
  fri: Type.Optional(Type.Array(TimeRange)),
  sat: Type.Optional(Type.Array(TimeRange)),
  sun: Type.Optional(Type.Array(TimeRange)),
});
export type WeeklyHours = Static<typeof WeeklyHours>;

/** A make-up working day (调休): a date that is worked, with Monday's hours unless it says otherwise. */
export const ExtraWorkday = Type.Object({ date: Type.String(), hours: Type.Optional(Type.Array(TimeRange)) });
export type ExtraWorkday = Static<typeof ExtraWorkday>;

export const CalendarSpec = Type.Object({
  timeZone: Type.String(),
  weekly: WeeklyHours,
  holidays: Type.Optional(Type.Array(Type.String())),
  extraWorkdays: Type.Optional(Type.Array(ExtraWorkday)),
});
export type CalendarSpec = Static<typeof CalendarSpec>;

/**
 * A spec in a request body: only "an object" to the schema validator, so that every problem with
 * it is reported the same way — by compileCalendar, as 400 `invalid_calendar`.
 */
const SpecInput = Type.Unsafe<CalendarSpec>({
  type: 'object',
  description: 'A CalendarSpec: {timeZone, weekly, holidays?, extraWorkdays?}; checked by compileCalendar (400 invalid_calendar)',
});

/** Where a calendar's dates came from: a preset and the package that supplied it, and iCal imports. */
export const CalendarSource = Type.Object({
  preset: Type.Optional(Type.String()),
  package: Type.Optional(Type.String()),
  years: Type.Optional(Type.Array(Type.Integer())),
  imports: Type.Optional(
    Type.Array(Type.Object({ at: DateTime, holidays: Type.Integer(), extraWorkdays: Type.Integer(), mode: Type.String() })),
  ),
});
export type CalendarSource = Static<typeof CalendarSource>;

export const Calendar = Type.Object({
  id: Uuid,
  name: Type.String(),
  description: Nullable(Type.String()),
  spec: CalendarSpec,
  source: CalendarSource,
  isDefault: Type.Boolean(),
  createdAt: DateTime,
  updatedAt: DateTime,
});
export type Calendar = Static<typeof Calendar>;

const CalendarName = Text(100, 1);
const Description = Nullable(Text(2000));

export const CreateCalendarRequest = Type.Object(
  { name: CalendarName, description: Type.Optional(Description), spec: SpecInput, isDefault: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);
export type CreateCalendarRequest = Static<typeof CreateCalendarRequest>;

export const UpdateCalendarRequest = Type.Object(
  {
    name: Type.Optional(CalendarName),
    description: Type.Optional(Description),
    spec: Type.Optional(SpecInput),
    isDefault: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type UpdateCalendarRequest = Static<typeof UpdateCalendarRequest>;

// Presets -------------------------------------------------------------------------------------

export const PresetKind = lit(['cn', 'country', 'always'] as const);
export type PresetKind = Static<typeof PresetKind>;

export const CalendarPreset = Type.Object({
  /** "CN", "24x7" or an ISO 3166 country code of date-holidays ("US", "JP", …). */
  id: Type.String(),
  name: Type.String(),
  kind: PresetKind,
  /** The zone a calendar from this preset gets unless the request names one; null: the workspace's. */
  timeZone: Nullable(Type.String()),
  weekly: WeeklyHours,
  /** The npm package and version the dates come from; null for 24x7. */
  package: Nullable(Type.String()),
  /** Years the package has dates for (chinese-days publishes each year's schedule once announced). */
  years: Nullable(Type.Object({ from: Type.Integer(), to: Type.Integer() })),
});
export type CalendarPreset = Static<typeof CalendarPreset>;

export const PresetParams = Type.Object({ preset: Type.String({ minLength: 1, maxLength: 16, pattern: '^[A-Za-z0-9]+$' }) });
export type PresetParams = Static<typeof PresetParams>;

/** "2026" or "2026,2027": up to 10 years between 2000 and 2100. Default: this year and next. */
const YearList = Type.String({ pattern: '^\\d{4}(,\\d{4}){0,9}$', description: 'Comma-separated years, e.g. 2026,2027' });
export const PresetPreviewQuery = Type.Object({ years: Type.Optional(YearList) });
export type PresetPreviewQuery = Static<typeof PresetPreviewQuery>;

const Year = Type.Integer({ minimum: 2000, maximum: 2100 });
export const FromPresetRequest = Type.Object(
  {
    preset: PresetParams.properties.preset,
    name: CalendarName,
    description: Type.Optional(Description),
    years: Type.Optional(Type.Array(Year, { minItems: 1, maxItems: 10, uniqueItems: true })),
    /** Replaces the preset's weekly hours (the whole week: a day left out is closed). */
    weekly: Type.Optional(WeeklyHours),
    timeZone: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    isDefault: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type FromPresetRequest = Static<typeof FromPresetRequest>;

export const DayNote = Type.Object({ date: Type.String(), name: Type.String(), kind: lit(['holiday', 'workday'] as const) });
export type DayNote = Static<typeof DayNote>;

export const PresetPreview = Type.Object({
  spec: CalendarSpec,
  source: CalendarSource,
  /** Every holiday and make-up working day with its name, for people to check. */
  days: Type.Array(DayNote),
  /** E.g. a requested year the package has no schedule for yet. */
  warnings: Type.Array(Type.String()),
});
export type PresetPreview = Static<typeof PresetPreview>;

export const FromPresetResponse = Type.Object({ calendar: Calendar, warnings: Type.Array(Type.String()) });
export type FromPresetResponse = Static<typeof FromPresetResponse>;

// iCalendar import -----------------------------------------------------------------------------

/** `auto`: events whose summary marks a working day (班, 补班, 上班, "workday") become make-up days; `holidays`: all are holidays. */
export const IcsImportMode = lit(['auto', 'holidays'] as const);
export type IcsImportMode = Static<typeof IcsImportMode>;

export const ImportIcsRequest = Type.Object(
  { ics: Type.String({ minLength: 1, maxLength: 2 * 1024 * 1024 }), mode: Type.Optional(IcsImportMode) },
  { additionalProperties: false },
);
export type ImportIcsRequest = Static<typeof ImportIcsRequest>;

export const ImportIcsQuery = Type.Object({ mode: Type.Optional(IcsImportMode) });
export type ImportIcsQuery = Static<typeof ImportIcsQuery>;

export const SkippedEvent = Type.Object({ summary: Type.String(), date: Nullable(Type.String()), reason: Type.String() });
export type SkippedEvent = Static<typeof SkippedEvent>;

export const ImportIcsResult = Type.Object({
  added: Type.Object({ holidays: Type.Integer(), extraWorkdays: Type.Integer() }),
  /** Dates the calendar had already. */
  unchanged: Type.Object({ holidays: Type.Integer(), extraWorkdays: Type.Integer() }),
  skipped: Type.Array(SkippedEvent),
  calendar: Calendar,
});
export type ImportIcsResult = Static<typeof ImportIcsResult>;
