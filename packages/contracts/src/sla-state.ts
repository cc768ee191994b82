import { Type, type Static } from '@sinclair/typebox';
import { DateTime, Nullable, Uuid, lit } from './common.js';

/** The SLA state of a ticket as ticket responses embed it (sla.ts has the policies and reports). */
export const SlaMetric = lit(['first_reply', 'next_reply', 'periodic_update', 'resolution'] as const);
export type SlaMetric = Static<typeof SlaMetric>;
export const SlaStatus = lit(['active', 'paused', 'fulfilled', 'warning', 'breached'] as const);
/** One target: minutes (fractions allowed), in the policy calendar's business time or around the clock. */
export const SlaTarget = Type.Object(
  { minutes: Type.Number({ exclusiveMinimum: 0, maximum: 525_600 }), business: Type.Boolean() },
  { additionalProperties: false },
);
export type SlaTarget = Static<typeof SlaTarget>;

export const Commitment = Type.Object({ 'zh-CN': Type.String(), en: Type.String() });

/** One metric of a ticket: its current cycle. */
export const TicketSlaMetric = Type.Object({
  metric: SlaMetric,
  status: SlaStatus,
  cycle: Type.Integer(),
  targetMinutes: Type.Number(),
  business: Type.Boolean(),
  startedAt: DateTime,
  /** While paused: when it would be due if the clock ran again now. */
  dueAt: DateTime,
  pausedMinutes: Type.Number(),
  fulfilledAt: Nullable(DateTime),
  warnedAt: Nullable(DateTime),
  breachedAt: Nullable(DateTime),
});
export type TicketSlaMetric = Static<typeof TicketSlaMetric>;

/** Embedded in ticket responses. */
export const TicketSlaSummary = Type.Object({
  policyId: Nullable(Uuid),
  /** The earliest due instant of a running metric (past when breached); null when nothing runs. */
  nextDueAt: Nullable(DateTime),
  metrics: Type.Array(TicketSlaMetric),
  /** The first-reply commitment in both languages, when the policy has a first-reply target. */
  commitment: Nullable(Commitment),
});
export type TicketSlaSummary = Static<typeof TicketSlaSummary>;
