import type { AgentRole, CustomerSpec, GroupKey, Lang } from './demo-people.js';
import type { Rng } from './demo-random.js';
import { EN_PHRASES, ZH_PHRASES } from './phrasebooks.js';
import { EN_CLUSTERS, ZH_CLUSTERS } from './problem-clusters.js';
import { EN_SCENARIOS } from './scenarios-en.js';
import { ZH_ORDER_SCENARIOS } from './scenarios-zh-orders.js';
import { ZH_SERVICE_SCENARIOS } from './scenarios-zh-service.js';
import { REFUND_REASONS, fill, ticketVars, type Cluster, type Phrasebook, type Priority, type Scenario, type Vars } from './scenarios.js';
import {
  CUSTOMER_STAGES,
  PATTERNS,
  REPLY_STATUS,
  autoClose,
  runTimeline,
  stageTimes,
  type ActorRef,
  type PlannedChange,
  type PlannedMessage,
  type Stage,
  type Target,
  type TimelineStep,
} from './ticket-timeline.js';

/**
 * The demo's tickets as plain data: who wrote what and when, the status each ticket ends in, its
 * events. Pure: a seeded Rng and `now` in, the same plan out. The seeder gives it ids and numbers.
 */

export const SCENARIOS: readonly Scenario[] = [...ZH_ORDER_SCENARIOS, ...ZH_SERVICE_SCENARIOS, ...EN_SCENARIOS];
export const CLUSTERS: readonly Cluster[] = [...ZH_CLUSTERS, ...EN_CLUSTERS];
export const PHRASES: Readonly<Record<Lang, Phrasebook>> = { zh: ZH_PHRASES, en: EN_PHRASES };

export interface PlanAgent {
  id: string;
  name: string;
  role: AgentRole;
  speaks: readonly Lang[];
  groups: readonly GroupKey[];
}

export interface PlanCustomer {
  id: string;
  spec: CustomerSpec;
  company: string | null;
}

export interface PlanInput {
  rng: Rng;
  now: Date;
  tickets: number;
  /** 1 for the full demo; incidents per problem shrink with it. */
  scale: number;
  agents: readonly PlanAgent[];
  customers: readonly PlanCustomer[];
  groupIds: Readonly<Record<GroupKey, string>>;
}

export interface PlannedTicket {
  subject: string;
  status: string;
  priority: Priority;
  type: string | null;
  category: string;
  channel: string;
  requesterId: string;
  assigneeId: string | null;
  groupId: string | null;
  tags: string[];
  language: 'zh-CN' | 'en';
  customFields: Record<string, string | number>;
  createdAt: Date;
  updatedAt: Date;
  solvedAt: Date | null;
  closedAt: Date | null;
  followerIds: string[];
  messages: PlannedMessage[];
  changes: PlannedChange[];
  /** For an incident: its problem ticket, and when they were linked. */
  incidentOf: { problem: PlannedTicket; at: Date } | null;
}

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const SHANGHAI_OFFSET = 8 * HOUR;
const DAYS = 90;
const HOUR_WEIGHTS = [
  0.2, 0.1, 0.05, 0.05, 0.05, 0.1, 0.3, 0.6, 1, 1.5, 1.8, 1.7, 1.3, 1.4, 1.6, 1.6, 1.5, 1.3, 1.1, 1.2, 1.4, 1.4, 1, 0.5,
];
const CHANNELS: Readonly<Record<Lang, Readonly<Record<string, number>>>> = {
  zh: { wechat: 26, chat: 20, email: 12, web: 14, portal: 8, phone: 12, api: 8 },
  en: { email: 42, chat: 22, web: 14, portal: 12, phone: 4, api: 6 },
};
const ROLE_WEIGHT: Readonly<Record<AgentRole, number>> = { owner: 0.05, admin: 0.15, supervisor: 0.35, agent: 1, light_agent: 0 };
const BUMP: Readonly<Record<Priority, Priority>> = { low: 'normal', normal: 'high', high: 'urgent', urgent: 'urgent' };

/** When a ticket came in: more on weekdays and in the daytime (Shanghai), slowly growing. */
export function sampleCreatedAt(rng: Rng, now: Date): Date {
  const localNow = now.getTime() + SHANGHAI_OFFSET;
  const today = Math.floor(localNow / DAY) * DAY - SHANGHAI_OFFSET;
  for (let attempt = 0; attempt < 20; attempt++) {
    const daysAgo = rng.weightedBy([...Array(DAYS).keys()], (d) => {
      const weekday = new Date(today - d * DAY + SHANGHAI_OFFSET).getUTCDay();
      return (1 + 0.5 * (1 - d / DAYS)) * (weekday === 0 || weekday === 6 ? 0.65 : 1);
    });
    const hour = rng.weightedBy([...HOUR_WEIGHTS.keys()], (h) => HOUR_WEIGHTS[h]!);
    const at = today - daysAgo * DAY + hour * HOUR + rng.int(0, 3599) * 1000;
    if (at <= now.getTime() - 5 * MIN) return new Date(at);
  }
  return new Date(now.getTime() - rng.int(5, 120) * MIN);
}

/** Where a ticket of this age has got to: young ones are still being worked on. */
export function sampleTarget(rng: Rng, ageMs: number): Target {
  if (ageMs < 8 * HOUR) return rng.weighted({ new: 45, open: 25, pending: 15, on_hold: 3, resolved: 12 });
  if (ageMs < 2 * DAY) return rng.weighted({ new: 12, open: 25, pending: 25, on_hold: 6, resolved: 32 });
  if (ageMs < 7 * DAY) return rng.weighted({ new: 3, open: 10, pending: 12, on_hold: 6, resolved: 69 });
  if (ageMs < 30 * DAY) return rng.weighted({ open: 3, pending: 3, on_hold: 3, resolved: 91 });
  return rng.weighted({ open: 1, pending: 0.5, on_hold: 1, resolved: 97.5 });
}

function pickChannel(rng: Rng, lang: Lang, c: CustomerSpec): string {
  const ch = rng.weighted(CHANNELS[lang]);
  if (ch === 'wechat' && !c.wechat) return 'chat';
  if (ch === 'phone' && !c.phone) return 'web';
  if (ch === 'email' && !c.email) return 'web';
  return ch;
}

export function pickAssignee(rng: Rng, agents: readonly PlanAgent[], group: GroupKey, lang: Lang, leads = false): PlanAgent {
  const able = agents.filter((a) => a.groups.includes(group) && a.speaks.includes(lang) && a.role !== 'light_agent');
  const pool = able.length > 0 ? able : agents.filter((a) => a.role !== 'light_agent');
  return rng.weightedBy(pool, (a) => (leads && a.role === 'supervisor' ? 5 : ROLE_WEIGHT[a.role]));
}

export function supervisorOf(agents: readonly PlanAgent[], group: GroupKey): PlanAgent {
  return agents.find((a) => a.role === 'supervisor' && a.groups.includes(group)) ?? agents.find((a) => a.role === 'owner') ?? agents[0]!;
}

function noteAuthor(rng: Rng, agents: readonly PlanAgent[], group: GroupKey, assignee: PlanAgent): PlanAgent {
  const r = rng.next();
  const light = agents.find((a) => a.role === 'light_agent' && a.groups.includes(group));
  if (light && r < 0.12) return light;
  if (r < 0.27) return supervisorOf(agents, group);
  return assignee;
}

/** Writes one turn in the voice of its channel: greetings and sign-offs by email, short in chat. */
export function decorate(
  book: Phrasebook,
  channel: string,
  vars: Vars,
  rng: Rng,
  turn: { stage: Stage; body: string; first: boolean },
): string {
  const { stage, body, first } = turn;
  if (stage === 'N') return body;
  const email = channel === 'email';
  if (CUSTOMER_STAGES.has(stage)) {
    if (email && first) return `${rng.pick(book.emailGreeting)}\n\n${body}\n\n${rng.pick(book.emailSignoff)}\n${vars.name}`;
    if (email) return `${body}\n\n${vars.name}`;
    if (first && (channel === 'chat' || channel === 'wechat') && rng.chance(0.35)) return `${rng.pick(book.chatOpener)}${body}`;
    return body;
  }
  if (email) return `${fill(rng.pick(book.agentEmailGreeting), vars)}\n\n${body}\n\n${fill(rng.pick(book.agentEmailSignoff), vars)}`;
  return first && rng.chance(0.6) ? `${fill(rng.pick(book.agentChatOpener), vars)}${body}` : body;
}

/** Which thread of its scenario a ticket follows, and the wordings it has used. */
interface Thread {
  index: number;
  ask: number | null;
  used: Set<string>;
}

const THREADED: ReadonlySet<Stage> = new Set(['O', 'A', 'D', 'P', 'H', 'R']);

/** One turn's text: the ticket's thread where the scenario has one, avoiding repeated wordings. */
function turnText(rng: Rng, s: Scenario, book: Phrasebook, stage: Stage, thread: Thread): string {
  const lists: Record<Stage, readonly string[]> = {
    O: s.opening,
    A: s.ask,
    D: s.detail,
    P: s.progress,
    H: s.hold.length > 0 ? s.hold : book.hold,
    N: rng.chance(0.8) ? s.note : book.note,
    R: s.resolve,
    C: book.chase,
    T: book.thanks,
    W: book.welcome,
  };
  const list = lists[stage];
  let text: string | undefined;
  if (THREADED.has(stage) && list.length === s.opening.length) text = list[thread.index];
  else if (stage === 'D' && thread.ask !== null && list.length === s.ask.length) text = list[thread.ask];
  if (text === undefined || thread.used.has(text)) {
    const fresh = list.filter((t) => !thread.used.has(t));
    text = rng.pick(fresh.length > 0 ? fresh : list);
  }
  if (stage === 'A') thread.ask = s.ask.indexOf(text);
  thread.used.add(text);
  return text;
}

function customFields(rng: Rng, s: Scenario, vars: Vars, thread: number): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  if (s.fields.includes('order')) out.order_number = vars.order!;
  if (s.fields.includes('refund')) {
    const reasons = s.refundReasons ?? REFUND_REASONS;
    out.refund_reason = reasons.length === s.opening.length ? reasons[thread]! : rng.pick(reasons);
    out.refund_amount = Number(vars[s.refundAmount ?? 'amount']);
  }
  if (s.fields.includes('app') && rng.chance(0.7)) out.app_version = vars.appver!;
  return out;
}

export function tagsOf(base: readonly string[], extra: Array<string | false>): string[] {
  return [...new Set([...base, ...extra].filter((t): t is string => !!t).map((t) => t.toLowerCase()))].sort();
}

/** Everything a ticket needs before its conversation is written. */
export interface TicketFrame {
  scenario: Scenario;
  customer: PlanCustomer;
  createdAt: Date;
  channel: string;
  priority: Priority;
  assignee: PlanAgent | null;
  vars: Vars;
  /** The scenario thread (index into its openings) the conversation follows. */
  thread: number;
}

export function frameTicket(
  p: PlanInput,
  scenario: Scenario,
  customer: PlanCustomer,
  createdAt: Date,
  assign: 'none' | 'agent' | 'lead',
): TicketFrame {
  const { rng } = p;
  const lang = scenario.lang;
  let priority = rng.weighted(scenario.priority);
  if (customer.spec.tags.includes('vip') && rng.chance(0.4)) priority = BUMP[priority];
  const assignee = assign === 'none' ? null : pickAssignee(rng, p.agents, scenario.group, lang, assign === 'lead');
  const fallbackAgent = lang === 'zh' ? '示例科技客服' : 'Demo Co. Support';
  const vars = ticketVars(
    rng,
    lang,
    createdAt,
    { callName: customer.spec.callName, phone: customer.spec.phone, company: customer.company },
    assignee?.name ?? fallbackAgent,
  );
  const thread = rng.int(0, scenario.opening.length - 1);
  return { scenario, customer, createdAt, channel: pickChannel(rng, lang, customer.spec), priority, assignee, vars, thread };
}

/** Assembles the ticket from its frame and timeline, closing it if it has been solved long enough. */
export function finishTicket(
  p: PlanInput,
  f: TicketFrame,
  subject: string,
  steps: TimelineStep[],
  extraTags: Array<string | false>,
): PlannedTicket {
  const first = runTimeline(f.createdAt, steps);
  const close = first.state.status === 'solved' ? autoClose(p.rng, first.state.solvedAt, p.now) : null;
  const t = close ? runTimeline(f.createdAt, [...steps, close]) : first;
  const s = f.scenario;
  const sup = supervisorOf(p.agents, s.group);
  const watched = f.priority === 'urgent' || s.type === 'complaint';
  return {
    subject,
    status: t.state.status,
    priority: f.priority,
    type: s.type,
    category: s.category,
    channel: f.channel,
    requesterId: f.customer.id,
    assigneeId: t.assigneeId,
    groupId: t.assigneeId || p.rng.chance(0.7) ? p.groupIds[s.group] : null,
    tags: tagsOf(s.tags, [
      ...extraTags,
      f.customer.spec.tags.includes('vip') && 'vip',
      f.customer.spec.orgIndex !== null && 'b2b',
      f.priority === 'urgent' && 'escalated',
    ]),
    language: s.lang === 'zh' ? 'zh-CN' : 'en',
    customFields: customFields(p.rng, s, f.vars, f.thread),
    createdAt: f.createdAt,
    updatedAt: t.updatedAt,
    solvedAt: t.state.solvedAt,
    closedAt: t.state.closedAt,
    followerIds: watched && t.assigneeId && t.assigneeId !== sup.id ? [sup.id] : [],
    messages: t.messages,
    changes: t.changes,
    incidentOf: null,
  };
}

/** One ordinary ticket: a scenario played out to the status its age suggests. */
export function ordinaryTicket(p: PlanInput, lang: Lang, createdAt: Date): PlannedTicket {
  const { rng, now } = p;
  const scenario = rng.weightedBy(
    SCENARIOS.filter((s) => s.lang === lang),
    (s) => s.weight,
  );
  const customer = rng.weightedBy(
    p.customers.filter((c) => c.spec.lang === lang),
    (c) => c.spec.weight,
  );
  const target = sampleTarget(rng, now.getTime() - createdAt.getTime());
  const stages = [...rng.weightedBy(PATTERNS[target], ([, w]) => w)[0]] as Stage[];
  const f = frameTicket(p, scenario, customer, createdAt, target === 'new' ? 'none' : 'agent');
  const book = PHRASES[lang];
  const times = stageTimes(rng, stages, createdAt, now);
  const thread: Thread = { index: f.thread, ask: null, used: new Set() };
  const steps: TimelineStep[] = [];
  const customerActor: ActorRef = { type: 'customer', id: customer.id };
  let agentSpoke = false;
  stages.forEach((stage, i) => {
    const at = times[i]!;
    const body = turnText(rng, scenario, book, stage, thread);
    const isCustomer = CUSTOMER_STAGES.has(stage);
    if (!isCustomer && f.assignee && !steps.some((s) => s.assign)) {
      const assignedAt = new Date(Math.max(createdAt.getTime() + 1000, at.getTime() - rng.int(1, 8) * MIN));
      const by = rng.chance(0.7) ? f.assignee : supervisorOf(p.agents, scenario.group);
      steps.push({ at: assignedAt, actor: { type: 'user', id: by.id }, assign: f.assignee.id });
    }
    const author = stage === 'N' && f.assignee ? noteAuthor(rng, p.agents, scenario.group, f.assignee) : f.assignee;
    const actor: ActorRef = isCustomer || !author ? customerActor : { type: 'user', id: author.id };
    const first = isCustomer ? i === 0 : stage !== 'N' && !agentSpoke;
    if (!isCustomer && stage !== 'N') agentSpoke = true;
    const text = decorate(book, f.channel, f.vars, rng, { stage, body: fill(body, f.vars), first });
    steps.push({
      at,
      actor,
      message: { kind: stage === 'N' ? 'note' : 'public', body: text, channel: stage === 'N' ? 'internal' : f.channel, fromProblem: false },
      ...(REPLY_STATUS[stage] ? { setStatus: REPLY_STATUS[stage] } : {}),
    });
  });
  if (f.assignee && !steps.some((s) => s.assign)) {
    const last = steps[steps.length - 1]!.at.getTime();
    const at = new Date(Math.min(now.getTime() - MIN, last + rng.duration(40 * MIN, DAY)));
    steps.push({ at: at.getTime() > last ? at : new Date(last + 1000), actor: { type: 'user', id: f.assignee.id }, assign: f.assignee.id });
  }
  const subject = fill(
    scenario.subject.length === scenario.opening.length ? scenario.subject[f.thread]! : rng.pick(scenario.subject),
    f.vars,
  );
  return finishTicket(p, f, subject, steps, [stages.includes('C') && (lang === 'zh' ? '催单' : 'follow-up')]);
}
