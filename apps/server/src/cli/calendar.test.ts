import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { compileCalendar, type CalendarSpec } from '@kefu/core/calendar';
import { runCli } from '../testing/spawn-server.js';
import { answerCalendarLines, formatInstant, parseInstant, runCalendarCli, type CalendarCliIo } from './calendar.js';

const OFFICE: [string, string][] = [
  ['09:00', '12:00'],
  ['13:00', '18:00'],
];
/** Shanghai office hours around National Day 2026: Oct 1–7 off, Sun Sep 20 and Sat Oct 10 worked (调休). */
const shanghai: CalendarSpec = {
  timeZone: 'Asia/Shanghai',
  weekly: { mon: OFFICE, tue: OFFICE, wed: OFFICE, thu: OFFICE, fri: OFFICE },
  holidays: ['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07'],
  extraWorkdays: [{ date: '2026-09-20' }, { date: '2026-10-10' }],
};
const berlin: CalendarSpec = { timeZone: 'Europe/Berlin', weekly: { sat: [['22:00', '06:00']] } };
/** V8's wording of a JSON syntax error (it differs between Node versions). */
const jsonError = (text: string): string => {
  try {
    JSON.parse(text);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error(`${text} is JSON`);
};

describe('parseInstant', () => {
  const valid: Array<[string, string]> = [
    ['2026-10-08T01:30:00Z', '2026-10-08T01:30:00.000Z'],
    ['2026-10-08t01:30z', '2026-10-08T01:30:00.000Z'],
    ['2026-10-08T09:30:00+08:00', '2026-10-08T01:30:00.000Z'],
    ['2026-10-08T09:30+0800', '2026-10-08T01:30:00.000Z'],
    ['2026-10-08T09:30:00+08', '2026-10-08T01:30:00.000Z'],
    ['2026-10-07T21:30:00-04:00', '2026-10-08T01:30:00.000Z'],
    ['2026-03-08T12:00:00+05:45', '2026-03-08T06:15:00.000Z'],
    ['2026-10-08T01:30:00.123456Z', '2026-10-08T01:30:00.123Z'],
    ['2026-02-28T23:59:59,5Z', '2026-02-28T23:59:59.500Z'],
  ];
  for (const [input, expected] of valid)
    it(`${input} → ${expected}`, () => assert.equal(parseInstant(input, 'start').toISOString(), expected));

  const invalid: Array<[unknown, string]> = [
    ['2026-10-08T09:30:00', 'start must be an ISO-8601 instant with Z or an offset'],
    ['2026-10-08 09:30:00Z', 'start: "2026-10-08 09:30:00Z" is not an ISO-8601 instant such as 2026-10-08T09:30:00+08:00'],
    ['2026-10-08', 'start: "2026-10-08" is not an ISO-8601 instant such as 2026-10-08T09:30:00+08:00'],
    ['tomorrow', 'start: "tomorrow" is not an ISO-8601 instant such as 2026-10-08T09:30:00+08:00'],
    [1791423000000, 'start: 1791423000000 is not an ISO-8601 instant such as 2026-10-08T09:30:00+08:00'],
    [undefined, 'start: undefined is not an ISO-8601 instant such as 2026-10-08T09:30:00+08:00'],
    ['2026-02-30T09:00:00Z', 'start: "2026-02-30T09:00:00Z" is not a valid date and time'],
    ['2026-10-08T24:00:00Z', 'start: "2026-10-08T24:00:00Z" is not a valid date and time'],
    ['2026-10-08T09:60:00Z', 'start: "2026-10-08T09:60:00Z" is not a valid date and time'],
    ['2026-10-08T09:00:00+24:00', 'start: "2026-10-08T09:00:00+24:00" is not a valid date and time'],
  ];
  for (const [input, message] of invalid) {
    it(`rejects ${JSON.stringify(input)}`, () => assert.throws(() => parseInstant(input, 'start'), { message }));
  }

  it('formats UTC without milliseconds, keeping them only when there are some', () => {
    assert.equal(formatInstant(new Date('2026-10-08T01:30:00Z')), '2026-10-08T01:30:00Z');
    assert.equal(formatInstant(new Date('2026-10-08T01:30:00.250Z')), '2026-10-08T01:30:00.250Z');
  });
});

describe('answerCalendarLines', () => {
  const line = (x: object) => JSON.stringify(x);
  it('answers add and between lines in order; a bad line says why and the rest go on', () => {
    const input = [
      line({ calendar: shanghai, start: '2026-09-30T17:00:00+08:00', minutes: 90 }),
      line({ calendar: shanghai, from: '2026-09-28T00:00:00+08:00', to: '2026-10-10T00:00:00+08:00' }),
      line({ calendar: berlin, from: '2026-10-24T00:00:00Z', to: '2026-10-26T00:00:00Z' }),
      '',
      '{"calendar":',
      '[1, 2]',
      line({ calendar: shanghai, start: '2026-09-30T17:00:00', minutes: 90 }),
      line({ calendar: shanghai, start: '2026-09-30T17:00:00Z', minutes: 1.5 }),
      line({ calendar: shanghai, start: '2026-09-30T17:00:00Z', minutes: '90' }),
      line({ calendar: shanghai, start: '2026-09-30T17:00:00Z' }),
      line({ calendar: shanghai, start: '2026-09-30T17:00:00Z', minutes: 1, to: '2026-10-01T00:00:00Z' }),
      line({ calendar: shanghai, minute: 1 }),
      line({ calendar: { ...shanghai, weekly: { tue: [['09:00', '25:00']] } }, start: '2026-09-30T17:00:00Z', minutes: 1 }),
      line({ calendar: { timeZone: 'UTC', weekly: {} }, start: '2026-09-30T17:00:00Z', minutes: 1 }),
      line({ start: '2026-09-30T17:00:00Z', minutes: 1 }),
      line({ calendar: shanghai, from: '2026-10-10T00:00:00Z', to: '2026-10-01T00:00:00Z' }),
      line({ calendar: shanghai, start: '2026-10-09T17:30:00+08:00', minutes: 0 }),
      line({ calendar: shanghai, start: '2026-10-09T17:30:00+08:00', minutes: 60 }),
    ];
    assert.deepEqual(answerCalendarLines(input), [
      '2026-10-08T01:30:00Z',
      '2400',
      '540',
      'error: empty line',
      `error: the line is not JSON (${jsonError('{"calendar":')})`,
      'error: the line must be a JSON object',
      'error: start must be an ISO-8601 instant with Z or an offset',
      'error: minutes must be a whole number of minutes from 0 to 52596000',
      'error: minutes must be a whole number of minutes from 0 to 52596000',
      'error: minutes must be a whole number of minutes from 0 to 52596000',
      'error: give either "start" and "minutes" (add) or "from" and "to" (between)',
      'error: unknown field "minute" (expected calendar, start, minutes, from, to)',
      'error: invalid calendar: weekly.tue[0]: "25:00" is not a time HH:MM',
      'error: calendar has no business time at all (no weekly ranges and no extra workdays)',
      'error: no calendar: give "calendar" on the line or --calendar FILE',
      '0',
      '2026-10-09T09:30:00Z',
      '2026-10-10T01:30:00Z',
    ]);
  });

  it('uses the default calendar for lines without one, and a line calendar over it', () => {
    const out = answerCalendarLines(
      [
        line({ start: '2026-09-30T09:00:00Z', minutes: 90 }),
        line({ calendar: berlin, start: '2026-10-24T20:00:00Z', minutes: 540 }),
        ' \t',
      ],
      compileCalendar(shanghai),
    );
    assert.deepEqual(out, ['2026-10-08T01:30:00Z', '2026-10-25T05:00:00Z', 'error: empty line']);
  });
});

describe('runCalendarCli', () => {
  function io(files: Record<string, string>, stdin: string[] = []) {
    const out: string[] = [];
    const err: string[] = [];
    const fake: CalendarCliIo = {
      readFile: (p) => {
        if (!(p in files)) throw new Error(`ENOENT: no such file or directory, open '${p}'`);
        return files[p]!;
      },
      lines: async function* () {
        yield* stdin;
      },
      out: (l) => out.push(l),
      err: (l) => err.push(l),
    };
    return { fake, out, err };
  }
  const files = {
    'sh.json': JSON.stringify(shanghai),
    'bad.json': '{"timeZone": "Asia/Shanghai", "weekly": {"monday": []}}',
    'x.json': '{',
  };
  const cases: Array<[string, 'add' | 'between' | undefined, Record<string, string | boolean>, string[], number, string[], string[]]> = [
    ['add', 'add', { calendar: 'sh.json', start: '2026-09-30T09:00:00Z', minutes: '90' }, [], 0, ['2026-10-08T01:30:00Z'], []],
    ['between', 'between', { calendar: 'sh.json', from: '2026-09-19T16:00:00Z', to: '2026-09-20T16:00:00Z' }, [], 0, ['480'], []],
    ['missing options', 'add', { calendar: 'sh.json' }, [], 2, [], ['error: kefu calendar add needs --start, --minutes (or --batch)']],
    [
      'naive time',
      'between',
      { calendar: 'sh.json', from: '2026-09-19T16:00', to: '2026-09-20T16:00Z' },
      [],
      2,
      [],
      ['error: --from must be an ISO-8601 instant with Z or an offset'],
    ],
    [
      'negative minutes',
      'add',
      { calendar: 'sh.json', start: '2026-09-30T09:00:00Z', minutes: '-5' },
      [],
      2,
      [],
      ['error: --minutes must be a whole number of minutes from 0 to 52596000'],
    ],
    [
      'missing file',
      'add',
      { calendar: 'no.json', start: '2026-09-30T09:00:00Z', minutes: '1' },
      [],
      2,
      [],
      ["error: cannot read calendar file no.json: ENOENT: no such file or directory, open 'no.json'"],
    ],
    [
      'invalid calendar file',
      'add',
      { calendar: 'bad.json', start: '2026-09-30T09:00:00Z', minutes: '1' },
      [],
      2,
      [],
      ['error: calendar file bad.json: weekly: unknown weekday "monday" (use mon, tue, wed, thu, fri, sat, sun)'],
    ],
    [
      'calendar file not JSON',
      'between',
      { calendar: 'x.json', from: '2026-09-30T09:00:00Z', to: '2026-09-30T10:00:00Z' },
      [],
      2,
      [],
      [`error: calendar file x.json is not JSON (${jsonError('{')})`],
    ],
    [
      'batch with a default calendar, from `kefu calendar between --batch`',
      'between',
      { batch: true, calendar: 'sh.json' },
      ['{"start":"2026-09-30T09:00:00Z","minutes":90}', 'oops', '{"from":"2026-09-19T16:00:00Z","to":"2026-09-20T16:00:00Z"}'],
      0,
      ['2026-10-08T01:30:00Z', `error: the line is not JSON (${jsonError('oops')})`, '480'],
      [],
    ],
    [
      'batch without a default calendar',
      undefined,
      { batch: true },
      ['{"start":"2026-09-30T09:00:00Z","minutes":1}'],
      0,
      ['error: no calendar: give "calendar" on the line or --calendar FILE'],
      [],
    ],
    [
      'batch with single-mode options',
      'add',
      { batch: true, start: '2026-09-30T09:00:00Z', minutes: '1' },
      [],
      2,
      [],
      ['error: --batch reads its queries from stdin: drop --start, --minutes'],
    ],
    [
      'batch with an invalid default calendar',
      undefined,
      { batch: true, calendar: 'bad.json' },
      ['{}'],
      2,
      [],
      ['error: calendar file bad.json: weekly: unknown weekday "monday" (use mon, tue, wed, thu, fri, sat, sun)'],
    ],
  ];
  for (const [name, command, opts, stdin, code, out, err] of cases) {
    it(name, async () => {
      const t = io(files, stdin);
      assert.equal(await runCalendarCli(command, opts, t.fake), code);
      assert.deepEqual(t.out, out);
      assert.deepEqual(t.err, err);
    });
  }
});

describe('kefu calendar (spawned from source)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kefu-calendar-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'shanghai.json');
  writeFileSync(file, JSON.stringify(shanghai));

  it('add and between print one answer; bad input exits 2', async () => {
    const add = await runCli(['calendar', 'add', '--calendar', file, '--start', '2026-09-30T17:00:00+08:00', '--minutes', '90'], {});
    assert.deepEqual([add.code, add.stdout, add.stderr], [0, '2026-10-08T01:30:00Z\n', '']);
    const between = await runCli(
      ['calendar', 'between', '--from', '2026-09-28T00:00+08:00', '--to', '2026-10-10T00:00+08:00', '--calendar', file],
      {},
    );
    assert.deepEqual([between.code, between.stdout, between.stderr], [0, '2400\n', '']);
    const naive = await runCli(['calendar', 'add', '--calendar', file, '--start', '2026-09-30T17:00:00', '--minutes', '90'], {});
    assert.deepEqual([naive.code, naive.stdout, naive.stderr], [2, '', 'error: --start must be an ISO-8601 instant with Z or an offset\n']);
  });

  it('--batch answers every line in order, with a bad line in the middle', async () => {
    const lines = [
      JSON.stringify({ start: '2026-09-30T09:00:00Z', minutes: 90 }),
      JSON.stringify({ calendar: berlin, from: '2026-10-24T00:00:00Z', to: '2026-10-26T00:00:00Z' }),
      '{not json',
      JSON.stringify({ from: '2026-09-19T16:00:00Z', to: '2026-09-20T16:00:00Z' }),
    ];
    const r = await runCli(['calendar', '--batch', '--calendar', file], {}, lines.join('\r\n') + '\r\n');
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.stdout.split('\n'), [
      '2026-10-08T01:30:00Z',
      '540',
      `error: the line is not JSON (${jsonError('{not json')})`,
      '480',
      '',
    ]);
  });
});
