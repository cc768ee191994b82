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

/**
 * The ticket's search_vector with `addition` appended, unless the result could pass PostgreSQL's
 * 1 MB tsvector limit (the error would make every later reply fail): then the ticket keeps the
 * terms it has. A tsvector's text form is never shorter than its stored form, so this is safe.
 */
export function appendToVector(addition: RawBuilder<string>): RawBuilder<string> {
  return sql<string>`case when octet_length(search_vector::text) + octet_length((${addition})::text) < 1000000
    then search_vector || ${addition} else search_vector end`;
}
