/**
 * Service-level agreements: which policy applies to a ticket, and each metric's clock computed
 * from the ticket's timeline. Pure: the calendar, the timeline and `now` are parameters.
 * docs/sla.md has the model and worked examples.
 *
 * ## Semantics
 * - Policies are ordered; the first active one whose conditions all hold applies. A condition is
 *   a list of accepted values (any of them); an absent or empty list accepts everything.
 * - Metrics: `first_reply` runs from the first customer message to the first public agent reply;
 *   `next_reply` from the oldest unanswered customer message (after the first reply) to the next
 *   public agent reply; `periodic_update` from each public agent reply (or a reopen) to the next
 *   one; `resolution` from creation to solved — a reopen resumes it. Solving a ticket fulfils
 *   every running metric.
 * - The clock runs in business time of the policy's calendar (or around the clock for targets
 *   with `business: false`) and stops while the ticket is in one of the policy's pause statuses
 *   (and while solved/closed). Stopped business time pushes the due instant by exactly as much
 *   business time: the due instant is where the running time reaches the target.
 * - A cycle is breached when `now ≥ dueAt` while it is open, or when it was fulfilled after
 *   `dueAt`; fulfilled exactly at `dueAt` is on time. It warns at `warningPercent` % of the target.
 */
import { addBusinessMinutes, businessMillisecondsBetween, type BusinessCalendar } from './calendar.js';
import type { TicketPriority, TicketStatus } from './ticket-status.js';

export const SLA_METRICS = ['first_reply', 'next_reply', 'periodic_update', 'resolution'] as const;
export type SlaMetric = (typeof SLA_METRICS)[number];

export const SLA_STATUSES = ['active', 'paused', 'fulfilled', 'warning', 'breached'] as const;
export type SlaStatus = (typeof SLA_STATUSES)[number];

/** Statuses a policy may choose to stop the clock in. */
export const SLA_PAUSE_STATUSES = ['pending', 'on_hold'] as const;
export type SlaPauseStatus = (typeof SLA_PAUSE_STATUSES)[number];

export const DEFAULT_WARNING_PERCENT = 75;

export interface SlaTarget {
  /** Minutes; fractions allowed (0.5 = 30 seconds). */
  minutes: number;
  /** Counted in the policy's business calendar (true) or around the clock (false). */
  business: boolean;
}
export type SlaMetricTargets = Partial<Record<SlaMetric, SlaTarget>>;
export type SlaTargets = Partial<Record<TicketPriority, SlaMetricTargets>>;

export interface SlaConditions {
  priority?: readonly string[];
  type?: readonly string[];
  channel?: readonly string[];
  groupIds?: readonly string[];
  /** A category matches itself and everything under it ("订单" matches "订单/退款"). */
  category?: readonly string[];
  /** The ticket has at least one of these tags. */
  tags?: readonly string[];
  customerTier?: readonly string[];
}
export type SlaConditionField = keyof SlaConditions;
export const SLA_CONDITION_FIELDS: readonly SlaConditionField[] = [
  'priority',
  'type',
  'channel',
  'groupIds',
  'category',
  'tags',
  'customerTier',
];

/** What the conditions look at. */
export interface SlaTicketFacts {
  priority: string;
  type: string | null;
  channel: string;
  groupId: string | null;
  category: string | null;
  tags: readonly string[];
  customerTier: string | null;
}

export interface SlaPolicyRef {
  id: string;
  name: string;
  isActive: boolean;
  conditions: SlaConditions;
}

export interface ConditionCheck {
  field: SlaConditionField;
  expected: readonly string[];
  actual: string | readonly string[] | null;
  ok: boolean;
}

function factOf(f: SlaTicketFacts, field: SlaConditionField): string | readonly string[] | null {
  switch (field) {
    case 'priority':
      return f.priority;
    case 'type':
      return f.type;
    case 'channel':
      return f.channel;
    case 'groupIds':
      return f.groupId;
    case 'category':
      return f.category;
    case 'tags':
      return f.tags;
    case 'customerTier':
      return f.customerTier;
  }
}

function holds(field: SlaConditionField, expected: readonly string[], actual: string | readonly string[] | null): boolean {
  if (actual === null) return false;
  if (field === 'tags') return (actual as readonly string[]).some((t) => expected.includes(t));
  const v = actual as string;
  if (field === 'category') return expected.some((c) => v === c || v.startsWith(`${c}/`));
  if (field === 'customerTier') return expected.some((t) => t.toLowerCase() === v.toLowerCase());
  return expected.includes(v);
}

/** Every condition the policy sets, each with whether the ticket satisfies it. */
export function checkConditions(conditions: SlaConditions, facts: SlaTicketFacts): ConditionCheck[] {
  const out: ConditionCheck[] = [];
  for (const field of SLA_CONDITION_FIELDS) {
    const expected = conditions[field];
    if (!expected || expected.length === 0) continue;
    const actual = factOf(facts, field);
    out.push({ field, expected, actual, ok: holds(field, expected, actual) });
  }
  return out;
}

/** The first active policy (in the given order) whose conditions all hold, or null. */
export function matchPolicy<P extends SlaPolicyRef>(policies: readonly P[], facts: SlaTicketFacts): P | null {
  for (const p of policies) {
    if (p.isActive && checkConditions(p.conditions, facts).every((c) => c.ok)) return p;
  }
  return null;
}

export interface PolicyExplanation<P extends SlaPolicyRef> {
  policy: P;
  matched: boolean;
  /** "inactive" when the policy is switched off (its conditions are then not looked at). */
  skipped: 'inactive' | null;
  checks: ConditionCheck[];
}

/** Why a policy applies: every policy up to and including the one that matched, with its checks. */
export function explainMatch<P extends SlaPolicyRef>(policies: readonly P[], facts: SlaTicketFacts): PolicyExplanation<P>[] {
  const out: PolicyExplanation<P>[] = [];
  for (const policy of policies) {
    const checks = checkConditions(policy.conditions, facts);
    if (!policy.isActive) {
      out.push({ policy, matched: false, skipped: 'inactive', checks });
      continue;
    }
    const matched = checks.every((c) => c.ok);
    out.push({ policy, matched, skipped: null, checks });
    if (matched) break;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Clocks

export interface SlaTimeline {
  createdAt: Date;
  /** Status changes in time order; the first is the status at creation. */
  statuses: ReadonlyArray<{ at: Date; status: TicketStatus }>;
  /** Public messages by agents and customers (no notes, no system messages), in time order. */
  messages: ReadonlyArray<{ at: Date; author: 'agent' | 'customer' }>;
}

export interface SlaClockSettings {
  /** The targets for the ticket's priority. */
  targets: SlaMetricTargets;
  /** The calendar of business targets (TWENTY_FOUR_SEVEN when the policy has none). */
  calendar: BusinessCalendar;
  pauseStatuses: readonly string[];
  warningPercent: number;
}

export interface SlaCycle {
  /** 1-based; first_reply and resolution have one cycle. */
  cycle: number;
  startedAt: Date;
  /** Where the running time reaches the target; while the clock is stopped at the end, as if it restarted then. */
  dueAt: Date;
  warnAt: Date;
  /** Stopped clock time (pause statuses, solved) between the start and the due instant (or the end), in minutes. */
  pausedMinutes: number;
  fulfilledAt: Date | null;
  /** The clock is stopped at the end of the cycle (now, for an open cycle). */
  paused: boolean;
  /** dueAt was reached before fulfilment (or by now): the cycle missed its target. */
  breached: boolean;
  /** warnAt was reached before fulfilment (or by now). */
  warned: boolean;
}

export interface MetricClock {
  metric: SlaMetric;
  target: SlaTarget;
  /** In time order; never empty. */
  cycles: SlaCycle[];
}

const MINUTE = 60_000;
const CLOSED_STATUSES: readonly string[] = ['solved', 'closed'];

/** Business time arithmetic in milliseconds; around the clock is plain arithmetic. */
interface Meter {
  between(a: number, b: number): number;
  add(a: number, ms: number): number;
}

function meterOf(target: SlaTarget, calendar: BusinessCalendar): Meter {
  if (!target.business) return { between: (a, b) => Math.max(0, b - a), add: (a, ms) => a + ms };
  return {
    between: (a, b) => businessMillisecondsBetween(calendar, new Date(a), new Date(b)),
    add: (a, ms) => addBusinessMinutes(calendar, new Date(a), ms / MINUTE).getTime(),
  };
}

interface Segment {
  from: number;
  running: boolean;
}

interface Measured {
  dueAt: number;
  warnAt: number;
  pausedMs: number;
  /** The clock is stopped at `end` and the target was not reached before. */
  pausedAtEnd: boolean;
}

/**
 * Walks the clock from `start` to `end` over the status segments, consuming `budget` ms of
 * running time (and `warnBudget` for the warning); beyond `end` the clock is assumed to run.
 */
function measure(meter: Meter, segments: readonly Segment[], start: number, end: number, budget: number, warnBudget: number): Measured {
  let used = 0;
  let pausedMs = 0;
  let dueAt: number | null = null;
  let warnAt: number | null = null;
  for (let i = lastSegmentAt(segments, start); i < segments.length; i++) {
    const seg = segments[i]!;
    const a = Math.max(seg.from, start);
    if (a >= end) break;
    const b = Math.min(segments[i + 1]?.from ?? Number.POSITIVE_INFINITY, end);
    if (b <= a) continue;
    const length = meter.between(a, b);
    if (!seg.running) {
      pausedMs += length;
      continue;
    }
    if (warnAt === null && used + length >= warnBudget) warnAt = meter.add(a, warnBudget - used);
    if (used + length >= budget) {
      dueAt = meter.add(a, budget - used);
      break;
    }
    used += length;
  }
  return {
    dueAt: dueAt ?? meter.add(end, budget - used),
    warnAt: warnAt ?? meter.add(end, Math.max(0, warnBudget - used)),
    pausedMs,
    pausedAtEnd: dueAt === null && !segments[lastSegmentAt(segments, end)]!.running,
  };
}

/** Index of the segment in effect at `t` (0 when `t` precedes them all). */
function lastSegmentAt(segments: readonly Segment[], t: number): number {
  let lo = 0;
  let hi = segments.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (segments[mid]!.from <= t) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

type Point = { at: number; kind: 'status'; status: string } | { at: number; kind: 'message'; author: 'agent' | 'customer' };

/** Messages and status changes in time order; at the same instant a status change comes first. */
function pointsOf(t: SlaTimeline): Point[] {
  const points: Point[] = [
    ...t.statuses.map((s): Point => ({ at: s.at.getTime(), kind: 'status', status: s.status })),
    ...t.messages.map((m): Point => ({ at: m.at.getTime(), kind: 'message', author: m.author })),
  ];
  return points
    .map((p, i) => ({ p, i }))
    .sort((x, y) => x.p.at - y.p.at || (x.p.kind === y.p.kind ? x.i - y.i : x.p.kind === 'status' ? -1 : 1))
    .map((x) => x.p);
}

interface RawCycle {
  start: number;
  end: number | null;
}

/** The cycles of each metric: [start, fulfilment) intervals, the last possibly open. */
export function cyclesOf(timeline: SlaTimeline): Record<SlaMetric, RawCycle[]> {
  const points = pointsOf(timeline);
  const out: Record<SlaMetric, RawCycle[]> = { first_reply: [], next_reply: [], periodic_update: [], resolution: [] };
  const open = (m: SlaMetric) => {
    const last = out[m].at(-1);
    return last && last.end === null ? last : null;
  };
  const close = (m: SlaMetric, at: number) => {
    const c = open(m);
    if (c) c.end = at;
  };
  let status: string = timeline.statuses[0]?.status ?? 'new';
  let firstReplyDone = false;
  let agentReplied = false;
  out.resolution.push({ start: timeline.createdAt.getTime(), end: CLOSED_STATUSES.includes(status) ? timeline.createdAt.getTime() : null });
  for (const p of points) {
    if (p.kind === 'status') {
      const wasClosed = CLOSED_STATUSES.includes(status);
      status = p.status;
      const isClosed = CLOSED_STATUSES.includes(status);
      if (isClosed && !wasClosed) {
        // Solving fulfils every running metric.
        if (open('first_reply')) firstReplyDone = true;
        for (const m of SLA_METRICS) close(m, p.at);
      } else if (!isClosed && wasClosed) {
        const res = out.resolution[0]!;
        res.end = null;
        if (agentReplied) out.periodic_update.push({ start: p.at, end: null });
      }
      continue;
    }
    const closedNow = CLOSED_STATUSES.includes(status);
    if (p.author === 'customer') {
      if (out.first_reply.length === 0) out.first_reply.push({ start: p.at, end: closedNow ? p.at : null });
      else if (firstReplyDone && !open('next_reply') && !closedNow) out.next_reply.push({ start: p.at, end: null });
      continue;
    }
    // A public agent reply.
    if (open('first_reply')) {
      close('first_reply', p.at);
      firstReplyDone = true;
    } else if (out.first_reply.length > 0) firstReplyDone = true;
    close('next_reply', p.at);
    close('periodic_update', p.at);
    agentReplied = true;
    if (!closedNow) out.periodic_update.push({ start: p.at, end: null });
  }
  return out;
}

/** Each targeted metric's cycles, measured against its target, as of `now`. */
export function computeSla(settings: SlaClockSettings, timeline: SlaTimeline, now: Date): MetricClock[] {
  const segments: Segment[] = timeline.statuses.map((s) => ({
    from: s.at.getTime(),
    running: !CLOSED_STATUSES.includes(s.status) && !settings.pauseStatuses.includes(s.status),
  }));
  if (segments.length === 0) segments.push({ from: timeline.createdAt.getTime(), running: true });
  const raw = cyclesOf(timeline);
  const nowMs = now.getTime();
  const percent = Math.min(100, Math.max(1, settings.warningPercent));
  const out: MetricClock[] = [];
  for (const metric of SLA_METRICS) {
    const target = settings.targets[metric];
    if (!target || !(target.minutes > 0) || raw[metric].length === 0) continue;
    const meter = meterOf(target, settings.calendar);
    // At least a millisecond each: a cycle never starts due or warned.
    const budget = Math.max(1, Math.round(target.minutes * MINUTE));
    const warnBudget = Math.max(1, Math.round((budget * percent) / 100));
    const cycles = raw[metric].map((c, i): SlaCycle => {
      const end = c.end ?? Math.max(nowMs, c.start);
      const m = measure(meter, segments, c.start, end, budget, warnBudget);
      return {
        cycle: i + 1,
        startedAt: new Date(c.start),
        dueAt: new Date(m.dueAt),
        warnAt: new Date(m.warnAt),
        pausedMinutes: m.pausedMs / MINUTE,
        fulfilledAt: c.end === null ? null : new Date(c.end),
        paused: c.end === null && m.pausedAtEnd,
        // Open: breached once now ≥ due. Fulfilled: breached when fulfilled after due.
        breached: c.end === null ? m.dueAt <= end : m.dueAt < end,
        warned: c.end === null ? m.warnAt <= end : m.warnAt < end,
      };
    });
    out.push({ metric, target, cycles });
  }
  return out;
}
