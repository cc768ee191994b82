import type { Selectable } from 'kysely';
import type { SlaEscalation, SlaPolicy } from '@kefu/contracts/sla';
import type { SlaConditions, SlaTargets } from '@kefu/core/sla';
import type { SlaPoliciesTable } from '../../engine/db/schema.js';
import type { Tx } from '../../engine/db/tx.js';

export type SlaPolicyRow = Selectable<SlaPoliciesTable>;

/** What an admin sets on a policy. */
export interface PolicyValues {
  name: string;
  description: string;
  isActive: boolean;
  conditions: SlaConditions;
  targets: SlaTargets;
  calendarId: string | null;
  pauseStatuses: string[];
  warningPercent: number;
  escalation: SlaEscalation;
}

/** A policy as the SLA engine uses it. */
export interface SlaPolicyRecord extends PolicyValues {
  id: string;
  workspaceId: string;
  position: number;
  createdAt: Date;
  updatedAt: Date;
}

export function toRecord(r: SlaPolicyRow): SlaPolicyRecord {
  return {
    id: r.id,
    workspaceId: r.workspace_id,
    position: r.position,
    name: r.name,
    description: r.description,
    isActive: r.is_active,
    conditions: (r.conditions ?? {}) as SlaConditions,
    targets: (r.targets ?? {}) as SlaTargets,
    calendarId: r.calendar_id,
    pauseStatuses: r.pause_statuses,
    warningPercent: r.warning_percent,
    escalation: (r.escalation ?? {}) as SlaEscalation,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function toSlaPolicy(p: SlaPolicyRecord): SlaPolicy {
  return {
    id: p.id,
    name: p.name,
    description: p.description,
    position: p.position,
    isActive: p.isActive,
    conditions: p.conditions as SlaPolicy['conditions'],
    targets: p.targets,
    calendarId: p.calendarId,
    pauseStatuses: p.pauseStatuses as SlaPolicy['pauseStatuses'],
    warningPercent: p.warningPercent,
    escalation: p.escalation,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

/** The workspace's policies in order; `forUpdate` locks them all (policy changes serialise on it). */
export async function listPolicies(db: Tx, workspaceId: string, forUpdate = false): Promise<SlaPolicyRecord[]> {
  let q = db.selectFrom('sla_policies').selectAll().where('workspace_id', '=', workspaceId).orderBy('position').orderBy('created_at');
  if (forUpdate) q = q.forUpdate();
  return (await q.execute()).map(toRecord);
}

export async function findPolicy(db: Tx, workspaceId: string, id: string): Promise<SlaPolicyRecord | null> {
  const r = await db.selectFrom('sla_policies').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  return r ? toRecord(r) : null;
}

/** The columns a policy's values are stored in (JSON columns as text, for both engines). */
function policyColumns(v: PolicyValues) {
  return {
    name: v.name,
    description: v.description,
    is_active: v.isActive,
    conditions: JSON.stringify(v.conditions),
    targets: JSON.stringify(v.targets),
    calendar_id: v.calendarId,
    pause_statuses: v.pauseStatuses,
    warning_percent: v.warningPercent,
    escalation: JSON.stringify(v.escalation),
  };
}

export async function insertPolicy(db: Tx, workspaceId: string, position: number, v: PolicyValues, now: Date): Promise<SlaPolicyRecord> {
  const r = await db
    .insertInto('sla_policies')
    .values({
      workspace_id: workspaceId,
      position,
      ...policyColumns(v),
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toRecord(r);
}

export async function updatePolicyRow(db: Tx, workspaceId: string, id: string, v: PolicyValues, now: Date): Promise<SlaPolicyRecord> {
  const r = await db
    .updateTable('sla_policies')
    .set({
      ...policyColumns(v),
      updated_at: now,
    })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return toRecord(r);
}

export async function deletePolicyRow(db: Tx, workspaceId: string, id: string): Promise<void> {
  await db.deleteFrom('sla_policies').where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
}

/** Writes positions 0…n-1 in the given order (only those that change). */
export async function writePositions(db: Tx, workspaceId: string, ordered: readonly SlaPolicyRecord[], now: Date): Promise<void> {
  for (const [i, p] of ordered.entries()) {
    if (p.position === i) continue;
    await db
      .updateTable('sla_policies')
      .set({ position: i, updated_at: now })
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', p.id)
      .execute();
  }
}

/** Which of the ids are groups of the workspace. */
export async function existingGroups(db: Tx, workspaceId: string, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('groups').select('id').where('workspace_id', '=', workspaceId).where('id', 'in', ids).execute();
  return new Set(rows.map((r) => r.id));
}

/** Which of the ids are active users of the workspace. */
export async function activeUsers(db: Tx, workspaceId: string, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', ids)
    .where('is_active', '=', true)
    .execute();
  return new Set(rows.map((r) => r.id));
}

export async function calendarExists(db: Tx, workspaceId: string, id: string): Promise<boolean> {
  const r = await db
    .selectFrom('business_calendars')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  return r !== undefined;
}
