import { Type, type Static } from '@sinclair/typebox';
import { DateTime, Nullable, Text, Uuid, lit } from './common.js';
import { SlaMetric, SlaStatus, SlaTarget, TicketSlaSummary } from './sla-state.js';
import { Channel, TicketPriority, TicketType } from './tickets.js';

export const SlaPauseStatus = lit(['pending', 'on_hold'] as const);

const MetricTargets = Type.Object(
  {
    first_reply: Type.Optional(SlaTarget),
    next_reply: Type.Optional(SlaTarget),
    periodic_update: Type.Optional(SlaTarget),
    resolution: Type.Optional(SlaTarget),
  },
  { additionalProperties: false },
);
/** Per priority, per metric. A metric without a target is not tracked for that priority. */
export const SlaTargets = Type.Object(
  {
    low: Type.Optional(MetricTargets),
    normal: Type.Optional(MetricTargets),
    high: Type.Optional(MetricTargets),
    urgent: Type.Optional(MetricTargets),
  },
  { additionalProperties: false },
);
export type SlaTargets = Static<typeof SlaTargets>;

const Values = <T extends ReturnType<typeof lit>>(t: T, max: number) => Type.Optional(Type.Array(t, { maxItems: max, uniqueItems: true }));
const Strings = (max: number) =>
  Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: max, uniqueItems: true }));

/** Every condition set must hold (any of its values); an absent or empty one holds for every ticket. */
export const SlaConditions = Type.Object(
  {
    priority: Values(TicketPriority, 4),
    type: Values(TicketType, 5),
    channel: Values(Channel, 7),
    groupIds: Type.Optional(Type.Array(Uuid, { maxItems: 50, uniqueItems: true })),
    /** A category matches itself and every category under it ("订单" matches "订单/退款"). */
    category: Strings(50),
    /** The ticket has at least one of these tags. */
    tags: Strings(50),
    /** The requester's tier (customers' `tier`), compared without case. */
    customerTier: Strings(20),
  },
  { additionalProperties: false },
);
export type SlaConditions = Static<typeof SlaConditions>;

/** What happens when a metric of a ticket under this policy is breached. */
export const SlaEscalation = Type.Object(
  {
    /** One step up: low → normal → high → urgent. */
    raisePriority: Type.Optional(Type.Boolean()),
    /** Moves the ticket to this group, unassigned. */
    groupId: Type.Optional(Nullable(Uuid)),
    /** Supervisors to notify (a notification of kind `sla_breached`). */
    notifyUserIds: Type.Optional(Type.Array(Uuid, { maxItems: 20, uniqueItems: true })),
  },
  { additionalProperties: false },
);
export type SlaEscalation = Static<typeof SlaEscalation>;

export const SlaPolicy = Type.Object({
  id: Uuid,
  name: Type.String(),
  description: Type.String(),
  position: Type.Integer(),
  isActive: Type.Boolean(),
  conditions: SlaConditions,
  targets: SlaTargets,
  /** null: the workspace's default calendar. */
  calendarId: Nullable(Uuid),
  pauseStatuses: Type.Array(SlaPauseStatus),
  warningPercent: Type.Integer(),
  escalation: SlaEscalation,
  createdAt: DateTime,
  updatedAt: DateTime,
});
export type SlaPolicy = Static<typeof SlaPolicy>;

const PolicyFields = {
  description: Type.Optional(Text(2000)),
  isActive: Type.Optional(Type.Boolean()),
  conditions: Type.Optional(SlaConditions),
  targets: Type.Optional(SlaTargets),
  calendarId: Type.Optional(Nullable(Uuid)),
  pauseStatuses: Type.Optional(Type.Array(SlaPauseStatus, { maxItems: 2, uniqueItems: true })),
  warningPercent: Type.Optional(Type.Integer({ minimum: 1, maximum: 99 })),
  escalation: Type.Optional(SlaEscalation),
  /** 0 is first; default: last. */
  position: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000 })),
};
export const CreateSlaPolicyRequest = Type.Object({ name: Text(200, 1), ...PolicyFields }, { additionalProperties: false });
export type CreateSlaPolicyRequest = Static<typeof CreateSlaPolicyRequest>;
export const UpdateSlaPolicyRequest = Type.Object(
  { name: Type.Optional(Text(200, 1)), ...PolicyFields },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateSlaPolicyRequest = Static<typeof UpdateSlaPolicyRequest>;
/** The given policies move to the front in this order; the others keep their order after them. */
export const ReorderSlaPoliciesRequest = Type.Object(
  { policyIds: Type.Array(Uuid, { minItems: 1, maxItems: 1000, uniqueItems: true }) },
  { additionalProperties: false },
);
export type ReorderSlaPoliciesRequest = Static<typeof ReorderSlaPoliciesRequest>;

export const SlaHistoryEntry = Type.Object({
  id: Type.Integer(),
  metric: SlaMetric,
  cycle: Type.Integer(),
  kind: Type.String(),
  status: SlaStatus,
  at: DateTime,
  dueAt: Nullable(DateTime),
  targetMinutes: Type.Number(),
  pausedMinutes: Type.Number(),
  policyId: Nullable(Uuid),
  withinTarget: Nullable(Type.Boolean()),
  recordedAt: DateTime,
});

export const ConditionCheck = Type.Object({
  field: Type.String(),
  expected: Type.Array(Type.String()),
  actual: Type.Union([Type.String(), Type.Array(Type.String()), Type.Null()]),
  ok: Type.Boolean(),
});

export const TicketSla = Type.Object({
  ticketId: Uuid,
  summary: TicketSlaSummary,
  /** Which policy applies and why: the policies tried in order, up to the one that matched. */
  evaluation: Type.Array(
    Type.Object({
      policyId: Uuid,
      name: Type.String(),
      matched: Type.Boolean(),
      skipped: Nullable(lit(['inactive'] as const)),
      checks: Type.Array(ConditionCheck),
    }),
  ),
  history: Type.Array(SlaHistoryEntry),
});
export type TicketSla = Static<typeof TicketSla>;

export const CommitmentQuery = Type.Object(
  {
    priority: Type.Optional(TicketPriority),
    type: Type.Optional(TicketType),
    channel: Type.Optional(Channel),
    groupId: Type.Optional(Uuid),
    category: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    tags: Type.Optional(Type.String({ maxLength: 1000, pattern: '^[^,\\s]+(,[^,\\s]+)*$' })),
    tier: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    lang: Type.Optional(Type.String({ minLength: 2, maxLength: 16, pattern: '^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$' })),
  },
  { additionalProperties: false },
);
export type CommitmentQuery = Static<typeof CommitmentQuery>;

export const CommitmentResponse = Type.Object({
  policyId: Nullable(Uuid),
  policyName: Nullable(Type.String()),
  target: Nullable(SlaTarget),
  lang: lit(['zh-CN', 'en'] as const),
  /** null when no policy with a first-reply target applies. */
  text: Nullable(Type.String()),
});
export type CommitmentResponse = Static<typeof CommitmentResponse>;

export const SlaReportQuery = Type.Object(
  {
    from: Type.Optional(DateTime),
    to: Type.Optional(DateTime),
    by: Type.Optional(lit(['policy', 'group', 'agent', 'channel', 'metric'] as const)),
  },
  { additionalProperties: false },
);
export type SlaReportQuery = Static<typeof SlaReportQuery>;

const Attainment = {
  /** Cycles fulfilled within target. */
  fulfilled: Type.Integer(),
  breached: Type.Integer(),
  /** fulfilled / (fulfilled + breached) × 100, one decimal; null when both are 0. */
  attainmentPercent: Nullable(Type.Number()),
};
export const SlaReport = Type.Object({
  from: DateTime,
  to: DateTime,
  by: lit(['policy', 'group', 'agent', 'channel', 'metric'] as const),
  rows: Type.Array(Type.Object({ key: Nullable(Type.String()), label: Nullable(Type.String()), metric: SlaMetric, ...Attainment })),
  totals: Type.Array(Type.Object({ metric: SlaMetric, ...Attainment })),
});
export type SlaReport = Static<typeof SlaReport>;
