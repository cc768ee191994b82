import { normalize, term } from './tokenize.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

interface Span {
  start: number;
  end: number;
}

/** Finds where the query terms occur in `text`: CJK terms as substrings, Latin words by stem. */
export function findMatches(text: string, terms: readonly string[]): Span[] {
  const norm = normalize(text);
  // NFKC can change lengths for some characters; fall back to the original when it does.
  const base = norm.length === text.length ? norm : text.toLowerCase();
  const spans: Span[] = [];
  const latin = new Set<string>();
  for (const t of terms) {
    if (/^[a-z0-9]+$/.test(t)) latin.add(t);
    else {
      let i = base.indexOf(t);
      while (i >= 0 && spans.length < 1000) {
        spans.push({ start: i, end: i + t.length });
        i = base.indexOf(t, i + t.length);
      }
    }
  }
  if (latin.size > 0) {
    for (const m of base.matchAll(/[a-z0-9][a-z0-9'’-]*/g)) {
      const t = term(m[0]);
      if (t && latin.has(t)) spans.push({ start: m.index, end: m.index + m[0].length });
    }
  }
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Span[] = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else merged.push({ ...s });
  }
  return merged;
}

/**
 * An HTML-safe snippet of about `width` characters around the first match, with every match
 * wrapped in <mark>. Returns null when nothing matches.
 */
export function highlight(text: string, terms: readonly string[], width = 160): string | null {
  const spans = findMatches(text, terms);
  const first = spans[0];
  if (!first) return null;
  const start = Math.max(0, Math.min(first.start - Math.floor(width / 3), text.length - width));
  const end = Math.min(text.length, start + width);
  let out = start > 0 ? '…' : '';
  let pos = start;
  for (const s of spans) {
    if (s.end <= start || s.start >= end) continue;
    const a = Math.max(s.start, start);
    const b = Math.min(s.end, end);
    out += escapeHtml(text.slice(pos, a)) + '<mark>' + escapeHtml(text.slice(a, b)) + '</mark>';
    pos = b;
  }
  out += escapeHtml(text.slice(pos, end)) + (end < text.length ? '…' : '');
  return out.replace(/\s+/g, ' ');
}
