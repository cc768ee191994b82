import { Type, type Static } from '@sinclair/typebox';
import { invalidateCalendars, invalidatePolicies } from '../sla-cache.js';
import type { AppContext } from '../../../engine/context.js';
import { inTransaction } from '../../../engine/db/tx.js';
import type { JobDefinition } from '../../../engine/jobs/queue.js';
import { findTicket } from '../../tickets/tickets.repository.js';
import { recomputeTicketSla } from './recompute-ticket-sla.js';

// A pattern, not format: 'uuid' (the job queue checks payloads with TypeBox, which has no formats registered).
const Id = Type.String({ pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$' });

export const ReevaluatePayload = Type.Object({
  workspaceId: Id,
  /** Only this requester's tickets (their tier changed). */
  requesterId: Type.Optional(Id),
  /** Keyset position: tickets with a greater id are left. */
  after: Type.Optional(Id),
  /** Record states without events or escalation (backfilling seeded data). */
  silent: Type.Optional(Type.Boolean()),
  /** Solved and closed tickets too (their outcomes feed the reports). */
  includeClosed: Type.Optional(Type.Boolean()),
});
export type ReevaluatePayload = Static<typeof ReevaluatePayload>;

export const REEVALUATE_JOB = 'sla.reevaluate';
const BATCH = 200;

/**
 * Re-evaluates open tickets of a workspace after a policy (or a customer's tier) changed: one
 * batch of tickets per job, each ticket in its own transaction with its row locked, then the
 * next batch as a new job — never one long transaction, never inline in the request.
 */
export function reevaluateJob(ctx: AppContext): JobDefinition<typeof ReevaluatePayload> {
  const def: JobDefinition<typeof ReevaluatePayload> = {
    name: REEVALUATE_JOB,
    payload: ReevaluatePayload,
    retryLimit: 5,
    batchSize: 1,
    handler: async (data) => {
      // The change that queued this job may not have reached this process's caches yet.
      if (!data.after) {
        invalidatePolicies(data.workspaceId);
        invalidateCalendars(data.workspaceId);
      }
      let q = ctx.database.db
        .selectFrom('tickets')
        .select('id')
        .where('workspace_id', '=', data.workspaceId)
        .where('merged_into_id', 'is', null);
      if (!data.includeClosed) q = q.where('status', 'not in', ['solved', 'closed']);
      if (data.requesterId) q = q.where('requester_id', '=', data.requesterId);
      if (data.after) q = q.where('id', '>', data.after);
      const ids = await q.orderBy('id').limit(BATCH).execute();
      for (const { id } of ids) {
        await inTransaction(ctx, async (trx) => {
          const ticket = await findTicket(trx, data.workspaceId, id, true);
          if (ticket) await recomputeTicketSla(trx, ticket, ctx.clock.now(), { silent: data.silent === true });
        });
      }
      const last = ids.at(-1);
      if (ids.length === BATCH && last) await ctx.jobs.send(def, { ...data, after: last.id });
    },
  };
  return def;
}
