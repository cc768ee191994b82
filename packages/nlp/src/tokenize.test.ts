import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { highlight } from './highlight.js';
import { tokenize } from './tokenize.js';

describe('tokenize', () => {
  it('segments Chinese into dictionary words, not characters', () => {
    const t = tokenize('请尽快发货，我要申请退款', 'query');
    assert.ok(t.includes('退款'), t.join('|'));
    assert.ok(t.includes('发货'), t.join('|'));
  });
  it('search mode also yields the words inside longer words', () => {
    const t = tokenize('客服中心', 'index');
    assert.ok(t.includes('客服'), t.join('|'));
  });
  it('stems English so inflections meet', () => {
    assert.deepEqual(tokenize('refunds', 'query'), tokenize('refunded', 'query'));
    assert.deepEqual(tokenize('Refund', 'query'), ['refund']);
  });
  it('drops punctuation and stop words and normalises full-width letters', () => {
    assert.deepEqual(tokenize('The ＲＥＦＵＮＤ!!!', 'query'), ['refund']);
  });
  it('keeps mixed Chinese and English', () => {
    const t = tokenize('iPhone 退货 refunds', 'query');
    assert.ok(t.includes('iphon') && t.includes('退货') && t.includes('refund'), t.join('|'));
  });
});

describe('highlight', () => {
  it('marks Chinese terms and escapes HTML', () => {
    assert.equal(highlight('<b>您好</b>，退款已处理', ['退款']), '&lt;b&gt;您好&lt;/b&gt;，<mark>退款</mark>已处理');
  });
  it('marks English words by stem', () => {
    assert.equal(
      highlight('We refunded you; refunds take 3 days', ['refund']),
      'We <mark>refunded</mark> you; <mark>refunds</mark> take 3 days',
    );
  });
  it('returns null without a match', () => {
    assert.equal(highlight('nothing here', ['退款']), null);
  });
});
