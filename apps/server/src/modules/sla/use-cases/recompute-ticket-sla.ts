import type { TicketSlaSummary } from '@kefu/contracts/sla-state';
import { TWENTY_FOUR_SEVEN } from '@kefu/core/calendar';
import { computeSla, matchPolicy, type SlaMetricTargets, type SlaTicketFacts } from '@kefu/core/sla';
import { nextDueOf, reconcileSla, type SlaFiring, type SlaReconciliation } from '@kefu/core/sla-reconcile';
import type { TicketPriority, TicketStatus } from '@kefu/core/ticket-status';
import { systemActor } from '../../../engine/auth/principal.js';
import type { TicketRow } from '../../../engine/db/schema.js';
import type { Tx } from '../../../engine/db/tx.js';
import { recordEvents } from '../../../engine/events/events.repository.js';
import { policyCalendar, workspacePolicies, type WorkspacePolicies } from '../sla-cache.js';
import type { SlaPolicyRecord } from '../sla-policies.repository.js';
import { toSummary } from '../sla.serializer.js';
import { customerTier, loadSnapshot, writeReconciliation, type TicketSlaSnapshot } from '../ticket-sla.repository.js';
import { escalate } from './escalate.js';

export interface RecomputeOptions {
  /** Record the states (warnings and breaches included) without events or escalation: backfills. */
  silent?: boolean;
}

/** What the SLA looks at of a ticket; a new ticket has all of it before its row exists. */
export type SlaTicket = Pick<
  TicketRow,
  'workspace_id' | 'priority' | 'type' | 'channel' | 'group_id' | 'category' | 'tags' | 'requester_id' | 'status' | 'created_at'
>;

export function factsOf(ticket: SlaTicket, tier: string | null): SlaTicketFacts {
  return {
    priority: ticket.priority,
    type: ticket.type,
    channel: ticket.channel,
    groupId: ticket.group_id,
    category: ticket.category,
    tags: ticket.tags,
    customerTier: tier,
  };
}

function freshSnapshot(ticket: SlaTicket, author: 'agent' | 'customer', tier: string | null): TicketSlaSnapshot {
  return {
    timeline: {
      createdAt: ticket.created_at,
      statuses: [{ at: ticket.created_at, status: ticket.status as TicketStatus }],
      messages: [{ at: ticket.created_at, author }],
    },
    stored: [],
    tier,
  };
}

async function clocksOf(trx: Tx, ticket: SlaTicket, policy: SlaPolicyRecord | null, snapshot: TicketSlaSnapshot, now: Date) {
  if (!policy) return [];
  const targets: SlaMetricTargets = policy.targets[ticket.priority as TicketPriority] ?? {};
  const metrics = Object.values(targets);
  if (metrics.length === 0) return [];
  const calendar = metrics.some((t) => t?.business) ? await policyCalendar(trx, ticket.workspace_id, policy.calendarId) : TWENTY_FOUR_SEVEN;
  return computeSla(
    { targets, calendar, pauseStatuses: policy.pauseStatuses, warningPercent: policy.warningPercent },
    snapshot.timeline,
    now,
  );
}

async function recordFirings(trx: Tx, ticket: TicketRow, policy: SlaPolicyRecord | null, firings: readonly SlaFiring[], now: Date) {
  await recordEvents(
    trx,
    systemActor(ticket.workspace_id),
    firings.map((f) => ({
      ticketId: ticket.id,
      kind: f.kind === 'warning' ? 'sla.warning' : 'sla.breached',
      newValue: {
        metric: f.metric,
        cycle: f.cycle,
        dueAt: f.dueAt.toISOString(),
        targetMinutes: f.targetMinutes,
        policyId: policy?.id ?? null,
        policyName: policy?.name ?? null,
        ...(f.late ? { late: true } : {}),
      },
    })),
    now,
  );
}

/** A computed SLA, not yet stored. */
export interface SlaPlan {
  policy: SlaPolicyRecord | null;
  reconciliation: SlaReconciliation;
  /** The ticket's sort key before and after. */
  before: Date | null;
  after: Date | null;
}

async function plan(trx: Tx, ticket: SlaTicket, snapshot: TicketSlaSnapshot, policies: WorkspacePolicies, now: Date): Promise<SlaPlan> {
  const policy = matchPolicy(policies.active, factsOf(ticket, snapshot.tier));
  const clocks = await clocksOf(trx, ticket, policy, snapshot, now);
  const reconciliation = reconcileSla(snapshot.stored, clocks, policy?.id ?? null, now);
  return { policy, reconciliation, before: nextDueOf(snapshot.stored), after: nextDueOf(reconciliation.states) };
}

interface Pass {
  summary: TicketSlaSummary | null;
  /** The ticket after an escalation changed it (priority, group), to be evaluated again. */
  changed: TicketRow | null;
}

/** Stores a plan (rows, history, sort key when it moved), then fires and escalates. */
async function apply(
  trx: Tx,
  ticket: TicketRow,
  p: SlaPlan,
  now: Date,
  opts: RecomputeOptions & { sortKeyStored?: boolean },
): Promise<Pass> {
  const r = p.reconciliation;
  const moved = (p.before?.getTime() ?? null) !== (p.after?.getTime() ?? null);
  await writeReconciliation(trx, ticket, r, { changed: moved, value: p.after }, now);
  const summary = toSummary(r.states, p.policy?.id ?? null);
  if (opts.silent || r.firings.length === 0) return { summary, changed: null };
  await recordFirings(trx, ticket, p.policy, r.firings, now);
  const breaches = r.firings.filter((f) => f.kind === 'breached' && !f.late);
  const escalated = p.policy && breaches.length > 0 ? await escalate(trx, ticket, p.policy, breaches, now) : null;
  return { summary, changed: escalated };
}

async function recomputeOnce(trx: Tx, ticket: TicketRow, now: Date, opts: RecomputeOptions): Promise<Pass> {
  const policies = await workspacePolicies(trx, ticket.workspace_id);
  const snapshot = await loadSnapshot(trx, ticket, policies.needsTier);
  if (policies.active.length === 0 && snapshot.stored.length === 0) return { summary: null, changed: null };
  return apply(trx, ticket, await plan(trx, ticket, snapshot, policies, now), now, opts);
}

/**
 * Brings a ticket's SLA up to date in the caller's transaction (which holds the ticket's row
 * lock): matches the policy, recomputes every metric from the timeline, stores the rows and their
 * history, and fires due warnings and breaches exactly once — with the policy's escalation, after
 * which the changed ticket is evaluated again. Returns the summary ticket responses embed (null
 * when no policy applies and nothing was stored).
 */
export async function recomputeTicketSla(
  trx: Tx,
  ticket: TicketRow,
  now: Date,
  opts: RecomputeOptions = {},
): Promise<TicketSlaSummary | null> {
  let pass = await recomputeOnce(trx, ticket, now, opts);
  // An escalation changes priority or group, which can change the policy and targets; its own
  // breaches are recorded by then, so this settles after one more pass (two at most).
  for (let i = 0; i < 2 && pass.changed; i++) pass = await recomputeOnce(trx, pass.changed, now, opts);
  return pass.summary;
}

/**
 * The intake path, around the ticket's insert: plan from what the new ticket will be (its one
 * public message by `firstMessageAuthor`; no reads but the requester's tier when a policy needs
 * it), so that its sort key (`sla_due_at`) and its SLA rows (`newTicketSlaCtes`) go into the
 * statement that inserts it — intake stays one statement. Null when no policy applies.
 */
export async function planNewTicketSla(
  trx: Tx,
  ticket: SlaTicket,
  firstMessageAuthor: 'agent' | 'customer',
  now: Date,
): Promise<SlaPlan | null> {
  const policies = await workspacePolicies(trx, ticket.workspace_id);
  if (policies.active.length === 0) return null;
  const tier = policies.needsTier ? await customerTier(trx, ticket.workspace_id, ticket.requester_id) : null;
  const p = await plan(trx, ticket, freshSnapshot(ticket, firstMessageAuthor, tier), policies, now);
  return p.policy ? p : null;
}

/**
 * After the insert: the summary for the response. A new ticket's targets are in the future (every
 * target is at least a millisecond), so nothing fires at creation.
 */
export function newTicketSlaSummary(p: SlaPlan | null): TicketSlaSummary | null {
  return p ? toSummary(p.reconciliation.states, p.policy?.id ?? null) : null;
}
