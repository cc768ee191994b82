import type { CreateSlaPolicyRequest, UpdateSlaPolicyRequest } from '@kefu/contracts/sla';
import { DEFAULT_WARNING_PERCENT, type SlaConditions } from '@kefu/core/sla';
import type { Actor } from '../../../engine/auth/principal.js';
import type { AppContext } from '../../../engine/context.js';
import { inTransaction, pgCode, txExecutor, type Tx } from '../../../engine/db/tx.js';
import { AppError, conflict, notFound } from '../../../engine/errors.js';
import { recordEvents } from '../../../engine/events/events.repository.js';
import { invalidatePolicies } from '../sla-cache.js';
import {
  activeUsers,
  calendarExists,
  deletePolicyRow,
  existingGroups,
  findPolicy,
  insertPolicy,
  listPolicies,
  toSlaPolicy,
  updatePolicyRow,
  writePositions,
  type PolicyValues,
  type SlaPolicyRecord,
} from '../sla-policies.repository.js';
import { reevaluateJob } from './reevaluate-tickets.js';

const unknownRef = (code: string, field: string, ids: readonly string[]) =>
  new AppError(code, 422, `Not found in this workspace: ${ids.join(', ')}`, { field });

/** Lower-cased tags (tickets store them so), no empty lists. */
function normalizeConditions(c: SlaConditions): SlaConditions {
  const out: Record<string, readonly string[]> = {};
  for (const [k, v] of Object.entries(c) as Array<[keyof SlaConditions, readonly string[] | undefined]>) {
    if (!v || v.length === 0) continue;
    out[k] = k === 'tags' ? [...new Set(v.map((t) => t.toLowerCase()))] : v;
  }
  return out;
}

/** Every id a policy refers to must be of this workspace: calendar, groups, supervisors. */
async function checkReferences(trx: Tx, ws: string, v: PolicyValues): Promise<void> {
  if (v.calendarId && !(await calendarExists(trx, ws, v.calendarId))) throw unknownRef('calendar_not_found', 'calendarId', [v.calendarId]);
  const groups = [...(v.conditions.groupIds ?? []), ...(v.escalation.groupId ? [v.escalation.groupId] : [])];
  const found = await existingGroups(trx, ws, groups);
  const missing = groups.filter((g) => !found.has(g));
  if (missing.length > 0) throw unknownRef('group_not_found', 'groupIds', missing);
  const users = v.escalation.notifyUserIds ?? [];
  const active = await activeUsers(trx, ws, users);
  const gone = users.filter((u) => !active.has(u));
  if (gone.length > 0) throw unknownRef('user_not_found', 'escalation.notifyUserIds', gone);
}

function valuesOf(req: CreateSlaPolicyRequest | UpdateSlaPolicyRequest, base: PolicyValues): PolicyValues {
  return {
    name: req.name ?? base.name,
    description: req.description ?? base.description,
    isActive: req.isActive ?? base.isActive,
    conditions: normalizeConditions((req.conditions as SlaConditions | undefined) ?? base.conditions),
    targets: req.targets ?? base.targets,
    calendarId: req.calendarId !== undefined ? req.calendarId : base.calendarId,
    pauseStatuses: req.pauseStatuses ?? base.pauseStatuses,
    warningPercent: req.warningPercent ?? base.warningPercent,
    escalation: req.escalation ?? base.escalation,
  };
}

const DEFAULTS: PolicyValues = {
  name: '',
  description: '',
  isActive: true,
  conditions: {},
  targets: {},
  calendarId: null,
  pauseStatuses: ['pending'],
  warningPercent: DEFAULT_WARNING_PERCENT,
  escalation: {},
};

/** Runs a policy change: one transaction that locks the workspace's policies, then cache and re-evaluation. */
async function change<T>(ctx: AppContext, actor: Actor, fn: (trx: Tx, all: SlaPolicyRecord[]) => Promise<T>): Promise<T> {
  const ws = actor.workspaceId;
  try {
    const result = await inTransaction(ctx, async (trx) => {
      const r = await fn(trx, await listPolicies(trx, ws, true));
      // Open tickets follow the new policies: in batches, by a job committed with the change.
      await ctx.jobs.send(reevaluateJob(ctx), { workspaceId: ws }, { db: txExecutor(trx) });
      return r;
    });
    return result;
  } catch (e) {
    if (pgCode(e) === '23505') throw conflict('sla_policy_name_taken', 'Another SLA policy has this name');
    throw e;
  } finally {
    invalidatePolicies(ws);
  }
}

const event = (kind: string, id: string, oldValue: unknown, newValue: unknown) => ({
  subjectType: 'sla_policy',
  subjectId: id,
  kind,
  oldValue,
  newValue,
});

export function createPolicy(ctx: AppContext, actor: Actor, req: CreateSlaPolicyRequest): Promise<SlaPolicyRecord> {
  return change(ctx, actor, async (trx, all) => {
    const now = ctx.clock.now();
    const v = valuesOf(req, DEFAULTS);
    await checkReferences(trx, actor.workspaceId, v);
    const at = Math.min(req.position ?? all.length, all.length);
    const created = await insertPolicy(trx, actor.workspaceId, at, v, now);
    await writePositions(trx, actor.workspaceId, [...all.slice(0, at), created, ...all.slice(at)], now);
    await recordEvents(trx, actor, [event('sla.policy_created', created.id, null, toSlaPolicy(created))], now);
    return { ...created, position: at };
  });
}

export function updatePolicy(ctx: AppContext, actor: Actor, id: string, req: UpdateSlaPolicyRequest): Promise<SlaPolicyRecord> {
  return change(ctx, actor, async (trx, all) => {
    const now = ctx.clock.now();
    const before = all.find((p) => p.id === id);
    if (!before) throw notFound('sla_policy');
    const v = valuesOf(req, before);
    await checkReferences(trx, actor.workspaceId, v);
    let after = await updatePolicyRow(trx, actor.workspaceId, id, v, now);
    if (req.position !== undefined && req.position !== before.position) {
      const others = all.filter((p) => p.id !== id);
      const at = Math.min(req.position, others.length);
      await writePositions(trx, actor.workspaceId, [...others.slice(0, at), after, ...others.slice(at)], now);
      after = (await findPolicy(trx, actor.workspaceId, id))!;
    }
    await recordEvents(trx, actor, [event('sla.policy_updated', id, toSlaPolicy(before), toSlaPolicy(after))], now);
    return after;
  });
}

export function deletePolicy(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  return change(ctx, actor, async (trx, all) => {
    const now = ctx.clock.now();
    const before = all.find((p) => p.id === id);
    if (!before) throw notFound('sla_policy');
    await deletePolicyRow(trx, actor.workspaceId, id);
    await writePositions(
      trx,
      actor.workspaceId,
      all.filter((p) => p.id !== id),
      now,
    );
    await recordEvents(trx, actor, [event('sla.policy_deleted', id, toSlaPolicy(before), null)], now);
  });
}

/** The given policies first, in that order; the others keep their order after them. */
export function reorderPolicies(ctx: AppContext, actor: Actor, ids: readonly string[]): Promise<SlaPolicyRecord[]> {
  return change(ctx, actor, async (trx, all) => {
    const now = ctx.clock.now();
    const byId = new Map(all.map((p) => [p.id, p]));
    const missing = ids.filter((i) => !byId.has(i));
    if (missing.length > 0) throw new AppError('sla_policy_not_found', 404, 'sla policy not found', { ids: missing });
    const ordered = [...ids.map((i) => byId.get(i)!), ...all.filter((p) => !ids.includes(p.id))];
    await writePositions(trx, actor.workspaceId, ordered, now);
    await recordEvents(
      trx,
      actor,
      [
        {
          subjectType: 'workspace',
          subjectId: actor.workspaceId,
          kind: 'sla.policies_reordered',
          oldValue: all.map((p) => p.id),
          newValue: ordered.map((p) => p.id),
        },
      ],
      now,
    );
    return ordered.map((p, i) => ({ ...p, position: i }));
  });
}
