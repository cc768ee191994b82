import type { Actor } from '../../../engine/auth/principal.js';
import type { AppContext } from '../../../engine/context.js';
import { inTransaction } from '../../../engine/db/tx.js';
import { AppError, badRequest } from '../../../engine/errors.js';
import { recordEvents } from '../../../engine/events/events.repository.js';
import { replaceTag } from '../tags.repository.js';

export const tagNotFound = (tag: string) => new AppError('tag_not_found', 404, `No ticket has the tag ${tag}`);

/**
 * Renames a tag on every ticket of the workspace (one UPDATE); renaming onto an existing tag
 * merges the two. Tickets keep their updated_at: a clean-up of the vocabulary is not activity on
 * the tickets and must not reorder the inbox. One `tag.renamed` event is recorded for the whole
 * change. SLA policies that match on a tag are not rewritten, and open tickets keep the policy
 * they had until their next change.
 */
export function renameTag(ctx: AppContext, actor: Actor, input: { from: string; to: string }): Promise<{ updated: number }> {
  const from = input.from.toLowerCase();
  const to = input.to.toLowerCase();
  if (from === to) throw badRequest('tag_unchanged', 'The new name is the same as the old one', { field: 'to' });
  return inTransaction(ctx, async (trx) => {
    const updated = await replaceTag(trx, actor.workspaceId, from, to);
    if (updated === 0) throw tagNotFound(from);
    await recordEvents(
      trx,
      actor,
      [{ subjectType: 'tag', kind: 'tag.renamed', field: 'tags', oldValue: from, newValue: to, data: { tickets: updated } }],
      ctx.clock.now(),
    );
    return { updated };
  });
}
