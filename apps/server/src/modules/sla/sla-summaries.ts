import type { TicketSlaSummary } from '@kefu/contracts/sla-state';
import type { Tx } from '../../engine/db/tx.js';
import { toSummary } from './sla.serializer.js';
import { statesOf } from './ticket-sla.repository.js';

/** The SLA summaries ticket responses embed, for a page of tickets in one query. */
export async function slaSummaries(db: Tx, workspaceId: string, ticketIds: readonly string[]): Promise<Map<string, TicketSlaSummary>> {
  const out = new Map<string, TicketSlaSummary>();
  for (const [ticketId, states] of await statesOf(db, workspaceId, ticketIds)) {
    const s = toSummary(states);
    if (s) out.set(ticketId, s);
  }
  return out;
}
