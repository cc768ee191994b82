import type { Rng } from './demo-random.js';
import { fill, type Cluster } from './scenarios.js';
import {
  PHRASES,
  SCENARIOS,
  decorate,
  finishTicket,
  frameTicket,
  type PlanCustomer,
  type PlanInput,
  type PlannedTicket,
  type TicketFrame,
} from './ticket-plan.js';
import { squeeze, type ActorRef, type TimelineStep } from './ticket-timeline.js';

/**
 * Problems and incidents: one outage, many customers writing about it. Each incident is linked
 * to the problem, put on hold with a shared answer, and solved when the problem is — with the
 * problem's reply posted on it, as the product does.
 */

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const SHANGHAI_OFFSET = 8 * HOUR;

function firstReport(rng: Rng, daysAgo: number, now: Date): number {
  const day = now.getTime() - daysAgo * DAY + SHANGHAI_OFFSET;
  const t0 = Math.floor(day / DAY) * DAY - SHANGHAI_OFFSET + 10 * HOUR + rng.int(0, 60) * MIN;
  return Math.min(t0, now.getTime() - 6 * HOUR);
}

function opening(rng: Rng, c: Cluster, f: TicketFrame): string {
  const book = PHRASES[c.lang];
  return decorate(book, f.channel, f.vars, rng, { stage: 'O', body: fill(rng.pick(c.opening), f.vars), first: true });
}

function problemTicket(p: PlanInput, c: Cluster, customer: PlanCustomer, t0: number, fixAt: number | null): PlannedTicket {
  const { rng } = p;
  const scenario = SCENARIOS.find((s) => s.key === c.scenario)!;
  const f = frameTicket(p, { ...scenario, type: 'problem' }, customer, new Date(t0), 'lead');
  const lead: ActorRef = { type: 'user', id: f.assignee!.id };
  const limit = Math.min(fixAt ?? p.now.getTime(), p.now.getTime()) - MIN;
  const [, assignAt, noteAt, holdAt] = squeeze([t0, t0 + 10 * MIN, t0 + 25 * MIN, t0 + 40 * MIN], limit);
  const steps: TimelineStep[] = [
    {
      at: new Date(t0),
      actor: { type: 'customer', id: customer.id },
      message: { kind: 'public', body: opening(rng, c, f), channel: f.channel, fromProblem: false },
    },
    { at: new Date(assignAt!), actor: lead, assign: f.assignee!.id },
    { at: new Date(noteAt!), actor: lead, message: { kind: 'note', body: c.problemNote, channel: 'internal', fromProblem: false } },
    {
      at: new Date(holdAt!),
      actor: lead,
      message: { kind: 'public', body: c.holdReply, channel: f.channel, fromProblem: false },
      setStatus: 'on_hold',
    },
  ];
  if (fixAt !== null) {
    steps.push({
      at: new Date(fixAt),
      actor: lead,
      message: { kind: 'public', body: c.resolution, channel: f.channel, fromProblem: false },
      setStatus: 'solved',
    });
  }
  return finishTicket(p, { ...f, priority: 'urgent' }, c.problemSubject, steps, ['problem']);
}

function incidentTicket(
  p: PlanInput,
  c: Cluster,
  customer: PlanCustomer,
  problem: PlannedTicket,
  window: { from: number; to: number; fixAt: number | null },
): PlannedTicket {
  const { rng } = p;
  const scenario = SCENARIOS.find((s) => s.key === c.scenario)!;
  const created = Math.round(rng.float(window.from, Math.max(window.from, window.to)));
  const f = frameTicket(p, { ...scenario, type: 'incident' }, customer, new Date(created), 'agent');
  const agent: ActorRef = { type: 'user', id: f.assignee!.id };
  const assignAt = created + rng.int(3, 20) * MIN;
  const raw = [created, assignAt, assignAt + rng.int(1, 5) * MIN, assignAt + rng.int(6, 15) * MIN];
  const [, a, n, h] = squeeze(raw, (window.fixAt ?? p.now.getTime()) - MIN);
  const vars = { ...f.vars, problem: '{problem}' };
  const steps: TimelineStep[] = [
    {
      at: new Date(created),
      actor: { type: 'customer', id: customer.id },
      message: { kind: 'public', body: opening(rng, c, f), channel: f.channel, fromProblem: false },
    },
    { at: new Date(a!), actor: agent, assign: f.assignee!.id },
    {
      at: new Date(n!),
      actor: agent,
      message: { kind: 'note', body: fill(c.incidentNote, vars), channel: 'internal', fromProblem: false },
    },
    {
      at: new Date(h!),
      actor: agent,
      message: { kind: 'public', body: c.holdReply, channel: f.channel, fromProblem: false },
      setStatus: 'on_hold',
    },
  ];
  if (window.fixAt !== null) {
    const solver: ActorRef = { type: 'user', id: problem.assigneeId! };
    steps.push({
      at: new Date(window.fixAt),
      actor: solver,
      message: { kind: 'public', body: c.resolution, channel: f.channel, fromProblem: true },
      setStatus: 'solved',
      extra: { kind: 'ticket.solved_by_problem', field: null, oldValue: null, newValue: null },
    });
  }
  const subject = fill(rng.pick(c.subject), f.vars);
  const t = finishTicket(p, f, subject, steps, []);
  return { ...t, incidentOf: { problem, at: new Date(n!) } };
}

/** A problem ticket and its incidents; fewer incidents at smaller scales. */
export function buildCluster(p: PlanInput, c: Cluster): PlannedTicket[] {
  const { rng, now } = p;
  const t0 = firstReport(rng, c.daysAgo, now);
  const fix = c.fixedAfterHours === null ? null : t0 + c.fixedAfterHours * HOUR;
  const fixAt = fix !== null && fix < now.getTime() - 10 * MIN ? fix : null;
  const count = Math.max(2, Math.round(c.incidents * p.scale));
  const people = rng.sample(
    p.customers.filter((x) => x.spec.lang === c.lang),
    count + 1,
  );
  const problem = problemTicket(p, c, people[0]!, t0, fixAt);
  const to = (fixAt ?? now.getTime()) - 30 * MIN;
  const incidents = people.slice(1).map((customer) => incidentTicket(p, c, customer, problem, { from: t0 + 15 * MIN, to, fixAt }));
  return [problem, ...incidents];
}
