import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../../engine/errors.js';
import { readIcs, type ReadIcsOptions } from './ics.util.js';

const opts: ReadIcsOptions = { mode: 'auto', fromYear: 2025, toYear: 2027 };
const ics = (...events: string[][]) =>
  [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//test//EN',
    ...events.flatMap((e) => ['BEGIN:VEVENT', ...e, 'END:VEVENT']),
    'END:VCALENDAR',
    '',
  ].join('\r\n');
const dates = (m: Map<string, string>) => [...m.keys()].sort();
const reasons = (r: ReturnType<typeof readIcs>) => r.skipped.map((s) => `${s.summary}@${s.date}: ${s.reason}`);

describe('readIcs', () => {
  it('takes all-day events as holidays, each date of a multi-day one (DTEND exclusive)', () => {
    const r = readIcs(
      ics(
        ['UID:1', 'DTSTART;VALUE=DATE:20261001', 'DTEND;VALUE=DATE:20261004', 'SUMMARY:国庆节(休)'],
        ['UID:2', 'DTSTART;VALUE=DATE:20261225', 'SUMMARY:Christmas'], // no DTEND: one day
        ['UID:3', 'DTSTART;VALUE=DATE:20260101', 'DURATION:P2D', 'SUMMARY:New Year'],
      ),
      opts,
    );
    assert.deepEqual(dates(r.holidays), ['2026-01-01', '2026-01-02', '2026-10-01', '2026-10-02', '2026-10-03', '2026-12-25']);
    assert.equal(r.holidays.get('2026-10-02'), '国庆节(休)');
    assert.deepEqual(dates(r.workdays), []);
    assert.deepEqual(r.skipped, []);
  });

  it('recognises make-up working days by summary or Apple’s marker, unless every event is to be a holiday', () => {
    const file = ics(
      ['UID:1', 'DTSTART;VALUE=DATE:20260920', 'SUMMARY:国庆节(班)'],
      ['UID:2', 'DTSTART;VALUE=DATE:20261010', 'SUMMARY:调休', 'X-APPLE-SPECIAL-DAY:ALTERNATE-WORKDAY'],
      ['UID:3', 'DTSTART;VALUE=DATE:20260214', 'SUMMARY:Spring Festival (Workday)'],
      ['UID:4', 'DTSTART;VALUE=DATE:20260509', 'SUMMARY:补班'],
      ['UID:5', 'DTSTART;VALUE=DATE:20260228', 'SUMMARY:Working Day'],
      ['UID:6', 'DTSTART;VALUE=DATE:20260215', 'SUMMARY:春节(休)', 'X-APPLE-SPECIAL-DAY:WORK-HOLIDAY'],
    );
    const auto = readIcs(file, opts);
    assert.deepEqual(dates(auto.workdays), ['2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
    assert.deepEqual(dates(auto.holidays), ['2026-02-15']);
    const all = readIcs(file, { ...opts, mode: 'holidays' });
    assert.equal(all.holidays.size, 6);
    assert.equal(all.workdays.size, 0);
  });

  it('expands recurring events within the years asked for, honouring EXDATE and cancelled occurrences', () => {
    const r = readIcs(
      ics(
        ['UID:xmas', 'DTSTART;VALUE=DATE:20101225', 'RRULE:FREQ=YEARLY', 'EXDATE;VALUE=DATE:20251225', 'SUMMARY:Christmas'],
        ['UID:xmas', 'RECURRENCE-ID;VALUE=DATE:20271225', 'DTSTART;VALUE=DATE:20271225', 'STATUS:CANCELLED', 'SUMMARY:Christmas'],
        ['UID:moved', 'DTSTART;VALUE=DATE:20250501', 'RRULE:FREQ=YEARLY;COUNT=5', 'SUMMARY:Labour Day'],
        ['UID:moved', 'RECURRENCE-ID;VALUE=DATE:20260501', 'DTSTART;VALUE=DATE:20260504', 'SUMMARY:Labour Day (moved)'],
        ['UID:old', 'DTSTART;VALUE=DATE:20100101', 'RRULE:FREQ=YEARLY;COUNT=3', 'SUMMARY:Long gone'],
      ),
      opts,
    );
    assert.deepEqual(dates(r.holidays), ['2025-05-01', '2026-05-04', '2026-12-25', '2027-05-01']);
    assert.equal(r.holidays.get('2026-05-04'), 'Labour Day (moved)');
    assert.deepEqual(reasons(r), ['Christmas@2027-12-25: cancelled', 'Long gone@null: no occurrence in 2025–2027']);
  });

  it('skips timed events unless they run from midnight to midnight', () => {
    const r = readIcs(
      ics(
        ['UID:1', 'DTSTART:20260310T090000Z', 'DTEND:20260310T100000Z', 'SUMMARY:All hands'],
        ['UID:2', 'DTSTART;TZID=Asia/Shanghai:20260401T000000', 'DTEND;TZID=Asia/Shanghai:20260403T000000', 'SUMMARY:Company days off'],
      ),
      opts,
    );
    assert.deepEqual(dates(r.holidays), ['2026-04-01', '2026-04-02']);
    assert.deepEqual(reasons(r), ['All hands@2026-03-10: a timed event, not an all-day one']);
  });

  it('keeps a date in one list only, and says why it skipped the other', () => {
    const r = readIcs(
      ics(['UID:1', 'DTSTART;VALUE=DATE:20261010', 'SUMMARY:Holiday'], ['UID:2', 'DTSTART;VALUE=DATE:20261010', 'SUMMARY:补班']),
      opts,
    );
    assert.deepEqual([dates(r.holidays), dates(r.workdays)], [['2026-10-10'], []]);
    assert.deepEqual(reasons(r), ['补班@2026-10-10: the file also makes it a holiday (Holiday)']);
  });

  it('refuses what is not iCalendar with invalid_ics', () => {
    for (const text of ['', 'hello', '{"ics": true}', 'BEGIN:VCALENDAR\r\nno colon here\r\nEND:VCALENDAR\r\n']) {
      assert.throws(
        () => readIcs(text, opts),
        (e: unknown) => e instanceof AppError && e.code === 'invalid_ics' && e.statusCode === 400,
        JSON.stringify(text),
      );
    }
    assert.deepEqual(readIcs('\uFEFFBEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n', opts).skipped, [], 'a byte-order mark is fine');
  });
});
