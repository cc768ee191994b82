import assert from 'node:assert/strict';
import { it } from 'node:test';
import { extractMentions } from './mentions.js';

const u1 = '0b7a3c1e-8f00-4a59-9d3e-1c2b3a4d5e6f';
const g1 = '1b7a3c1e-8f00-4a59-9d3e-1c2b3a4d5e6f';

it('extracts distinct user and group mentions in order', () => {
  const body = `请 @[王芳](user:${u1}) 和 @[Billing](group:${g1}) 看一下，@[王芳](user:${u1.toUpperCase()}) again`;
  assert.deepEqual(extractMentions(body), { userIds: [u1], groupIds: [g1] });
});

it('ignores plain @text and malformed ids', () => {
  assert.deepEqual(extractMentions('mail me @ foo@example.com @[x](user:123)'), { userIds: [], groupIds: [] });
});
