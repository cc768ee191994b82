import type { Actor } from '../../../engine/auth/principal.js';
import type { AppContext } from '../../../engine/context.js';
import { inTransaction, txExecutor } from '../../../engine/db/tx.js';
import { AppError, badRequest } from '../../../engine/errors.js';
import { recordEvents } from '../../../engine/events/events.repository.js';
import { reevaluateJob } from '../../sla/use-cases/reevaluate-tickets.js';
import { replaceTag } from '../tags.repository.js';

export const tagNotFound = (tag: string) => new AppError('tag_not_found', 404, `No ticket has the tag ${tag}`);

/**
 * Renames a tag on every ticket of the workspace (one UPDATE); renaming onto an existing tag
 * merges the two. Tickets keep their updated_at: a clean-up of the vocabulary is not activity on
 * the tickets and must not reorder the inbox. One `tag.renamed` event is recorded for the whole
 * change. SLA policies that match on a tag are not rewritten; open tickets are re-evaluated by
 * a background job.
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
    // SLA policies may match on tags: open tickets are re-evaluated in the background.
    await ctx.jobs.send(reevaluateJob(ctx), { workspaceId: actor.workspaceId }, { db: txExecutor(trx) });
    return { updated };
  });
}
