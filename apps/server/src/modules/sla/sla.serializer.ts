import type { TicketSlaMetric, TicketSlaSummary } from '@kefu/contracts/sla-state';
import { SLA_METRICS } from '@kefu/core/sla';
import { replyCommitment } from '@kefu/core/sla-commitment';
import { nextDueOf, type SlaState } from '@kefu/core/sla-reconcile';
import type { Selectable } from 'kysely';
import type { TicketSlaHistoryTable } from '../../engine/db/schema.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toSlaMetric(s: SlaState): TicketSlaMetric {
  return {
    metric: s.metric,
    status: s.status,
    cycle: s.cycle,
    targetMinutes: s.targetMinutes,
    business: s.business,
    startedAt: s.startedAt.toISOString(),
    dueAt: s.dueAt.toISOString(),
    pausedMinutes: Math.round(s.pausedMinutes * 1000) / 1000,
    fulfilledAt: iso(s.fulfilledAt),
    warnedAt: iso(s.warnedAt),
    breachedAt: iso(s.breachedAt),
  };
}

/** What ticket responses embed: each metric's current cycle, the next due instant, the commitment. */
export function toSummary(states: readonly SlaState[], policyId: string | null = states[0]?.policyId ?? null): TicketSlaSummary | null {
  if (states.length === 0 && policyId === null) return null;
  const ordered = [...states].sort((a, b) => SLA_METRICS.indexOf(a.metric) - SLA_METRICS.indexOf(b.metric));
  const first = ordered.find((s) => s.metric === 'first_reply');
  const target = first ? { minutes: first.targetMinutes, business: first.business } : null;
  return {
    policyId,
    nextDueAt: iso(nextDueOf(ordered)),
    metrics: ordered.map(toSlaMetric),
    commitment: target ? { 'zh-CN': replyCommitment(target, 'zh-CN'), en: replyCommitment(target, 'en') } : null,
  };
}

export function toHistoryEntry(r: Selectable<TicketSlaHistoryTable>) {
  return {
    id: Number(r.id),
    metric: r.metric as TicketSlaMetric['metric'],
    cycle: r.cycle,
    kind: r.kind,
    status: r.status as TicketSlaMetric['status'],
    at: r.at.toISOString(),
    dueAt: iso(r.due_at),
    targetMinutes: Number(r.target_minutes),
    pausedMinutes: Math.round(Number(r.paused_minutes) * 1000) / 1000,
    policyId: r.policy_id,
    withinTarget: r.within_target,
    recordedAt: r.recorded_at.toISOString(),
  };
}
