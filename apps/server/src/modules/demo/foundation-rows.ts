import { randomUUID } from 'node:crypto';
import type { Insertable } from 'kysely';
import type { DB } from '../../engine/db/schema.js';
import { normalizeIdentity, type IdentityKind } from '../customers/identities.js';
import { AGENTS, GROUPS, customers as makeCustomers, organizations, type GroupKey, type OrgSpec } from './demo-people.js';
import type { Rng } from './demo-random.js';
import { REFUND_REASONS } from './scenarios.js';
import type { PlanAgent, PlanCustomer } from './ticket-plan.js';

/**
 * The rows of everything but tickets: agents, groups, fields, organizations, customers with
 * their identities, saved views. Ids are made here so tickets can be planned before any write.
 */

type Rows<T extends keyof DB> = Array<Insertable<DB[T]>>;

export interface Foundation {
  users: Rows<'users'>;
  groups: Rows<'groups'>;
  members: Rows<'group_members'>;
  fields: Rows<'field_definitions'>;
  organizations: Rows<'organizations'>;
  customerRows: Rows<'customers'>;
  identities: Rows<'customer_identities'>;
  views: Rows<'views'>;
  events: Rows<'events'>;
}

const DAY = 86_400_000;

function daysBefore(now: Date, rng: Rng, min: number, max: number): Date {
  return new Date(now.getTime() - rng.int(min, max) * DAY - rng.int(0, DAY - 1));
}

function fieldRows(workspaceId: string, at: Date): Rows<'field_definitions'> {
  const f = (key: string, labelZh: string, labelEn: string, type: string, position: number, options: string[] = []) => ({
    workspace_id: workspaceId,
    key,
    label_zh: labelZh,
    label_en: labelEn,
    type,
    options,
    position,
    created_at: at,
    updated_at: at,
  });
  return [
    f('order_number', '订单号', 'Order number', 'text', 0),
    f('refund_reason', '退款原因', 'Refund reason', 'dropdown', 1, [...REFUND_REASONS]),
    f('refund_amount', '退款金额', 'Refund amount', 'number', 2),
    f('app_version', 'App 版本', 'App version', 'text', 3),
  ];
}

function viewRows(workspaceId: string, ownerId: string, agentId: string, groupIds: Record<GroupKey, string>, at: Date): Rows<'views'> {
  const open = ['new', 'open', 'pending', 'on_hold'];
  const v = (userId: string | null, name: string, filters: Record<string, unknown>, sort: string, position: number) => ({
    workspace_id: workspaceId,
    user_id: userId,
    name,
    filters: JSON.stringify(filters),
    sort,
    position,
    created_at: at,
    updated_at: at,
  });
  return [
    v(null, '未分配 · Unassigned', { status: ['new', 'open'], assignee: 'none' }, 'created_asc', 0),
    v(null, '我的待办 · My open tickets', { assignee: 'me', status: open }, 'updated_desc', 1),
    v(null, '紧急与高优先级 · Urgent & high', { priority: ['urgent', 'high'], status: open }, 'created_asc', 2),
    v(null, '等待客户回复 · Pending', { status: ['pending'] }, 'updated_asc', 3),
    v(null, '微信渠道 · WeChat', { channel: ['wechat'], status: ['new', 'open'] }, 'updated_desc', 4),
    v(null, '退款 · Refunds', { tag: 'refund', status: open }, 'created_asc', 5),
    v(ownerId, '近 7 天已解决 · Solved this week', { status: ['solved', 'closed'], updatedWithinDays: 7 }, 'updated_desc', 6),
    v(agentId, '售后待处理 · After-sales queue', { group: groupIds.aftersales, status: ['new', 'open'] }, 'created_asc', 0),
  ];
}

function identityRows(workspaceId: string, c: PlanCustomer, at: Date): Rows<'customer_identities'> {
  const list: Array<[IdentityKind, string | null, string | null]> = [
    ['email', c.spec.email, c.spec.name],
    ['phone', c.spec.phone, null],
    ['wechat', c.spec.wechat, null],
  ];
  return list
    .filter((x): x is [IdentityKind, string, string | null] => x[1] !== null)
    .map(([kind, value, displayName]) => ({
      workspace_id: workspaceId,
      customer_id: c.id,
      kind,
      value: normalizeIdentity(kind, value),
      display_name: displayName,
      created_at: at,
    }));
}

/** The people of the demo with their ids and dates, before there is a workspace to put them in. */
export interface Cast {
  foundedAt: Date;
  agents: PlanAgent[];
  agentDates: Date[];
  customers: PlanCustomer[];
  customerDates: Date[];
  groupIds: Record<GroupKey, string>;
  orgs: Array<{ id: string; spec: OrgSpec; at: Date }>;
}

export function castDemo(rng: Rng, now: Date, scale: number): Cast {
  const foundedAt = new Date(now.getTime() - 400 * DAY);
  const orgs = organizations(Math.max(4, Math.round(20 * scale))).map((spec) => ({
    id: randomUUID(),
    spec,
    at: daysBefore(now, rng, 200, 800),
  }));
  const specs = makeCustomers(
    rng,
    Math.max(30, Math.round(300 * scale)),
    orgs.map((o) => o.spec),
  );
  return {
    foundedAt,
    agents: AGENTS.map((a) => ({ id: randomUUID(), name: a.name, role: a.role, speaks: a.speaks, groups: a.groups })),
    agentDates: AGENTS.map((_, i) => (i === 0 ? foundedAt : daysBefore(now, rng, 100, 390))),
    customers: specs.map((spec) => ({ id: randomUUID(), spec, company: spec.orgIndex === null ? null : orgs[spec.orgIndex]!.spec.name })),
    customerDates: specs.map(() => daysBefore(now, rng, 95, 700)),
    groupIds: Object.fromEntries(GROUPS.map((g) => [g.key, randomUUID()])) as Record<GroupKey, string>,
    orgs,
  };
}

/** Every non-ticket row of a demo workspace. `passwordHash` is shared by all agents. */
export function foundationRows(cast: Cast, workspaceId: string, now: Date, passwordHash: string): Foundation {
  const { agents, groupIds, foundedAt: founded } = cast;
  const users = AGENTS.map((a, i) => ({
    id: agents[i]!.id,
    workspace_id: workspaceId,
    email: a.email,
    name: a.name,
    role: a.role,
    password_hash: passwordHash,
    language: a.language,
    time_zone: a.timeZone,
    created_at: cast.agentDates[i]!,
    updated_at: cast.agentDates[i]!,
  }));
  const groups = GROUPS.map((g) => ({
    id: groupIds[g.key],
    workspace_id: workspaceId,
    name: g.name,
    description: g.description,
    created_at: founded,
    updated_at: founded,
  }));
  const members = AGENTS.flatMap((a, i) =>
    a.groups.map((g) => ({ workspace_id: workspaceId, group_id: groupIds[g], user_id: agents[i]!.id, created_at: cast.agentDates[i]! })),
  );
  const orgRows = cast.orgs.map((o) => ({
    id: o.id,
    workspace_id: workspaceId,
    name: o.spec.name,
    domains: [o.spec.domain],
    notes: o.spec.notes,
    created_at: o.at,
    updated_at: o.at,
  }));
  const customerRows: Rows<'customers'> = [];
  const identities: Rows<'customer_identities'> = [];
  cast.customers.forEach((c, i) => {
    const at = cast.customerDates[i]!;
    const ids = identityRows(workspaceId, c, at);
    identities.push(...ids);
    customerRows.push({
      id: c.id,
      workspace_id: workspaceId,
      name: c.spec.name,
      organization_id: c.spec.orgIndex === null ? null : cast.orgs[c.spec.orgIndex]!.id,
      language: c.spec.lang === 'zh' ? 'zh-CN' : 'en',
      notes: c.spec.notes,
      tags: c.spec.tags,
      search_text: [c.spec.name, ...ids.map((x) => `${x.value} ${x.display_name ?? ''}`)].join(' ').toLowerCase(),
      created_at: at,
      updated_at: at,
    });
  });
  const ownerId = agents[0]!.id;
  const agentId = agents[AGENTS.findIndex((a) => a.email.startsWith('agent@'))]!.id;
  const event = (subjectType: string, subjectId: string, kind: string, newValue: unknown, at: Date) => ({
    workspace_id: workspaceId,
    subject_type: subjectType,
    subject_id: subjectId,
    actor_type: 'system',
    kind,
    new_value: JSON.stringify(newValue),
    created_at: at,
    published_at: now,
  });
  return {
    users,
    groups,
    members,
    fields: fieldRows(workspaceId, founded),
    organizations: orgRows,
    customerRows,
    identities,
    views: viewRows(workspaceId, ownerId, agentId, groupIds, now),
    events: [
      event('workspace', workspaceId, 'workspace.created', { ownerId, via: 'seed-demo' }, founded),
      ...users.map((u) => event('user', u.id, 'user.created', { email: u.email, role: u.role, via: 'seed-demo' }, u.created_at)),
    ],
  };
}
