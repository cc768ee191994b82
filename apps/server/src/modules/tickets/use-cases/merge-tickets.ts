import { sql } from 'kysely';
import type { Actor } from '../../../engine/auth/principal.js';
import type { AppContext } from '../../../engine/context.js';
import type { TicketRow } from '../../../engine/db/schema.js';
import { inTransaction } from '../../../engine/db/tx.js';
import { AppError, badRequest, notFound } from '../../../engine/errors.js';
import { recordEvents } from '../../../engine/events/events.repository.js';
import { insertMessage, messagesOf } from '../messages.repository.js';
import { appendToVector, bodyVector } from '../search-vector.js';
import { TICKET_COLUMNS, findTicket, followersOf, setFollowers } from '../tickets.repository.js';
import { recomputeTicketSla } from '../../sla/use-cases/recompute-ticket-sla.js';
import { applyTicketChanges } from './apply-changes.js';

/**
 * Merges `source` into `target`: the source's messages are copied into the target's thread (in
 * their original order), tags and followers are united, and the source is closed with a link
 * and a note pointing to the target. Both tickets get events.
 */
export function mergeTickets(
  ctx: AppContext,
  actor: Actor,
  sourceRef: string,
  targetRef: string,
  comment?: string,
): Promise<{ source: TicketRow; target: TicketRow }> {
  return inTransaction(ctx, async (trx) => {
    const now = ctx.clock.now();
    const ws = actor.workspaceId;
    const first = await findTicket(trx, ws, sourceRef);
    const second = await findTicket(trx, ws, targetRef);
    if (!first) throw notFound('ticket');
    if (!second) throw new AppError('ticket_not_found', 404, 'target ticket not found', { field: 'targetId' });
    if (first.id === second.id) throw badRequest('merge_into_self', 'A ticket cannot be merged into itself');
    // Lock in a stable order so two opposite merges cannot deadlock.
    const [a, b] = first.id < second.id ? [first, second] : [second, first];
    await findTicket(trx, ws, a.id, true);
    await findTicket(trx, ws, b.id, true);
    const source = (await findTicket(trx, ws, first.id))!;
    const target = (await findTicket(trx, ws, second.id))!;
    for (const t of [source, target]) {
      if (t.merged_into_id) throw new AppError('ticket_merged', 409, `Ticket #${t.number} was already merged`);
      if (t.status === 'closed') throw new AppError('ticket_closed', 409, `Ticket #${t.number} is closed`);
    }

    const copied = await messagesOf(trx, ws, source.id, { includeNotes: true });
    for (const m of copied) {
      await insertMessage(trx, {
        workspaceId: ws,
        ticketId: target.id,
        kind: m.kind as 'public' | 'note',
        authorType: m.author_type as 'agent' | 'customer' | 'system',
        authorUserId: m.author_user_id,
        authorCustomerId: m.author_customer_id,
        body: m.body,
        channel: m.channel,
        channelMeta: { ...(m.channel_meta ?? {}), mergedFromTicketId: source.id, mergedFromMessageId: m.id },
        createdAt: m.created_at,
      });
    }
    const note = comment?.trim() ? `\n\n${comment.trim()}` : '';
    await insertMessage(trx, {
      workspaceId: ws,
      ticketId: target.id,
      kind: 'note',
      authorType: actor.type === 'user' ? 'agent' : 'system',
      authorUserId: actor.type === 'user' ? actor.id : null,
      body: `Merged ticket #${source.number} "${source.subject}" into this ticket.${note}`,
      channel: 'internal',
      channelMeta: { mergedFromTicketId: source.id },
      createdAt: now,
    });
    await insertMessage(trx, {
      workspaceId: ws,
      ticketId: source.id,
      kind: 'note',
      authorType: actor.type === 'user' ? 'agent' : 'system',
      authorUserId: actor.type === 'user' ? actor.id : null,
      body: `Merged into ticket #${target.number} "${target.subject}".${note}`,
      channel: 'internal',
      channelMeta: { mergedIntoTicketId: target.id },
      createdAt: now,
    });
    const body = copied.map((m) => m.body).join('\n');
    await trx
      .updateTable('tickets')
      .set({
        message_count: sql`message_count + ${copied.length + 1}`,
        search_vector: appendToVector(bodyVector(`${source.subject}\n${body}`)),
      })
      .where('workspace_id', '=', ws)
      .where('id', '=', target.id)
      .execute();
    await trx
      .updateTable('tickets')
      .set({ message_count: sql`message_count + 1` })
      .where('workspace_id', '=', ws)
      .where('id', '=', source.id)
      .execute();

    const followers = await followersOf(trx, ws, [source.id, target.id]);
    const allFollowers = [...new Set([...(followers.get(source.id) ?? []), ...(followers.get(target.id) ?? [])])];
    const tags = [...new Set([...target.tags, ...source.tags])].sort();
    await setFollowers(trx, ws, target.id, allFollowers);
    const t2 = await applyTicketChanges(trx, actor, (await findTicket(trx, ws, target.id))!, { tags }, now, {
      extraEvents: [
        {
          ticketId: target.id,
          kind: 'ticket.merge_received',
          newValue: { sourceId: source.id, sourceNumber: source.number, messagesCopied: copied.length },
        },
      ],
    });

    await trx
      .insertInto('ticket_links')
      .values({ workspace_id: ws, source_id: source.id, target_id: target.id, kind: 'merged_into' })
      .onConflict((oc) => oc.doNothing())
      .execute();
    // A merged ticket is closed whatever its status (the transition function's "closed is final"
    // then keeps it from changing); the jump is recorded as a status event.
    const closed = await trx
      .updateTable('tickets')
      .set({ merged_into_id: target.id, status: 'closed', closed_at: now, solved_at: source.solved_at ?? now, updated_at: now })
      .where('workspace_id', '=', ws)
      .where('id', '=', source.id)
      .returning(TICKET_COLUMNS)
      .executeTakeFirstOrThrow();
    await recordEvents(
      trx,
      actor,
      [
        {
          ticketId: source.id,
          kind: 'ticket.merged',
          field: 'merged_into',
          oldValue: null,
          newValue: { targetId: target.id, targetNumber: target.number },
        },
        { ticketId: source.id, kind: 'ticket.updated', field: 'status', oldValue: source.status, newValue: 'closed' },
      ],
      now,
    );
    await recomputeTicketSla(trx, closed, now);
    return { source: closed, target: t2.ticket };
  });
}
