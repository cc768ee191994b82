import type { Lang } from './demo-people.js';
import { buildCluster } from './ticket-clusters.js';
import { CLUSTERS, ordinaryTicket, sampleCreatedAt, type PlanInput, type PlannedTicket } from './ticket-plan.js';

/** The whole demo: a few problems with their incidents, then ordinary tickets (60% Chinese), oldest first. */
export function planTickets(p: PlanInput): PlannedTicket[] {
  const out = CLUSTERS.flatMap((c) => buildCluster(p, c));
  const ordinary = Math.max(0, p.tickets - out.length);
  for (let i = 0; i < ordinary; i++) {
    const lang: Lang = p.rng.chance(0.6) ? 'zh' : 'en';
    out.push(ordinaryTicket(p, lang, sampleCreatedAt(p.rng, p.now)));
  }
  return out.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
}
