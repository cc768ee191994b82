import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { it } from 'node:test';
import pino from 'pino';
import { REDACT_PATHS } from './logger.js';

it('masks passwords, tokens, cookies and database URLs in logs', () => {
  const lines: string[] = [];
  const sink = new Writable({ write: (chunk: Buffer, _e, cb) => (lines.push(chunk.toString()), cb()) });
  const log = pino({ redact: { paths: REDACT_PATHS, censor: '***' } }, sink);
  log.info(
    {
      body: { password: 'hunter2', email: 'a@b.c' },
      req: { headers: { authorization: 'Bearer kefu_pat_secret', cookie: 'kefu_session=abc' } },
      databaseUrl: 'postgres://u:pw@h/db',
    },
    'x',
  );
  const out = lines.join('');
  for (const secret of ['hunter2', 'kefu_pat_secret', 'kefu_session=abc', 'pw@h'])
    assert.ok(!out.includes(secret), `${secret} leaked: ${out}`);
  assert.ok(out.includes('a@b.c'));
});
