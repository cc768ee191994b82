import type { CreateLinkRequest } from '@kefu/contracts/tickets';
import type { Actor } from '../../../engine/auth/principal.js';
import type { AppContext } from '../../../engine/context.js';
import { inTransaction } from '../../../engine/db/tx.js';
import { AppError, badRequest, conflict, notFound } from '../../../engine/errors.js';
import { recordEvents } from '../../../engine/events/events.repository.js';
import { findTicket } from '../tickets.repository.js';
import { applyTicketChanges } from './apply-changes.js';

/**
 * Links two tickets. `incident_of` makes this ticket an incident of a problem ticket (the target
 * becomes type "problem" if it had no type); `related` is informational.
 */
export function linkTickets(ctx: AppContext, actor: Actor, ref: string, req: CreateLinkRequest) {
  return inTransaction(ctx, async (trx) => {
    const now = ctx.clock.now();
    const ws = actor.workspaceId;
    const source = await findTicket(trx, ws, ref, true);
    if (!source) throw notFound('ticket');
    const target = await findTicket(trx, ws, req.targetId, true);
    if (!target) throw new AppError('ticket_not_found', 404, 'target ticket not found', { field: 'targetId' });
    if (source.id === target.id) throw badRequest('link_to_self', 'A ticket cannot be linked to itself');
    if (req.kind === 'incident_of') {
      if (target.type && target.type !== 'problem')
        throw new AppError('not_a_problem', 422, `Ticket #${target.number} is a ${target.type}, not a problem`);
      if (source.type === 'problem') throw new AppError('problem_as_incident', 422, 'A problem cannot be an incident of another problem');
      const existing = await trx
        .selectFrom('ticket_links')
        .select('target_id')
        .where('workspace_id', '=', ws)
        .where('source_id', '=', source.id)
        .where('kind', '=', 'incident_of')
        .executeTakeFirst();
      if (existing)
        throw conflict('already_incident', 'This ticket is already an incident of a problem', { problemId: existing.target_id });
    }
    const link = await trx
      .insertInto('ticket_links')
      .values({ workspace_id: ws, source_id: source.id, target_id: target.id, kind: req.kind })
      .onConflict((oc) => oc.doNothing())
      .returning(['id', 'created_at'])
      .executeTakeFirst();
    if (!link) throw conflict('link_exists', 'These tickets are already linked this way');
    await applyTicketChanges(trx, actor, source, req.kind === 'incident_of' && !source.type ? { type: 'incident' } : {}, now, {
      extraEvents: [
        {
          ticketId: source.id,
          kind: 'ticket.link_added',
          field: 'links',
          oldValue: null,
          newValue: { linkId: link.id, kind: req.kind, targetId: target.id, targetNumber: target.number },
        },
      ],
    });
    await applyTicketChanges(trx, actor, target, req.kind === 'incident_of' && !target.type ? { type: 'problem' } : {}, now, {
      extraEvents: [
        {
          ticketId: target.id,
          kind: 'ticket.link_added',
          field: 'links',
          oldValue: null,
          newValue: { linkId: link.id, kind: req.kind, sourceId: source.id, sourceNumber: source.number, direction: 'incoming' },
        },
      ],
    });
    return { id: link.id };
  });
}

export function unlinkTickets(ctx: AppContext, actor: Actor, ref: string, linkId: string) {
  return inTransaction(ctx, async (trx) => {
    const now = ctx.clock.now();
    const ws = actor.workspaceId;
    const ticket = await findTicket(trx, ws, ref);
    if (!ticket) throw notFound('ticket');
    const link = await trx
      .deleteFrom('ticket_links')
      .where('workspace_id', '=', ws)
      .where('id', '=', linkId)
      .where((eb) => eb.or([eb('source_id', '=', ticket.id), eb('target_id', '=', ticket.id)]))
      .where('kind', 'in', ['incident_of', 'related'])
      .returning(['source_id', 'target_id', 'kind'])
      .executeTakeFirst();
    if (!link) throw notFound('link');
    await recordEvents(
      trx,
      actor,
      [link.source_id, link.target_id].map((id) => ({
        ticketId: id,
        kind: 'ticket.link_removed',
        field: 'links',
        oldValue: { linkId, kind: link.kind, sourceId: link.source_id, targetId: link.target_id },
        newValue: null,
      })),
      now,
    );
    await trx
      .updateTable('tickets')
      .set({ updated_at: now })
      .where('workspace_id', '=', ws)
      .where('id', 'in', [link.source_id, link.target_id])
      .execute();
  });
}
