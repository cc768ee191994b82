import type { Actor } from '../../../engine/auth/principal.js';
import type { AppContext } from '../../../engine/context.js';
import { inTransaction, txExecutor } from '../../../engine/db/tx.js';
import { recordEvents } from '../../../engine/events/events.repository.js';
import { reevaluateJob } from '../../sla/use-cases/reevaluate-tickets.js';
import { removeTag } from '../tags.repository.js';
import { tagNotFound } from './rename-tag.js';

/**
 * Removes a tag from every ticket of the workspace (one UPDATE, array_remove). Like a rename, it
 * leaves updated_at alone and records one `tag.deleted` event.
 */
export function deleteTag(ctx: AppContext, actor: Actor, input: { tag: string }): Promise<{ updated: number }> {
  const tag = input.tag.toLowerCase();
  return inTransaction(ctx, async (trx) => {
    const updated = await removeTag(trx, actor.workspaceId, tag);
    if (updated === 0) throw tagNotFound(tag);
    await recordEvents(
      trx,
      actor,
      [{ subjectType: 'tag', kind: 'tag.deleted', field: 'tags', oldValue: tag, newValue: null, data: { tickets: updated } }],
      ctx.clock.now(),
    );
    // SLA policies may match on tags: open tickets are re-evaluated in the background.
    await ctx.jobs.send(reevaluateJob(ctx), { workspaceId: actor.workspaceId }, { db: txExecutor(trx) });
    return { updated };
  });
}
