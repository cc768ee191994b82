import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { stemmer } from 'stemmer';

let jieba: Jieba | null = null;
function segmenter(): Jieba {
  jieba ??= Jieba.withDict(dict);
  return jieba;
}

const EN_STOP = new Set(
  'a an and are as at be but by for from has have i in is it its of on or our so that the their them they this to was we were will with you your'.split(
    ' ',
  ),
);
const HAS_WORD_CHAR = /[\p{L}\p{N}]/u;
const LATIN_WORD = /^[a-z][a-z'’-]*$/;

/** Unicode-normalise and lower-case: full-width ＲＥＦＵＮＤ becomes refund. */
export function normalize(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** The index/search form of one segment: English words are stemmed, other words kept. */
export function term(segment: string): string | null {
  const s = segment.trim();
  if (!s || !HAS_WORD_CHAR.test(s)) return null;
  if (LATIN_WORD.test(s)) {
    const w = s.replace(/['’-]/g, '');
    if (w.length === 0 || EN_STOP.has(w)) return null;
    return stemmer(w);
  }
  return s;
}

/**
 * Splits Chinese and English text into search terms. `index` uses jieba's search mode (every
 * dictionary word inside a longer word too: 退款申请 → 退款, 申请, 退款申请); `query` uses the
 * precise mode. English words are Porter-stemmed, so refunds/refunded/refund meet.
 */
export function tokenize(text: string, mode: 'index' | 'query' = 'index'): string[] {
  const normalized = normalize(text);
  const segments = mode === 'index' ? segmenter().cutForSearch(normalized, true) : segmenter().cut(normalized, true);
  const out: string[] = [];
  for (const seg of segments) {
    const t = term(seg);
    if (t) out.push(t.length > 64 ? t.slice(0, 64) : t);
  }
  return out;
}
