import type { SlaMetricTargets, SlaTargets } from '@kefu/core/sla';
import { systemActor } from '../../../engine/auth/principal.js';
import type { Tx } from '../../../engine/db/tx.js';
import { recordEvents } from '../../../engine/events/events.repository.js';
import { ensureDefaultCalendar } from '../../calendars/use-cases/ensure-default-calendar.js';
import { invalidatePolicies } from '../sla-cache.js';
import { insertPolicy, listPolicies, toSlaPolicy, type PolicyValues } from '../sla-policies.repository.js';

const H = 60;
const biz = (minutes: number) => ({ minutes, business: true });
const clock = (minutes: number) => ({ minutes, business: false });
const same = (t: SlaMetricTargets): SlaTargets => ({ low: t, normal: t, high: t, urgent: t });

/**
 * The shipped set, first match wins: complaints (calendar hours, an update at least every 24 h),
 * urgent tickets, then a standard policy per priority. Business targets count in the workspace's
 * default calendar (calendarId null).
 */
export function defaultPolicies(zh: boolean): PolicyValues[] {
  const base = { description: '', isActive: true, calendarId: null, pauseStatuses: ['pending'], warningPercent: 75, escalation: {} };
  const urgent: SlaMetricTargets = { first_reply: biz(30), next_reply: biz(1 * H), resolution: biz(8 * H) };
  return [
    {
      ...base,
      name: zh ? '投诉' : 'Complaints',
      description: zh
        ? '投诉：24 小时内首次回复，至少每 24 小时更新一次进展'
        : 'Complaints: first reply within 24 h, an update at least every 24 h',
      conditions: { type: ['complaint'] },
      targets: same({ first_reply: clock(24 * H), periodic_update: clock(24 * H), resolution: clock(72 * H) }),
    },
    { ...base, name: zh ? '紧急' : 'Urgent', conditions: { priority: ['urgent'] }, targets: { urgent } },
    {
      ...base,
      name: zh ? '标准' : 'Standard',
      conditions: {},
      targets: {
        urgent,
        high: { first_reply: biz(2 * H), next_reply: biz(4 * H), resolution: biz(16 * H) },
        normal: { first_reply: biz(4 * H), next_reply: biz(8 * H), resolution: biz(24 * H) },
        low: { first_reply: biz(8 * H), next_reply: biz(16 * H), resolution: biz(40 * H) },
      },
    },
  ];
}

/**
 * Gives a new workspace the shipped policies (and a default calendar for their business targets)
 * in the caller's transaction. Does nothing when the workspace has any policy.
 */
export async function ensureDefaultSlaPolicies(db: Tx, workspaceId: string, now: Date = new Date()): Promise<void> {
  if ((await listPolicies(db, workspaceId)).length > 0) return;
  const ws = await db
    .selectFrom('workspaces')
    .select(['default_language', 'time_zone'])
    .where('id', '=', workspaceId)
    .executeTakeFirstOrThrow();
  await ensureDefaultCalendar(db, workspaceId, ws.time_zone, now);
  const created = [];
  for (const [i, v] of defaultPolicies(/^zh/i.test(ws.default_language)).entries())
    created.push(await insertPolicy(db, workspaceId, i, v, now));
  await recordEvents(
    db,
    systemActor(workspaceId),
    created.map((p) => ({
      subjectType: 'sla_policy',
      subjectId: p.id,
      kind: 'sla.policy_created',
      newValue: toSlaPolicy(p),
      data: { seeded: true },
    })),
    now,
  );
  invalidatePolicies(workspaceId);
}
