import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { it } from 'node:test';
import { call, eachBackend, makeWorkspace, type Agent, type TestApp } from '../../testing/harness.js';

// iCalendar import through the API. The parsing rules in detail: ics.util.test.ts.

const require = createRequire(import.meta.url);
/** The real-world fixture: the iCalendar file chinese-days ships (2024–2026 holidays and 调休 days). */
const HOLIDAYS_ICS = readFileSync(join(dirname(dirname(require.resolve('chinese-days'))), 'dist', 'holidays.ics'), 'utf8');

const nineToSix = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [['09:00', '18:00']]]));
const spec = (over: object = {}) => ({ timeZone: 'Asia/Shanghai', weekly: nineToSix, ...over });
const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

function importIcs(t: TestApp, who: Agent, id: string, ics: string | Buffer, contentType = 'text/calendar', query = '') {
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/calendars/${id}/import-ics${query}`,
    headers: { authorization: `Bearer ${who.token}`, 'content-type': contentType },
    payload: ics,
  });
}

eachBackend('calendars: iCal import', (get) => {
  it("imports chinese-days' holidays.ics: holidays and make-up days, merged without duplicates", async () => {
    const t = get();
    const { owner } = await makeWorkspace(t);
    const { body: cal } = await call(t, owner, 'POST', '/api/v1/calendars', { name: 'Imported', spec: spec({ holidays: ['2026-10-01'] }) });
    const res = await importIcs(t, owner, cal.id, HOLIDAYS_ICS);
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    const holidays = body.calendar.spec.holidays as string[];
    const makeUp = (body.calendar.spec.extraWorkdays as Array<{ date: string }>).map((x) => x.date);
    for (const d of ['2024-02-10', '2025-01-28', '2026-02-17', '2026-10-07']) assert.ok(holidays.includes(d), `${d} imported`);
    for (const d of ['2026-02-14', '2026-09-20', '2026-10-10']) assert.ok(makeUp.includes(d), `${d} is a make-up working day`);
    assert.equal(body.unchanged.holidays, 1, '2026-10-01 was there already');
    assert.equal(body.added.holidays, holidays.length - 1);
    assert.equal(body.added.extraWorkdays, makeUp.length);
    assert.ok(body.added.extraWorkdays >= 15, `${body.added.extraWorkdays} make-up days`);
    assert.deepEqual(body.skipped, []);
    assert.equal(new Set(holidays).size, holidays.length);
    assert.equal(body.calendar.source.imports.length, 1);
    // The file and the package's API agree on 2026.
    const preset = (await call(t, owner, 'POST', '/api/v1/calendars/presets/CN/preview?years=2026')).body.spec;
    assert.deepEqual(
      holidays.filter((d) => d.startsWith('2026')),
      preset.holidays,
    );
    assert.deepEqual(
      makeUp.filter((d) => d.startsWith('2026')),
      preset.extraWorkdays.map((x: { date: string }) => x.date),
    );

    const again = await call(t, owner, 'POST', `/api/v1/calendars/${cal.id}/import-ics`, { ics: HOLIDAYS_ICS, mode: 'auto' });
    assert.equal(again.status, 200, JSON.stringify(again.body));
    assert.deepEqual(again.body.added, { holidays: 0, extraWorkdays: 0 });
    assert.equal(again.body.unchanged.holidays, holidays.length);
    assert.deepEqual(again.body.calendar.spec, body.calendar.spec);
    assert.equal(again.body.calendar.source.imports.length, 1, 'an import that adds nothing changes nothing');

    // "holidays" mode: every event is a holiday, the 班 days too.
    const { body: plain } = await call(t, owner, 'POST', '/api/v1/calendars', { name: 'Plain', spec: spec() });
    const all = await importIcs(t, owner, plain.id, HOLIDAYS_ICS, 'text/calendar; charset=utf-8', '?mode=holidays');
    assert.equal(all.statusCode, 200, all.body);
    assert.ok(all.json().calendar.spec.holidays.includes('2026-10-10'));
    assert.deepEqual(all.json().calendar.spec.extraWorkdays, []);
  });

  it('iCal import: recurring and multi-day events; refuses what is not iCalendar, or too large', async () => {
    const t = get();
    const { owner } = await makeWorkspace(t);
    const { body: cal } = await call(t, owner, 'POST', '/api/v1/calendars', { name: 'Company', spec: spec() });
    const year = new Date().getUTCFullYear();
    const ics = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//test//EN',
      'BEGIN:VEVENT',
      'UID:xmas@test',
      'DTSTART;VALUE=DATE:20201225',
      'RRULE:FREQ=YEARLY',
      'SUMMARY:Christmas',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'UID:retreat@test',
      `DTSTART;VALUE=DATE:${year}0803`,
      `DTEND;VALUE=DATE:${year}0806`,
      'SUMMARY:Company retreat',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'UID:meeting@test',
      `DTSTART:${year}0310T090000Z`,
      `DTEND:${year}0310T100000Z`,
      'SUMMARY:All hands',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'UID:sat@test',
      `DTSTART;VALUE=DATE:${year}0411`,
      'SUMMARY:Make-up working day',
      'END:VEVENT',
      'END:VCALENDAR',
      '',
    ].join('\r\n');
    const res = await call(t, owner, 'POST', `/api/v1/calendars/${cal.id}/import-ics`, { ics });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const holidays = res.body.calendar.spec.holidays as string[];
    for (let y = year - 1; y <= year + 5; y++) assert.ok(holidays.includes(`${y}-12-25`), `Christmas ${y}`);
    assert.ok(!holidays.includes(`${year + 6}-12-25`) && !holidays.includes('2020-12-25'), 'recurrences are bounded');
    for (const d of ['03', '04', '05']) assert.ok(holidays.includes(`${year}-08-${d}`), `retreat day ${d}`);
    assert.ok(!holidays.includes(`${year}-08-06`), 'DTEND is exclusive');
    const skipped = res.body.skipped as Array<{ summary: string; reason: string }>;
    assert.ok(skipped.some((s) => s.summary === 'All hands' && /timed event/.test(s.reason)));
    const sat = `${year}-04-11`;
    const isWeekend = [0, 6].includes(weekday(sat));
    assert.equal(
      res.body.calendar.spec.extraWorkdays.some((x: { date: string }) => x.date === sat),
      isWeekend,
      'a "working day" event becomes a make-up day unless the date is worked anyway',
    );

    for (const [payload, code] of [
      ['hello, not a calendar', 'invalid_ics'],
      ['BEGIN:VCALENDAR\r\nthis line has no colon\r\nEND:VCALENDAR\r\n', 'invalid_ics'],
      [`BEGIN:VCALENDAR\r\n${'X-PAD:padding\r\n'.repeat(100_000)}END:VCALENDAR\r\n`, 'ics_too_large'],
    ] as const) {
      const r = await importIcs(t, owner, cal.id, payload);
      assert.equal(r.statusCode, 400, `${code}: ${r.body.slice(0, 200)}`);
      assert.equal(r.json().error.code, code);
    }
    const huge = await importIcs(t, owner, cal.id, 'x'.repeat(3 * 1024 * 1024));
    assert.equal(huge.statusCode, 413);
    const json = await call(t, owner, 'POST', `/api/v1/calendars/${cal.id}/import-ics`, {
      ics: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n',
      mode: 'sometimes',
    });
    assert.equal(json.body.error.code, 'validation_failed');
    const binary = await importIcs(t, owner, cal.id, Buffer.from([0x42, 0xff, 0xfe, 0x00]));
    assert.equal(binary.json().error.code, 'invalid_ics');
    const octets = await importIcs(t, owner, cal.id, 'BEGIN:VCALENDAR', 'application/octet-stream');
    assert.equal(octets.statusCode, 415);
  });
});
