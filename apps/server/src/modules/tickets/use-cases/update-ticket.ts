import type { BulkUpdateTicketsRequest, UpdateTicketRequest } from '@kefu/contracts/tickets';
import type { Actor } from '../../../engine/auth/principal.js';
import type { AppContext } from '../../../engine/context.js';
import type { TicketRow } from '../../../engine/db/schema.js';
import { inTransaction, type Tx } from '../../../engine/db/tx.js';
import { AppError, notFound, toAppError } from '../../../engine/errors.js';
import { findTicket } from '../tickets.repository.js';
import { applyTicketChanges } from './apply-changes.js';
import { solveIncidents } from './solve-incidents.js';

async function updateInTx(trx: Tx, actor: Actor, ref: string, changes: UpdateTicketRequest, now: Date): Promise<TicketRow> {
  const ticket = await findTicket(trx, actor.workspaceId, ref, true);
  if (!ticket) throw notFound('ticket');
  if (ticket.merged_into_id)
    throw new AppError('ticket_merged', 409, 'This ticket was merged and can no longer change', { mergedIntoId: ticket.merged_into_id });
  if (ticket.status === 'closed') throw new AppError('ticket_closed', 409, 'A closed ticket cannot change; reply to create a follow-up');
  const applied = await applyTicketChanges(trx, actor, ticket, changes, now);
  const isProblem = (applied.ticket.type ?? ticket.type) === 'problem';
  if (isProblem && applied.effects.some((e) => e.type === 'solved')) await solveIncidents(trx, actor, applied.ticket, null, now);
  return applied.ticket;
}

export function updateTicket(ctx: AppContext, actor: Actor, ref: string, changes: UpdateTicketRequest): Promise<TicketRow> {
  return inTransaction(ctx, (trx) => updateInTx(trx, actor, ref, changes, ctx.clock.now()));
}

/** Applies the same changes to many tickets; each ticket succeeds or fails on its own. */
export async function bulkUpdateTickets(ctx: AppContext, actor: Actor, req: BulkUpdateTicketsRequest) {
  const updated: string[] = [];
  const failed: Array<{ id: string; code: string; message: string }> = [];
  for (const id of req.ids) {
    try {
      await updateTicket(ctx, actor, id, req.changes);
      updated.push(id);
    } catch (e) {
      const known = toAppError(e);
      if (!known) throw e;
      failed.push({ id, code: known.code, message: known.message });
    }
  }
  return { updated, failed };
}
