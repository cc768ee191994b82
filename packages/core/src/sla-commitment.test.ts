import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { commitmentLanguage, replyCommitment } from './sla-commitment.js';

describe('replyCommitment', () => {
  const cases: Array<[number, boolean, string, string]> = [
    [120, true, '我们将在 2 个工作小时内回复您', 'We will reply within 2 business hours'],
    [120, false, '我们将在 2 小时内回复您', 'We will reply within 2 hours'],
    [60, true, '我们将在 1 个工作小时内回复您', 'We will reply within 1 business hour'],
    [30, true, '我们将在工作时间 30 分钟内回复您', 'We will reply within 30 business minutes'],
    [30, false, '我们将在 30 分钟内回复您', 'We will reply within 30 minutes'],
    [1, false, '我们将在 1 分钟内回复您', 'We will reply within 1 minute'],
    [90, false, '我们将在 1.5 小时内回复您', 'We will reply within 1.5 hours'],
    [100, false, '我们将在 100 分钟内回复您', 'We will reply within 100 minutes'],
    [1440, false, '我们将在 1 天内回复您', 'We will reply within 1 day'],
    [4320, false, '我们将在 3 天内回复您', 'We will reply within 3 days'],
    // A business day is as long as the opening hours, so business targets stay in hours.
    [1440, true, '我们将在 24 个工作小时内回复您', 'We will reply within 24 business hours'],
    [10 / 60, false, '我们将在 10 秒内回复您', 'We will reply within 10 seconds'],
  ];
  for (const [minutes, business, zh, en] of cases) {
    it(`${minutes} min, ${business ? 'business' : 'calendar'} time`, () => {
      assert.equal(replyCommitment({ minutes, business }, 'zh-CN'), zh);
      assert.equal(replyCommitment({ minutes, business }, 'en'), en);
    });
  }

  it('picks zh-CN for any Chinese tag and English otherwise', () => {
    assert.deepEqual(['zh', 'zh-CN', 'zh-TW', 'en', 'en-GB', 'fr', null, undefined].map(commitmentLanguage), [
      'zh-CN',
      'zh-CN',
      'zh-CN',
      'en',
      'en',
      'en',
      'en',
      'en',
    ]);
  });
});
