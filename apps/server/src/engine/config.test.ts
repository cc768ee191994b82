import assert from 'node:assert/strict';
import { it } from 'node:test';
import { ConfigError, loadConfig } from './config.js';

it('applies defaults and converts strings', () => {
  const c = loadConfig({ PORT: '8080', KEFU_SECURE_COOKIES: 'true', KEFU_MAX_ATTACHMENT_MB: '1' });
  assert.equal(c.port, 8080);
  assert.equal(c.secureCookies, true);
  assert.equal(c.maxAttachmentBytes, 1024 * 1024);
  assert.equal(c.databaseUrl, undefined);
  assert.ok(c.dataDir.endsWith('/data'));
});

it('rejects invalid values, naming each', () => {
  assert.throws(
    () => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x' }),
    (e: unknown) => {
      assert.ok(e instanceof ConfigError);
      assert.match(e.message, /PORT/);
      assert.match(e.message, /DATABASE_URL/);
      return true;
    },
  );
});
