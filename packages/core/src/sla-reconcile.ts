/**
 * From "what the clocks say now" (computeSla) and "what is stored" to the rows to write, the
 * history to append and the warnings/breaches to fire. Pure, so exactly-once is decided here:
 * a cycle whose stored row has `breachedAt` (or `warnedAt`) never fires it again, and a breach
 * is final for its cycle even if a later change would move the due instant past now.
 */
import type { MetricClock, SlaCycle, SlaMetric, SlaStatus } from './sla.js';
import { SLA_METRICS } from './sla.js';

export interface SlaState {
  metric: SlaMetric;
  cycle: number;
  status: SlaStatus;
  policyId: string | null;
  targetMinutes: number;
  business: boolean;
  startedAt: Date;
  dueAt: Date;
  warnAt: Date;
  pausedMinutes: number;
  fulfilledAt: Date | null;
  /** When the warning (breach) of this cycle was recorded; null until then. */
  warnedAt: Date | null;
  breachedAt: Date | null;
  /** When this row needs looking at again (its warning or its due instant); null when nothing is pending. */
  nextFireAt: Date | null;
}

export interface StoredSlaState extends SlaState {
  version: number;
}

export const SLA_HISTORY_KINDS = [
  'activated',
  'paused',
  'resumed',
  'warning',
  'breached',
  'fulfilled',
  'reactivated',
  'retargeted',
  'cancelled',
] as const;
export type SlaHistoryKind = (typeof SLA_HISTORY_KINDS)[number];

export interface SlaHistoryEntry {
  metric: SlaMetric;
  cycle: number;
  kind: SlaHistoryKind;
  /** When it happened: the due instant for a breach, the fulfilment instant for a fulfilment, else now. */
  at: Date;
  status: SlaStatus;
  dueAt: Date | null;
  targetMinutes: number;
  pausedMinutes: number;
  policyId: string | null;
  /** For `fulfilled`: whether the cycle met its target. */
  withinTarget: boolean | null;
}

export interface SlaFiring {
  metric: SlaMetric;
  cycle: number;
  kind: 'warning' | 'breached';
  dueAt: Date;
  targetMinutes: number;
  /** The cycle was already fulfilled when the breach was noticed: record it, do not escalate. */
  late: boolean;
}

export interface SlaReconciliation {
  /** Every metric's state after this change. */
  states: SlaState[];
  /** Rows to insert or update, with the version the stored row must still have (0: none stored). */
  writes: Array<{ state: SlaState; expectedVersion: number }>;
  deletes: Array<{ metric: SlaMetric; expectedVersion: number }>;
  history: SlaHistoryEntry[];
  firings: SlaFiring[];
}

const same = (a: Date | null, b: Date | null) => (a === null || b === null ? a === b : a.getTime() === b.getTime());

function equalStates(a: SlaState, b: SlaState): boolean {
  return (
    a.cycle === b.cycle &&
    a.status === b.status &&
    a.policyId === b.policyId &&
    a.targetMinutes === b.targetMinutes &&
    a.business === b.business &&
    same(a.startedAt, b.startedAt) &&
    same(a.dueAt, b.dueAt) &&
    same(a.warnAt, b.warnAt) &&
    Math.abs(a.pausedMinutes - b.pausedMinutes) < 1e-6 &&
    same(a.fulfilledAt, b.fulfilledAt) &&
    same(a.warnedAt, b.warnedAt) &&
    same(a.breachedAt, b.breachedAt) &&
    same(a.nextFireAt, b.nextFireAt)
  );
}

/** Whether a state counts toward the ticket's "next due": open and not stopped. */
export function isRunning(s: Pick<SlaState, 'status' | 'fulfilledAt'>): boolean {
  return s.fulfilledAt === null && (s.status === 'active' || s.status === 'warning' || s.status === 'breached');
}

/** The ticket's next due instant (breached open metrics are past due and come first), or null. */
export function nextDueOf(states: readonly Pick<SlaState, 'status' | 'fulfilledAt' | 'dueAt'>[]): Date | null {
  let min: Date | null = null;
  for (const s of states) if (isRunning(s) && (min === null || s.dueAt < min)) min = s.dueAt;
  return min;
}

/** The earliest pending timer of the ticket, or null. */
export function nextFireOf(states: readonly Pick<SlaState, 'nextFireAt'>[]): Date | null {
  let min: Date | null = null;
  for (const s of states) if (s.nextFireAt && (min === null || s.nextFireAt < min)) min = s.nextFireAt;
  return min;
}

function minDate(...ds: Array<Date | null>): Date | null {
  let min: Date | null = null;
  for (const d of ds) if (d && (min === null || d < min)) min = d;
  return min;
}

interface MetricContext {
  clock: MetricClock;
  stored: StoredSlaState | undefined;
  policyId: string | null;
  now: Date;
  out: SlaReconciliation;
}

function entry(c: MetricContext, cycle: SlaCycle, kind: SlaHistoryKind, at: Date, status: SlaStatus, withinTarget: boolean | null = null) {
  c.out.history.push({
    metric: c.clock.metric,
    cycle: cycle.cycle,
    kind,
    at,
    status,
    dueAt: cycle.dueAt,
    targetMinutes: c.clock.target.minutes,
    pausedMinutes: cycle.pausedMinutes,
    policyId: c.policyId,
    withinTarget,
  });
}

/** Cycles that ended since the stored one: their outcome (and a breach nobody recorded yet). */
function closeFinishedCycles(c: MetricContext, current: SlaCycle): void {
  const s = c.stored;
  if (!s) return;
  for (const cycle of c.clock.cycles) {
    if (cycle.cycle < s.cycle || cycle.cycle >= current.cycle || !cycle.fulfilledAt) continue;
    const isStoredCycle = cycle.cycle === s.cycle;
    if (isStoredCycle && s.fulfilledAt) continue; // outcome already recorded
    const breachRecorded = isStoredCycle && s.breachedAt !== null;
    const breached = breachRecorded || cycle.breached;
    if (breached && !breachRecorded) {
      entry(c, cycle, 'breached', cycle.dueAt, 'breached');
      c.out.firings.push(firing(c, cycle, 'breached', true));
    }
    entry(c, cycle, 'fulfilled', cycle.fulfilledAt, breached ? 'breached' : 'fulfilled', !breached);
  }
}

function firing(c: MetricContext, cycle: SlaCycle, kind: 'warning' | 'breached', late: boolean): SlaFiring {
  return { metric: c.clock.metric, cycle: cycle.cycle, kind, dueAt: cycle.dueAt, targetMinutes: c.clock.target.minutes, late };
}

function reconcileMetric(c: MetricContext): void {
  const { clock, stored: s, now } = c;
  const cur = clock.cycles[clock.cycles.length - 1]!;
  closeFinishedCycles(c, cur);
  const sameCycle = s !== undefined && s.cycle === cur.cycle;
  const isOpen = cur.fulfilledAt === null;
  let warnedAt = sameCycle ? s.warnedAt : null;
  let breachedAt = sameCycle ? s.breachedAt : null;

  if (!sameCycle && isOpen) entry(c, cur, 'activated', now, 'active');
  if (sameCycle && s.fulfilledAt && isOpen) entry(c, cur, 'reactivated', now, 'active');
  if (sameCycle && (s.targetMinutes !== clock.target.minutes || s.business !== clock.target.business || s.policyId !== c.policyId))
    entry(c, cur, 'retargeted', now, s.status);

  if (cur.breached && breachedAt === null) {
    breachedAt = now;
    entry(c, cur, 'breached', cur.dueAt, 'breached');
    c.out.firings.push(firing(c, cur, 'breached', !isOpen));
  } else if (isOpen && cur.warned && warnedAt === null && breachedAt === null) {
    warnedAt = now;
    entry(c, cur, 'warning', now, 'warning');
    c.out.firings.push(firing(c, cur, 'warning', false));
  }
  const breached = breachedAt !== null;
  if (!isOpen && !(sameCycle && s.fulfilledAt))
    entry(c, cur, 'fulfilled', cur.fulfilledAt!, breached ? 'breached' : 'fulfilled', !breached);

  let status: SlaStatus;
  if (breached) status = 'breached';
  else if (!isOpen) status = 'fulfilled';
  else if (cur.paused) status = 'paused';
  else if (warnedAt !== null) status = 'warning';
  else status = 'active';
  if (sameCycle && isOpen && !breached) {
    if (s.status !== 'paused' && status === 'paused') entry(c, cur, 'paused', now, status);
    if (s.status === 'paused' && status !== 'paused') entry(c, cur, 'resumed', now, status);
  }
  const pending = isOpen && !cur.paused && !breached;
  const state: SlaState = {
    metric: clock.metric,
    cycle: cur.cycle,
    status,
    policyId: c.policyId,
    targetMinutes: clock.target.minutes,
    business: clock.target.business,
    startedAt: cur.startedAt,
    dueAt: cur.dueAt,
    warnAt: cur.warnAt,
    pausedMinutes: cur.pausedMinutes,
    fulfilledAt: cur.fulfilledAt,
    warnedAt,
    breachedAt,
    nextFireAt: pending ? minDate(warnedAt === null && cur.warnAt > now ? cur.warnAt : null, cur.dueAt > now ? cur.dueAt : null) : null,
  };
  c.out.states.push(state);
  if (!s || !equalStates(s, state)) c.out.writes.push({ state, expectedVersion: s?.version ?? 0 });
}

/**
 * Reconciles the stored per-metric rows with freshly computed clocks. Metrics the policy no
 * longer targets are cancelled (deleted); cycles that ended since the last look get their
 * outcome; a warning or breach that is due and not yet recorded fires once.
 */
export function reconcileSla(
  stored: readonly StoredSlaState[],
  clocks: readonly MetricClock[],
  policyId: string | null,
  now: Date,
): SlaReconciliation {
  const out: SlaReconciliation = { states: [], writes: [], deletes: [], history: [], firings: [] };
  for (const metric of SLA_METRICS) {
    const s = stored.find((x) => x.metric === metric);
    const clock = clocks.find((x) => x.metric === metric);
    if (clock) {
      reconcileMetric({ clock, stored: s, policyId, now, out });
    } else if (s) {
      out.deletes.push({ metric, expectedVersion: s.version });
      out.history.push({
        metric,
        cycle: s.cycle,
        kind: 'cancelled',
        at: now,
        status: s.status,
        dueAt: s.dueAt,
        targetMinutes: s.targetMinutes,
        pausedMinutes: s.pausedMinutes,
        policyId: s.policyId,
        withinTarget: null,
      });
    }
  }
  return out;
}
