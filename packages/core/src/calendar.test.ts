import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  addBusinessMinutes,
  businessIntervals,
  businessMinutesBetween,
  CalendarError,
  compileCalendar,
  isBusinessMinute,
  nextBusinessInstant,
  TWENTY_FOUR_SEVEN,
  type BusinessCalendar,
  type CalendarSpec,
} from './calendar.js';

// 2026 transitions (checked against Intl):
//   America/New_York  Mar 8 02:00→03:00 (07:00Z)        Nov 1 02:00→01:00 (06:00Z)
//   Europe/Berlin     Mar 29 02:00→03:00 (01:00Z)       Oct 25 03:00→02:00 (01:00Z)
//   Australia/Sydney  Apr 5 03:00→02:00 (Apr 4 16:00Z)  Oct 4 02:00→03:00 (Oct 3 16:00Z)
//   Pacific/Chatham   Apr 5 03:45→02:45 (Apr 4 14:00Z)  Sep 27 02:45→03:45 (Sep 26 14:00Z)
//   Asia/Shanghai     none (UTC+8)

type Ranges = [string, string][];
const weekdays = (ranges: Ranges): CalendarSpec['weekly'] => ({ mon: ranges, tue: ranges, wed: ranges, thu: ranges, fri: ranges });
const everyDay = (ranges: Ranges): CalendarSpec['weekly'] => ({ ...weekdays(ranges), sat: ranges, sun: ranges });
const dates = (from: string, to: string): string[] => {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00Z`); t <= Date.parse(`${to}T00:00Z`); t += 86_400_000)
    out.push(new Date(t).toISOString().slice(0, 10));
  return out;
};

const OFFICE: Ranges = [
  ['09:00', '12:00'],
  ['13:00', '18:00'],
];
/** Mainland China 2026 (国务院办公厅, gov.cn content_7047091): holidays and make-up workdays (调休). */
const CHINA_2026 = {
  holidays: [
    ...dates('2026-01-01', '2026-01-03'),
    ...dates('2026-02-15', '2026-02-23'),
    ...dates('2026-04-04', '2026-04-06'),
    ...dates('2026-05-01', '2026-05-05'),
    ...dates('2026-06-19', '2026-06-21'),
    ...dates('2026-09-25', '2026-09-27'),
    ...dates('2026-10-01', '2026-10-07'),
  ],
  makeUpDays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
};
const specs = {
  shanghai: {
    timeZone: 'Asia/Shanghai',
    weekly: weekdays(OFFICE),
    holidays: CHINA_2026.holidays,
    extraWorkdays: CHINA_2026.makeUpDays.map((date) => ({ date })),
  },
  shanghaiShortSaturday: {
    timeZone: 'Asia/Shanghai',
    weekly: weekdays(OFFICE),
    holidays: dates('2026-10-01', '2026-10-07'),
    extraWorkdays: [{ date: '2026-09-20' }, { date: '2026-10-10', hours: [['10:00', '16:00']] }],
  },
  nightShiftShanghai: { timeZone: 'Asia/Shanghai', weekly: everyDay([['22:00', '06:00']]), holidays: ['2026-10-01'] },
  fridayNight: { timeZone: 'Asia/Shanghai', weekly: { fri: [['22:00', '06:00']] } },
  midnightJoin: { timeZone: 'Asia/Shanghai', weekly: { mon: [['18:00', '24:00']], tue: [['00:00', '02:00']] } },
  newYork: { timeZone: 'America/New_York', weekly: weekdays([['09:00', '17:00']]) },
  newYorkSunday: { timeZone: 'America/New_York', weekly: { sun: [['01:00', '03:00']] } },
  newYorkNight: { timeZone: 'America/New_York', weekly: { sat: [['22:00', '06:00']] } },
  berlin: { timeZone: 'Europe/Berlin', weekly: weekdays([['09:00', '17:00']]) },
  berlinNight: { timeZone: 'Europe/Berlin', weekly: { sat: [['22:00', '06:00']] } },
  sydney: { timeZone: 'Australia/Sydney', weekly: weekdays([['09:00', '17:00']]) },
  sydneyEaster: { timeZone: 'Australia/Sydney', weekly: weekdays([['09:00', '17:00']]), holidays: ['2026-04-03', '2026-04-06'] },
  chatham: { timeZone: 'Pacific/Chatham', weekly: weekdays([['08:30', '17:00']]) },
} satisfies Record<string, CalendarSpec>;
const cal = Object.fromEntries(Object.entries(specs).map(([k, s]) => [k, compileCalendar(s)])) as Record<
  keyof typeof specs,
  BusinessCalendar
>;
const iso = (d: Date) => d.toISOString().replace('.000Z', 'Z');
const at = (s: string) => new Date(s);

describe('addBusinessMinutes', () => {
  const cases: Array<[string, BusinessCalendar, string, number, string]> = [
    // zero, edges, inside and outside hours
    ['0 minutes outside hours is the start itself', cal.newYork, '2026-06-06T03:04:05.678Z', 0, '2026-06-06T03:04:05.678Z'],
    ['0 minutes inside hours', cal.newYork, '2026-06-08T14:00:00Z', 0, '2026-06-08T14:00:00Z'],
    ['start at opening', cal.newYork, '2026-06-08T13:00:00Z', 1, '2026-06-08T13:01:00Z'],
    ['start before opening waits for it', cal.newYork, '2026-06-08T04:00:00Z', 30, '2026-06-08T13:30:00Z'],
    ['ends exactly at closing (not the next opening)', cal.newYork, '2026-06-08T20:00:00Z', 60, '2026-06-08T21:00:00Z'],
    ['start at closing goes to the next day', cal.newYork, '2026-06-08T21:00:00Z', 1, '2026-06-09T13:01:00Z'],
    ['start one second before closing', cal.newYork, '2026-06-08T20:59:59Z', 1, '2026-06-09T13:00:59Z'],
    ['Friday afternoon to Monday', cal.newYork, '2026-06-12T20:00:00Z', 120, '2026-06-15T14:00:00Z'],
    ['a lunch break is skipped', cal.shanghai, '2026-06-01T03:30:00Z', 60, '2026-06-01T05:30:00Z'],
    ['seconds are kept', cal.newYork, '2026-06-08T13:00:30Z', 2, '2026-06-08T13:02:30Z'],
    // 24:00 joins Monday evening to Tuesday's early range
    ['24:00 then 00:00 is continuous', cal.midnightJoin, '2026-06-01T15:30:00Z', 60, '2026-06-01T16:30:00Z'],
    // 调休: National Day 2026 (Oct 1–7 off, Sun Sep 20 and Sat Oct 10 worked)
    ['the brief example: across National Day', cal.shanghai, '2026-09-30T09:00:00Z', 90, '2026-10-08T01:30:00Z'],
    ['make-up Saturday with Monday hours', cal.shanghai, '2026-10-09T09:30:00Z', 60, '2026-10-10T01:30:00Z'],
    ['make-up Saturday with its own hours', cal.shanghaiShortSaturday, '2026-10-09T09:30:00Z', 60, '2026-10-10T02:30:00Z'],
    ['make-up Sunday before the Mid-Autumn break', cal.shanghai, '2026-09-19T09:00:00Z', 60, '2026-09-20T02:00:00Z'],
    ['Spring Festival: Sat Feb 14 worked, Feb 15–23 off', cal.shanghai, '2026-02-13T09:00:00Z', 180, '2026-02-14T03:00:00Z'],
    ['add across the nine-day Spring Festival', cal.shanghai, '2026-02-14T09:00:00Z', 120, '2026-02-24T02:00:00Z'],
    // overnight ranges and holidays
    ['overnight runs into the holiday morning', cal.nightShiftShanghai, '2026-09-30T14:00:00Z', 420, '2026-09-30T21:00:00Z'],
    ['nothing starts on the holiday night', cal.nightShiftShanghai, '2026-09-30T21:00:00Z', 120, '2026-10-02T15:00:00Z'],
    ['Friday night runs into Saturday morning', cal.fridayNight, '2026-06-05T13:00:00Z', 420, '2026-06-05T21:00:00Z'],
    // DST, both directions
    ['New York: Friday to Monday over spring-forward', cal.newYork, '2026-03-06T22:00:00Z', 60, '2026-03-09T14:00:00Z'],
    ['New York: fall-back night counts the repeated hour', cal.newYorkSunday, '2026-11-01T05:00:00Z', 90, '2026-11-01T06:30:00Z'],
    ['New York: fall-back Sunday 01:00–03:00 is 3 real hours', cal.newYorkSunday, '2026-11-01T05:00:00Z', 180, '2026-11-01T08:00:00Z'],
    ['New York: spring-forward Sunday 01:00–03:00 is 1 real hour', cal.newYorkSunday, '2026-03-08T06:00:00Z', 61, '2026-03-15T05:01:00Z'],
    ['Berlin: Friday CET to Monday CEST', cal.berlin, '2026-03-27T15:00:00Z', 120, '2026-03-30T08:00:00Z'],
    ['Berlin: Friday CEST to Monday CET', cal.berlin, '2026-10-23T14:00:00Z', 120, '2026-10-26T09:00:00Z'],
    ['Berlin: the fall-back Saturday night is 9 hours', cal.berlinNight, '2026-10-24T20:00:00Z', 540, '2026-10-25T05:00:00Z'],
    ['Sydney: Friday AEDT to Monday AEST', cal.sydney, '2026-04-03T05:00:00Z', 120, '2026-04-06T00:00:00Z'],
    ['Sydney: Good Friday and Easter Monday off', cal.sydneyEaster, '2026-04-02T05:00:00Z', 120, '2026-04-07T00:00:00Z'],
    ['Sydney: Friday AEST to Monday AEDT', cal.sydney, '2026-10-02T07:00:00Z', 60, '2026-10-04T23:00:00Z'],
    ['Chatham: Friday +13:45 to Monday +12:45', cal.chatham, '2026-04-03T03:15:00Z', 60, '2026-04-05T20:45:00Z'],
    ['Chatham: Friday +12:45 to Monday +13:45', cal.chatham, '2026-09-25T04:15:00Z', 60, '2026-09-27T19:45:00Z'],
    // 24×7
    ['24×7 is plain addition', TWENTY_FOUR_SEVEN, '2026-03-08T06:30:00Z', 1440, '2026-03-09T06:30:00Z'],
  ];
  for (const [name, c, start, minutes, expected] of cases) {
    it(`${name}: ${start} + ${minutes} min → ${expected}`, () => {
      const due = addBusinessMinutes(c, at(start), minutes);
      assert.equal(due.toISOString(), at(expected).toISOString());
      if (Number.isInteger(at(start).getTime() / 60_000)) assert.equal(businessMinutesBetween(c, at(start), due), minutes);
    });
  }
});

describe('businessMinutesBetween', () => {
  const cases: Array<[string, BusinessCalendar, string, string, number]> = [
    ['to before from', cal.newYork, '2026-06-08T20:00:00Z', '2026-06-08T14:00:00Z', 0],
    ['to equal to from', cal.newYork, '2026-06-08T14:00:00Z', '2026-06-08T14:00:00Z', 0],
    ['one working day', cal.newYork, '2026-06-08T00:00:00Z', '2026-06-09T00:00:00Z', 480],
    ['a week', cal.newYork, '2026-06-07T00:00:00Z', '2026-06-14T00:00:00Z', 2400],
    ['partial minutes round down', cal.newYork, '2026-06-08T13:00:30Z', '2026-06-08T13:02:00Z', 1],
    ['59 seconds is 0 minutes', cal.newYork, '2026-06-08T13:00:00Z', '2026-06-08T13:00:59Z', 0],
    ['make-up Sunday Sep 20 is a full day', cal.shanghai, '2026-09-19T16:00:00Z', '2026-09-20T16:00:00Z', 480],
    ['National Day fortnight: Sep 28–30 and Oct 8–9', cal.shanghai, '2026-09-27T16:00:00Z', '2026-10-09T16:00:00Z', 5 * 480],
    ['holiday: only the overnight tail of the eve', cal.nightShiftShanghai, '2026-09-30T16:00:00Z', '2026-10-01T16:00:00Z', 360],
    ['day after the holiday: no tail, a new night', cal.nightShiftShanghai, '2026-10-01T16:00:00Z', '2026-10-02T16:00:00Z', 120],
    ['Saturday morning from Friday night', cal.fridayNight, '2026-06-05T16:00:00Z', '2026-06-06T16:00:00Z', 360],
    ['New York spring-forward Sunday (01:00–03:00)', cal.newYorkSunday, '2026-03-08T00:00:00Z', '2026-03-09T00:00:00Z', 60],
    ['New York fall-back Sunday (01:00–03:00)', cal.newYorkSunday, '2026-11-01T00:00:00Z', '2026-11-02T00:00:00Z', 180],
    ['New York fall-back Saturday night 22:00–06:00', cal.newYorkNight, '2026-10-31T00:00:00Z', '2026-11-02T00:00:00Z', 540],
    ['New York spring-forward Saturday night', cal.newYorkNight, '2026-03-07T00:00:00Z', '2026-03-09T00:00:00Z', 420],
    ['Berlin fall-back Saturday night', cal.berlinNight, '2026-10-24T00:00:00Z', '2026-10-26T00:00:00Z', 540],
    ['Berlin spring-forward Saturday night', cal.berlinNight, '2026-03-28T00:00:00Z', '2026-03-30T00:00:00Z', 420],
    ['Sydney: two local weeks across DST end', cal.sydney, '2026-03-29T13:00:00Z', '2026-04-10T14:00:00Z', 10 * 480],
    ['Chatham: two local weeks across DST start', cal.chatham, '2026-09-20T11:15:00Z', '2026-10-02T10:15:00Z', 10 * 510],
    ['24×7 across a DST change elsewhere', TWENTY_FOUR_SEVEN, '2026-03-08T00:00:00Z', '2026-03-09T00:00:30Z', 1440],
  ];
  for (const [name, c, from, to, expected] of cases) {
    it(`${name}: [${from}, ${to}) → ${expected}`, () => {
      assert.equal(businessMinutesBetween(c, at(from), at(to)), expected);
    });
  }
});

describe('DST: ranges are wall-clock ranges', () => {
  const day = (c: CalendarSpec, from: string, to: string) =>
    businessIntervals(compileCalendar(c), at(from), at(to)).map(([s, e]) => `${iso(s)}–${iso(e)}`);
  const cases: Array<[string, CalendarSpec, string, string, string[]]> = [
    [
      'New York, range starting inside the gap starts where the gap ends',
      { timeZone: 'America/New_York', weekly: { sun: [['02:30', '04:00']] } },
      '2026-03-08T00:00:00Z',
      '2026-03-09T00:00:00Z',
      ['2026-03-08T07:00:00Z–2026-03-08T08:00:00Z'],
    ],
    [
      'New York, range entirely in the gap is empty',
      { timeZone: 'America/New_York', weekly: { sun: [['02:00', '03:00']] } },
      '2026-03-08T00:00:00Z',
      '2026-03-09T00:00:00Z',
      [],
    ],
    [
      'New York, range inside the repeated hour occurs twice',
      { timeZone: 'America/New_York', weekly: { sun: [['01:15', '01:45']] } },
      '2026-11-01T00:00:00Z',
      '2026-11-02T00:00:00Z',
      ['2026-11-01T05:15:00Z–2026-11-01T05:45:00Z', '2026-11-01T06:15:00Z–2026-11-01T06:45:00Z'],
    ],
    [
      'Berlin fall-back: 02:00–03:00 happens twice (2 real hours)',
      { timeZone: 'Europe/Berlin', weekly: { sun: [['02:00', '03:00']] } },
      '2026-10-24T00:00:00Z',
      '2026-10-26T00:00:00Z',
      ['2026-10-25T00:00:00Z–2026-10-25T02:00:00Z'],
    ],
    [
      'Sydney DST end: a whole Sunday is 25 hours',
      { timeZone: 'Australia/Sydney', weekly: { sun: [['00:00', '24:00']] } },
      '2026-04-04T00:00:00Z',
      '2026-04-06T00:00:00Z',
      ['2026-04-04T13:00:00Z–2026-04-05T14:00:00Z'],
    ],
    [
      'Sydney DST start: a whole Sunday is 23 hours',
      { timeZone: 'Australia/Sydney', weekly: { sun: [['00:00', '24:00']] } },
      '2026-10-03T00:00:00Z',
      '2026-10-05T00:00:00Z',
      ['2026-10-03T14:00:00Z–2026-10-04T13:00:00Z'],
    ],
    [
      'Chatham DST end (03:45→02:45): 02:00–04:00 is 3 real hours',
      { timeZone: 'Pacific/Chatham', weekly: { sun: [['02:00', '04:00']] } },
      '2026-04-04T00:00:00Z',
      '2026-04-05T00:00:00Z',
      ['2026-04-04T12:15:00Z–2026-04-04T15:15:00Z'],
    ],
    [
      'Chatham DST start (02:45→03:45): 02:00–04:00 is 1 real hour',
      { timeZone: 'Pacific/Chatham', weekly: { sun: [['02:00', '04:00']] } },
      '2026-09-26T00:00:00Z',
      '2026-09-27T00:00:00Z',
      ['2026-09-26T13:15:00Z–2026-09-26T14:15:00Z'],
    ],
    [
      'Chatham: 03:00–04:00 starts where the gap ends',
      { timeZone: 'Pacific/Chatham', weekly: { sun: [['03:00', '04:00']] } },
      '2026-09-26T00:00:00Z',
      '2026-09-27T00:00:00Z',
      ['2026-09-26T14:00:00Z–2026-09-26T14:15:00Z'],
    ],
  ];
  for (const [name, spec, from, to, expected] of cases) {
    it(name, () => assert.deepEqual(day(spec, from, to), expected));
  }
});

describe('other queries', () => {
  it('nextBusinessInstant and isBusinessMinute', () => {
    assert.equal(iso(nextBusinessInstant(cal.shanghai, at('2026-09-30T10:00:00Z'))), '2026-10-08T01:00:00Z');
    assert.equal(iso(nextBusinessInstant(cal.shanghai, at('2026-10-08T01:10:00Z'))), '2026-10-08T01:10:00Z');
    assert.equal(isBusinessMinute(cal.shanghai, at('2026-10-08T01:00:00Z')), true);
    assert.equal(isBusinessMinute(cal.shanghai, at('2026-10-08T00:59:00Z')), false);
    assert.equal(isBusinessMinute(cal.shanghai, at('2026-10-08T04:00:00Z')), false); // 12:00 lunch
  });

  it('a whole year of 2026 in Shanghai: 248 working days, and add lands on the last closing time', () => {
    const from = at('2026-01-01T00:00:00+08:00');
    const to = at('2027-01-01T00:00:00+08:00');
    let days = 0;
    for (const d of dates('2026-01-01', '2026-12-31')) {
      const wd = new Date(`${d}T00:00Z`).getUTCDay();
      if (CHINA_2026.makeUpDays.includes(d) || (wd >= 1 && wd <= 5 && !CHINA_2026.holidays.includes(d))) days++;
    }
    assert.equal(days, 248);
    const total = businessMinutesBetween(cal.shanghai, from, to);
    assert.equal(total, days * 480);
    assert.equal(iso(addBusinessMinutes(cal.shanghai, from, total)), '2026-12-31T10:00:00Z');
    assert.equal(iso(addBusinessMinutes(cal.shanghai, from, total + 1)), '2027-01-01T01:01:00Z'); // 2027 holidays are not listed
  });

  it('a calendar given as a plain { spec } object works too', () => {
    const plain: BusinessCalendar = { spec: specs.newYork };
    assert.equal(iso(addBusinessMinutes(plain, at('2026-06-08T20:00:00Z'), 120)), '2026-06-09T14:00:00Z');
  });

  it('spec is a frozen copy with only the known fields', () => {
    const input = { timeZone: 'UTC', weekly: { mon: [['09:00', '17:00']] as Ranges }, holidays: ['2026-01-01'] };
    const c = compileCalendar(input);
    assert.deepEqual(c.spec, input);
    assert.notEqual(c.spec.holidays, input.holidays);
    assert.ok(Object.isFrozen(c.spec.weekly.mon![0]));
    assert.equal(JSON.stringify(c), JSON.stringify({ spec: input }));
  });

  it('rejects bad arguments with RangeError', () => {
    assert.throws(() => addBusinessMinutes(cal.newYork, new Date(NaN), 1), RangeError);
    assert.throws(() => addBusinessMinutes(cal.newYork, at('2026-01-01T00:00:00Z'), -1), RangeError);
    assert.throws(() => addBusinessMinutes(cal.newYork, at('2026-01-01T00:00:00Z'), Infinity), RangeError);
    assert.throws(() => businessMinutesBetween(cal.newYork, at('1800-01-01T00:00:00Z'), at('2026-01-01T00:00:00Z')), RangeError);
    assert.throws(() => addBusinessMinutes(TWENTY_FOUR_SEVEN, at('9999-12-31T00:00:00Z'), 1441), RangeError);
    assert.throws(() => addBusinessMinutes(cal.newYork, at('9999-12-31T00:00:00Z'), 481), RangeError);
    assert.equal(iso(addBusinessMinutes(cal.newYork, at('9999-12-31T00:00:00Z'), 480)), '9999-12-31T22:00:00Z');
  });
});

describe('calendars without business time', () => {
  const noBusiness = (message: RegExp) => (e: unknown) =>
    e instanceof CalendarError && e.code === 'invalid_calendar' && message.test(e.message);

  it('an empty week: add throws at once, between is 0', () => {
    const c = compileCalendar({ timeZone: 'UTC', weekly: {} });
    assert.throws(() => addBusinessMinutes(c, at('2026-01-01T00:00:00Z'), 1), noBusiness(/no business time at all/));
    assert.equal(businessMinutesBetween(c, at('2026-01-01T00:00:00Z'), at('2030-01-01T00:00:00Z')), 0);
    assert.equal(iso(addBusinessMinutes(c, at('2026-01-01T00:00:00Z'), 0)), '2026-01-01T00:00:00Z');
  });

  it('only extra workdays: business time ends with the last one', () => {
    const c = compileCalendar({
      timeZone: 'Asia/Shanghai',
      weekly: {},
      extraWorkdays: [{ date: '2026-10-10', hours: [['09:00', '10:00']] }],
    });
    assert.equal(iso(addBusinessMinutes(c, at('2026-01-01T00:00:00Z'), 60)), '2026-10-10T02:00:00Z');
    assert.throws(() => addBusinessMinutes(c, at('2026-01-01T00:00:00Z'), 61), noBusiness(/after 2026-10-10/));
  });

  it('every working day a holiday for 6 years: gives up after 5 years', () => {
    const mondays = dates('2026-01-05', '2032-12-31').filter((_, i) => i % 7 === 0);
    const c = compileCalendar({ timeZone: 'Europe/Berlin', weekly: { mon: [['09:00', '17:00']] }, holidays: mondays });
    assert.throws(() => addBusinessMinutes(c, at('2026-01-01T00:00:00Z'), 1), noBusiness(/within 5 years after 2026-01-01/));
    assert.throws(() => nextBusinessInstant(c, at('2026-01-01T00:00:00Z')), CalendarError);
    assert.equal(iso(addBusinessMinutes(c, at('2032-06-01T00:00:00Z'), 1)), '2033-01-03T08:01:00Z');
  });
});

describe('compileCalendar validation', () => {
  const ok = { timeZone: 'Asia/Shanghai', weekly: { mon: [['09:00', '18:00']] } };
  const cases: Array<[string, unknown, string]> = [
    ['not an object', 'Asia/Shanghai', 'calendar: must be an object with timeZone and weekly'],
    ['unknown field', { ...ok, holiday: [] }, 'calendar: unknown field "holiday" (expected timeZone, weekly, holidays, extraWorkdays)'],
    ['missing time zone', { weekly: {} }, 'timeZone: must be an IANA time zone name such as "Asia/Shanghai"'],
    ['unknown time zone', { ...ok, timeZone: 'Mars/Olympus' }, 'timeZone: unknown time zone "Mars/Olympus"'],
    ['weekly missing', { timeZone: 'UTC' }, 'weekly: must be an object such as {"mon": [["09:00", "18:00"]], …}'],
    ['unknown weekday', { ...ok, weekly: { monday: [] } }, 'weekly: unknown weekday "monday" (use mon, tue, wed, thu, fri, sat, sun)'],
    ['day not a list', { ...ok, weekly: { mon: '09:00-18:00' } }, 'weekly.mon: must be a list of ["HH:MM", "HH:MM"] ranges'],
    [
      'range not a pair',
      { ...ok, weekly: { tue: [['09:00', '12:00'], ['13:00']] } },
      'weekly.tue[1]: must be a pair of times ["HH:MM", "HH:MM"], got ["13:00"]',
    ],
    [
      'hour 25',
      {
        ...ok,
        weekly: {
          tue: [
            ['09:00', '12:00'],
            ['13:00', '25:00'],
          ],
        },
      },
      'weekly.tue[1]: "25:00" is not a time HH:MM',
    ],
    ['minute 60', { ...ok, weekly: { tue: [['09:60', '12:00']] } }, 'weekly.tue[0]: "09:60" is not a time HH:MM'],
    ['one-digit hour', { ...ok, weekly: { tue: [['9:00', '12:00']] } }, 'weekly.tue[0]: "9:00" is not a time HH:MM'],
    ['24:00 as a start', { ...ok, weekly: { sat: [['24:00', '06:00']] } }, 'weekly.sat[0]: "24:00" can only end a range'],
    ['24:30', { ...ok, weekly: { sat: [['22:00', '24:30']] } }, 'weekly.sat[0]: "24:30" is not a time HH:MM'],
    [
      'empty range',
      { ...ok, weekly: { sun: [['09:00', '09:00']] } },
      'weekly.sun[0]: starts and ends at "09:00": an empty range (for a whole day use ["00:00", "24:00"])',
    ],
    ['holidays not a list', { ...ok, holidays: '2026-10-01' }, 'holidays: must be a list of dates "YYYY-MM-DD"'],
    ['impossible date', { ...ok, holidays: ['2026-10-01', '2026-02-30'] }, 'holidays[1]: "2026-02-30" is not a date YYYY-MM-DD'],
    ['date with a time', { ...ok, holidays: ['2026-10-01T00:00'] }, 'holidays[0]: "2026-10-01T00:00" is not a date YYYY-MM-DD'],
    [
      'extra day not an object',
      { ...ok, extraWorkdays: ['2026-10-10'] },
      'extraWorkdays[0]: must be an object {"date": "YYYY-MM-DD", "hours"?: [...]}',
    ],
    [
      'extra day bad date',
      { ...ok, extraWorkdays: [{ date: '2026/10/10' }] },
      'extraWorkdays[0].date: "2026/10/10" is not a date YYYY-MM-DD',
    ],
    [
      'extra day unknown field',
      { ...ok, extraWorkdays: [{ date: '2026-10-10', hour: [] }] },
      'extraWorkdays[0]: unknown field "hour" (expected date, hours)',
    ],
    [
      'extra day bad hours',
      { ...ok, extraWorkdays: [{ date: '2026-10-10', hours: [['10:00', '16:61']] }] },
      'extraWorkdays[0].hours[0]: "16:61" is not a time HH:MM',
    ],
    [
      'extra day empty hours',
      { ...ok, extraWorkdays: [{ date: '2026-10-10', hours: [] }] },
      "extraWorkdays[0].hours: is empty (omit it to use Monday's hours, or list the date in holidays)",
    ],
    [
      'date in both lists',
      { ...ok, holidays: ['2026-10-10'], extraWorkdays: [{ date: '2026-10-10' }] },
      'extraWorkdays[0].date: "2026-10-10" is also listed in holidays',
    ],
    [
      'extra day twice',
      { ...ok, extraWorkdays: [{ date: '2026-10-10' }, { date: '2026-10-10' }] },
      'extraWorkdays[1].date: "2026-10-10" is listed twice',
    ],
    [
      'extra day without hours and no Monday',
      { timeZone: 'UTC', weekly: { tue: [['09:00', '17:00']] }, extraWorkdays: [{ date: '2026-10-10' }] },
      'extraWorkdays[0]: "2026-10-10" has no hours and weekly.mon has none to copy',
    ],
  ];
  for (const [name, input, message] of cases) {
    it(name, () => {
      assert.throws(
        () => compileCalendar(input),
        (e: unknown) => e instanceof CalendarError && e.code === 'invalid_calendar' && e.message === message,
        message,
      );
    });
  }
});
