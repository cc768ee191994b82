/**
 * Mentions in internal notes are written as `@[Display name](user:<uuid>)` (the composer inserts
 * them) or `@[Team](group:<uuid>)`. Returns the distinct ids in order of appearance.
 */
const MENTION = /@\[([^\]\n]{1,200})\]\((user|group):([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\)/gi;

export interface Mentions {
  userIds: string[];
  groupIds: string[];
}

export function extractMentions(body: string): Mentions {
  const userIds: string[] = [];
  const groupIds: string[] = [];
  for (const m of body.matchAll(MENTION)) {
    const kind = m[2]?.toLowerCase();
    const id = m[3]?.toLowerCase();
    if (!id) continue;
    const list = kind === 'user' ? userIds : groupIds;
    if (!list.includes(id)) list.push(id);
  }
  return { userIds, groupIds };
}
