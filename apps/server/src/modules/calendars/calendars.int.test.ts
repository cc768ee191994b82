import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { it } from 'node:test';
import { addBusinessMinutes, isBusinessMinute } from '@kefu/core/calendar';
import { sql } from 'kysely';
import { inTransaction } from '../../engine/db/tx.js';
import { call, eachBackend, makeAgent, makeWorkspace, type TestApp } from '../../testing/harness.js';
import { defaultCalendar, loadCalendar } from './calendars.repository.js';
import { ensureDefaultCalendar } from './use-cases/ensure-default-calendar.js';

const require = createRequire(import.meta.url);
const chineseDaysDir = dirname(dirname(require.resolve('chinese-days')));
const CHINESE_DAYS_VERSION = (JSON.parse(readFileSync(join(chineseDaysDir, 'package.json'), 'utf8')) as { version: string }).version;
const EMPTY_ICS = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n';

const nineToSix = {
  mon: [['09:00', '18:00']],
  tue: [['09:00', '18:00']],
  wed: [['09:00', '18:00']],
  thu: [['09:00', '18:00']],
  fri: [['09:00', '18:00']],
};
const spec = (over: object = {}) => ({ timeZone: 'Asia/Shanghai', weekly: nineToSix, ...over });
const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

async function eventsOf(t: TestApp, subjectId: string): Promise<string[]> {
  const rows = await t.ctx.database.db
    .selectFrom('events')
    .select('kind')
    .where('subject_type', '=', 'calendar')
    .where('subject_id', '=', subjectId)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.kind);
}

eachBackend('calendars', (get) => {
  it('admins create, read, change and delete calendars; every change writes its event', async () => {
    const t = get();
    const { owner, workspaceId } = await makeWorkspace(t);
    const created = await call(t, owner, 'POST', '/api/v1/calendars', {
      name: 'Shanghai office',
      description: '上海',
      spec: spec({ holidays: ['2026-10-01'] }),
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const id = created.body.id as string;
    assert.equal(created.body.isDefault, true, "a workspace's first calendar becomes its default");
    assert.deepEqual(created.body.spec.holidays, ['2026-10-01']);
    assert.deepEqual(created.body.source, {});

    assert.equal((await call(t, owner, 'GET', `/api/v1/calendars/${id}`)).body.name, 'Shanghai office');
    const list = await call(t, owner, 'GET', '/api/v1/calendars');
    assert.deepEqual(
      list.body.items.map((c: { id: string }) => c.id),
      [id],
    );

    const patched = await call(t, owner, 'PATCH', `/api/v1/calendars/${id}`, {
      name: 'Shanghai',
      description: null,
      spec: spec({ weekly: { ...nineToSix, sat: [['10:00', '12:00']] } }),
    });
    assert.equal(patched.status, 200, JSON.stringify(patched.body));
    assert.equal(patched.body.name, 'Shanghai');
    assert.equal(patched.body.description, null);
    assert.deepEqual(patched.body.spec.weekly.sat, [['10:00', '12:00']]);
    assert.equal(patched.body.spec.holidays, undefined, 'the spec is replaced as a whole');

    const other = await call(t, owner, 'POST', '/api/v1/calendars', { name: 'Other', spec: spec() });
    assert.equal(other.body.isDefault, false);
    const clash = await call(t, owner, 'PATCH', `/api/v1/calendars/${other.body.id}`, { name: 'Shanghai' });
    assert.deepEqual([clash.status, clash.body.error.code], [409, 'calendar_name_taken']);
    const dup = await call(t, owner, 'POST', '/api/v1/calendars', { name: 'Shanghai', spec: spec() });
    assert.deepEqual([dup.status, dup.body.error.code], [409, 'calendar_name_taken']);

    assert.equal((await call(t, owner, 'DELETE', `/api/v1/calendars/${id}`)).status, 200);
    assert.equal((await call(t, owner, 'GET', `/api/v1/calendars/${id}`)).body.error.code, 'calendar_not_found');
    assert.equal((await call(t, owner, 'DELETE', `/api/v1/calendars/${id}`)).status, 404);
    assert.deepEqual(await eventsOf(t, id), ['calendar.created', 'calendar.updated', 'calendar.deleted']);
    assert.equal(await defaultCalendar(t.ctx.database.db, workspaceId), null, 'deleting the default leaves none');
  });

  it('refuses invalid specs with 400 invalid_calendar and the precise message', async () => {
    const t = get();
    const { owner } = await makeWorkspace(t);
    const cases: Array<[object, RegExp]> = [
      [
        spec({ holidays: ['2026-10-10'], extraWorkdays: [{ date: '2026-10-10' }] }),
        /extraWorkdays\[0\]\.date: "2026-10-10" is also listed in holidays/,
      ],
      [spec({ weekly: { mon: [['09:00', '25:00']] } }), /weekly\.mon\[0\]: "25:00" is not a time HH:MM/],
      [spec({ timeZone: 'Mars/Olympus_Mons' }), /timeZone: unknown time zone "Mars\/Olympus_Mons"/],
      [spec({ holidays: ['2026-02-30'] }), /holidays\[0\]: "2026-02-30" is not a date/],
      [spec({ weekly: {} }), /no day has opening hours/],
      [{ weekly: nineToSix }, /timeZone/],
    ];
    for (const [bad, message] of cases) {
      const res = await call(t, owner, 'POST', '/api/v1/calendars', { name: `Bad ${message.source.slice(0, 20)}`, spec: bad });
      assert.equal(res.status, 400, JSON.stringify(res.body));
      assert.equal(res.body.error.code, 'invalid_calendar');
      assert.match(res.body.error.message, message);
    }
    const ok = await call(t, owner, 'POST', '/api/v1/calendars', { name: 'Good', spec: spec() });
    const patch = await call(t, owner, 'PATCH', `/api/v1/calendars/${ok.body.id}`, {
      spec: spec({
        weekly: {
          tue: [
            ['18:00', '09:00'],
            ['09:00', '09:00'],
          ],
        },
      }),
    });
    assert.deepEqual([patch.status, patch.body.error.code], [400, 'invalid_calendar']);
    assert.match(patch.body.error.message, /weekly\.tue\[1\]/);
    assert.equal(
      (await call(t, owner, 'POST', '/api/v1/calendars', { name: 'x', spec: 'not an object' })).body.error.code,
      'validation_failed',
    );
    assert.equal((await call(t, owner, 'GET', `/api/v1/calendars/${ok.body.id}`)).body.spec.weekly.tue.length, 1, 'nothing changed');
  });

  it('keeps workspaces apart (404 for another workspace) and lets agents read but not write', async () => {
    const t = get();
    const a = await makeWorkspace(t);
    const b = await makeWorkspace(t);
    const agent = await makeAgent(t, a.workspaceId, 'agent');
    const mine = await call(t, a.owner, 'POST', '/api/v1/calendars', { name: 'A hours', spec: spec() });
    const id = mine.body.id as string;
    for (const [method, url, body] of [
      ['GET', `/api/v1/calendars/${id}`, undefined],
      ['PATCH', `/api/v1/calendars/${id}`, { name: 'stolen' }],
      ['POST', `/api/v1/calendars/${id}/default`, undefined],
      ['DELETE', `/api/v1/calendars/${id}`, undefined],
      ['POST', `/api/v1/calendars/${id}/import-ics`, { ics: EMPTY_ICS }],
    ] as const) {
      const res = await call(t, b.owner, method, url, body);
      assert.deepEqual([res.status, res.body.error.code], [404, 'calendar_not_found'], `${method} ${url}`);
    }
    assert.deepEqual((await call(t, b.owner, 'GET', '/api/v1/calendars')).body.items, []);
    assert.equal(await loadCalendar(t.ctx.database.db, b.workspaceId, id), null);
    assert.equal((await call(t, a.owner, 'GET', `/api/v1/calendars/${id}`)).body.name, 'A hours', 'unchanged');

    assert.equal((await call(t, agent, 'GET', '/api/v1/calendars')).body.items.length, 1);
    assert.equal((await call(t, agent, 'GET', `/api/v1/calendars/${id}`)).status, 200);
    assert.equal((await call(t, agent, 'GET', '/api/v1/calendars/presets')).status, 200);
    assert.equal(
      (await call(t, agent, 'POST', '/api/v1/calendars/presets/CN/preview?years=2026')).status,
      200,
      'a preview changes nothing',
    );
    for (const [method, url, body] of [
      ['POST', '/api/v1/calendars', { name: 'Mine', spec: spec() }],
      ['POST', '/api/v1/calendars/from-preset', { preset: 'CN', name: 'CN' }],
      ['PATCH', `/api/v1/calendars/${id}`, { name: 'x' }],
      ['POST', `/api/v1/calendars/${id}/default`, undefined],
      ['DELETE', `/api/v1/calendars/${id}`, undefined],
      ['POST', `/api/v1/calendars/${id}/import-ics`, { ics: EMPTY_ICS }],
    ] as const) {
      const res = await call(t, agent, method, url, body);
      assert.deepEqual([res.status, res.body.error.code], [403, 'forbidden'], `agent ${method} ${url}`);
    }
    const admin = await makeAgent(t, a.workspaceId, 'admin');
    assert.equal((await call(t, admin, 'PATCH', `/api/v1/calendars/${id}`, { name: 'By an admin' })).status, 200);
  });

  it('CN preset: holidays and 调休 make-up working days from chinese-days, recorded in source', async () => {
    const t = get();
    const { owner, workspaceId } = await makeWorkspace(t);
    const presets = (await call(t, owner, 'GET', '/api/v1/calendars/presets')).body.items as Array<{ id: string; timeZone: string | null }>;
    const ids = presets.map((p) => p.id);
    for (const id of ['CN', '24x7', 'US', 'GB', 'DE', 'JP', 'SG', 'HK', 'TW', 'AU']) assert.ok(ids.includes(id), `preset ${id}`);
    assert.equal(new Set(ids).size, ids.length, 'no preset twice');
    assert.ok(presets.length > 100, `${presets.length} presets, generated from date-holidays`);

    const preview = await call(t, owner, 'POST', '/api/v1/calendars/presets/CN/preview?years=2026');
    assert.equal(preview.status, 200, JSON.stringify(preview.body));
    const { spec: cn, source, days } = preview.body;
    assert.deepEqual(source, { preset: 'CN', package: `chinese-days@${CHINESE_DAYS_VERSION}`, years: [2026] });
    assert.equal(cn.timeZone, 'Asia/Shanghai');
    assert.deepEqual(cn.weekly.mon, [['09:00', '18:00']]);
    assert.deepEqual(cn.weekly.sat, []);
    for (const d of ['2026-01-01', '2026-02-17', '2026-10-01', '2026-10-07']) assert.ok(cn.holidays.includes(d), `${d} is a holiday`);
    const makeUp = cn.extraWorkdays.map((x: { date: string }) => x.date) as string[];
    assert.ok(makeUp.includes('2026-10-10') && makeUp.includes('2026-09-20'), `国庆 make-up days in ${makeUp}`);
    assert.ok(makeUp.length > 0 && makeUp.every((d) => [0, 6].includes(weekday(d))), 'every make-up day is a weekend day');
    assert.ok(days.some((d: { date: string; name: string }) => d.date === '2026-10-01' && d.name.includes('国庆')));
    assert.deepEqual(preview.body.warnings, []);
    const future = await call(t, owner, 'POST', '/api/v1/calendars/presets/cn/preview?years=2026,2099');
    assert.match(future.body.warnings[0], /no holiday schedule for 2099/);
    assert.equal((await call(t, owner, 'POST', '/api/v1/calendars/presets/XX/preview')).body.error.code, 'preset_not_found');
    assert.equal((await call(t, owner, 'POST', '/api/v1/calendars/presets/CN/preview?years=1999')).body.error.code, 'invalid_years');

    const made = await call(t, owner, 'POST', '/api/v1/calendars/from-preset', { preset: 'CN', name: '中国大陆', years: [2026] });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    assert.deepEqual(made.body.calendar.source, source);
    assert.deepEqual(made.body.calendar.spec.holidays, cn.holidays);
    // The stored calendar does the arithmetic: 17:00 on 30 September + 2 business hours skips 国庆.
    const cal = (await loadCalendar(t.ctx.database.db, workspaceId, made.body.calendar.id))!;
    assert.equal(addBusinessMinutes(cal, new Date('2026-09-30T09:00:00Z'), 120).toISOString(), '2026-10-08T02:00:00.000Z');
    assert.ok(isBusinessMinute(cal, new Date('2026-10-10T02:00:00Z')), 'Saturday 10 October (调休) is worked');
    assert.equal(await loadCalendar(t.ctx.database.db, workspaceId, made.body.calendar.id), cal, 'compiled once, then cached');

    const weekly = { mon: [['08:00', '12:00']], sat: [['08:00', '12:00']] };
    const own = await call(t, owner, 'POST', '/api/v1/calendars/from-preset', { preset: 'CN', name: 'Short weeks', years: [2026], weekly });
    assert.deepEqual(own.body.calendar.spec.weekly, weekly, 'the weekly hours are overridable');
  });

  it('date-holidays presets (US: Independence Day) and 24x7', async () => {
    const t = get();
    const { owner } = await makeWorkspace(t);
    const us = await call(t, owner, 'POST', '/api/v1/calendars/presets/US/preview?years=2026');
    assert.equal(us.status, 200, JSON.stringify(us.body));
    assert.equal(us.body.spec.timeZone, 'America/New_York');
    assert.ok(us.body.spec.holidays.includes('2026-07-03') || us.body.spec.holidays.includes('2026-07-04'), 'Independence Day');
    assert.ok(us.body.spec.holidays.includes('2026-12-25'));
    assert.ok(!us.body.spec.holidays.includes('2026-05-10'), "Mother's Day is an observance, not a public holiday");
    assert.match(us.body.source.package, /^date-holidays@\d+\.\d+\.\d+$/);
    const jp = await call(t, owner, 'POST', '/api/v1/calendars/presets/jp/preview?years=2026,2027');
    assert.equal(jp.body.spec.timeZone, 'Asia/Tokyo');
    assert.deepEqual(jp.body.source.years, [2026, 2027]);
    assert.ok(jp.body.spec.holidays.includes('2027-01-01'));

    const always = await call(t, owner, 'POST', '/api/v1/calendars/from-preset', { preset: '24x7', name: 'Always', timeZone: 'UTC' });
    assert.equal(always.status, 201, JSON.stringify(always.body));
    assert.deepEqual(always.body.calendar.spec.weekly.sun, [['00:00', '24:00']]);
    assert.deepEqual(always.body.calendar.spec.holidays, []);
    const zoneless = await call(t, owner, 'POST', '/api/v1/calendars/from-preset', { preset: '24x7', name: 'Always here' });
    assert.equal(zoneless.body.calendar.spec.timeZone, 'Asia/Shanghai', "24x7 takes the workspace's zone");
    const bad = await call(t, owner, 'POST', '/api/v1/calendars/from-preset', { preset: 'US', name: 'US', timeZone: 'Nowhere/Land' });
    assert.deepEqual([bad.status, bad.body.error.code], [400, 'invalid_calendar']);
  });

  it('one default per workspace; ensureDefaultCalendar seeds "Business hours" once', async () => {
    const t = get();
    const { owner, workspaceId } = await makeWorkspace(t);
    const db = t.ctx.database.db;
    const first = (await call(t, owner, 'POST', '/api/v1/calendars', { name: 'First', spec: spec() })).body;
    const second = (await call(t, owner, 'POST', '/api/v1/calendars', { name: 'Second', spec: spec(), isDefault: true })).body;
    assert.equal(second.isDefault, true);
    const defaults = async () =>
      (await call(t, owner, 'GET', '/api/v1/calendars')).body.items
        .filter((c: { isDefault: boolean }) => c.isDefault)
        .map((c: { name: string }) => c.name);
    assert.deepEqual(await defaults(), ['Second']);
    const made = await call(t, owner, 'POST', `/api/v1/calendars/${first.id}/default`);
    assert.equal(made.body.isDefault, true);
    assert.deepEqual(await defaults(), ['First']);
    assert.deepEqual((await call(t, owner, 'PATCH', `/api/v1/calendars/${second.id}`, { isDefault: true })).body.isDefault, true);
    assert.deepEqual(await defaults(), ['Second']);
    assert.deepEqual(
      (await eventsOf(t, first.id)).slice(-2),
      ['calendar.updated', 'calendar.updated'],
      'losing the default is an event too',
    );
    assert.deepEqual((await defaultCalendar(db, workspaceId))!.spec.weekly.mon, [['09:00', '18:00']]);
    const dupe = db
      .insertInto('business_calendars')
      .values({ workspace_id: workspaceId, name: 'Sneaky', spec: JSON.stringify(spec()), is_default: true });
    await assert.rejects(dupe.execute(), 'the database holds one default per workspace');

    // ensureDefaultCalendar: keeps an existing default; in Asia/Shanghai a new one is the CN preset.
    const now = new Date('2026-03-01T00:00:00Z');
    const kept = await inTransaction(t.ctx, (trx) => ensureDefaultCalendar(trx, workspaceId, 'Asia/Shanghai', now));
    assert.deepEqual([kept.created, kept.calendar.id], [false, second.id]);
    const fresh = await makeWorkspace(t);
    const seeded = await inTransaction(t.ctx, (trx) => ensureDefaultCalendar(trx, fresh.workspaceId, 'Asia/Shanghai', now));
    assert.equal(seeded.created, true);
    assert.equal(seeded.calendar.name, 'Business hours');
    assert.equal(seeded.calendar.isDefault, true);
    assert.deepEqual(seeded.calendar.source, { preset: 'CN', package: `chinese-days@${CHINESE_DAYS_VERSION}`, years: [2026] });
    assert.ok(seeded.calendar.spec.holidays!.includes('2026-10-01'));
    const again = await inTransaction(t.ctx, (trx) => ensureDefaultCalendar(trx, fresh.workspaceId, 'Asia/Shanghai', now));
    assert.deepEqual([again.created, again.calendar.id], [false, seeded.calendar.id]);
    const berlin = await makeWorkspace(t);
    const eu = await inTransaction(t.ctx, (trx) => ensureDefaultCalendar(trx, berlin.workspaceId, 'Europe/Berlin', now));
    assert.deepEqual(
      [eu.calendar.spec.timeZone, eu.calendar.spec.weekly.fri, eu.calendar.spec.holidays],
      ['Europe/Berlin', [['09:00', '18:00']], undefined],
    );
    assert.deepEqual(await eventsOf(t, eu.calendar.id), ['calendar.created']);
  });

  it('refuses to delete a calendar an SLA policy uses (409 calendar_in_use)', async () => {
    const t = get();
    const { owner, workspaceId } = await makeWorkspace(t);
    const db = t.ctx.database.db;
    const { body: cal } = await call(t, owner, 'POST', '/api/v1/calendars', { name: 'Used', spec: spec() });
    // A policy of the SLA module (its table; written directly so this test needs nothing else of it).
    await sql`insert into sla_policies (workspace_id, position, name, calendar_id) values (${workspaceId}, 1, 'Uses it', ${cal.id})`.execute(
      db,
    );
    const res = await call(t, owner, 'DELETE', `/api/v1/calendars/${cal.id}`);
    assert.deepEqual([res.status, res.body.error.code], [409, 'calendar_in_use']);
    assert.equal((await call(t, owner, 'GET', `/api/v1/calendars/${cal.id}`)).status, 200);
    const other = await makeWorkspace(t);
    const { body: theirs } = await call(t, other.owner, 'POST', '/api/v1/calendars', { name: 'Used', spec: spec() });
    await sql`insert into sla_policies (workspace_id, position, name, calendar_id) values (${workspaceId}, 2, 'Not theirs', ${theirs.id})`.execute(
      db,
    );
    assert.equal(
      (await call(t, other.owner, 'DELETE', `/api/v1/calendars/${theirs.id}`)).status,
      200,
      "only the workspace's own policies count",
    );
    await sql`update sla_policies set calendar_id = null where calendar_id = ${cal.id}`.execute(db);
    assert.equal((await call(t, owner, 'DELETE', `/api/v1/calendars/${cal.id}`)).status, 200);
  });
});
