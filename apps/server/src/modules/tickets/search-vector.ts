import { sql, type RawBuilder } from 'kysely';
import { tokenize } from '@kefu/nlp/tokenize';

const MAX_INDEXED_CHARS = 50_000;

/** The tokens of a text as one space-separated string for to_tsvector('simple', …). */
export function indexTokens(text: string): string {
  return tokenize(text.slice(0, MAX_INDEXED_CHARS), 'index').join(' ');
}

/** Subject terms weigh more (A) than message terms (B). */
export function subjectVector(subject: string): RawBuilder<string> {
  return sql<string>`setweight(to_tsvector('simple', ${indexTokens(subject)}), 'A')`;
}

export function bodyVector(body: string): RawBuilder<string> {
  return sql<string>`setweight(to_tsvector('simple', ${indexTokens(body)}), 'B')`;
}
