import { TWENTY_FOUR_SEVEN, type BusinessCalendar } from '@kefu/core/calendar';
import type { Tx } from '../../engine/db/tx.js';
import { defaultCalendar, loadCalendar } from '../calendars/calendars.repository.js';
import { listPolicies, type SlaPolicyRecord } from './sla-policies.repository.js';

/**
 * Per-process caches of what every ticket change needs: the workspace's policies and their
 * compiled calendars. Ticket intake must not pay a query for them. Entries are dropped when this
 * process changes a policy, when any process publishes a policy or calendar event (sla.engine.ts
 * listens), and after TTL_MS in any case.
 */
const TTL_MS = 60_000;
const MAX_ENTRIES = 2_000;

export interface WorkspacePolicies {
  /** Every policy in order (inactive ones too: explanations show them). */
  all: readonly SlaPolicyRecord[];
  active: readonly SlaPolicyRecord[];
  /** Whether some active policy looks at the customer's tier (else intake skips reading it). */
  needsTier: boolean;
}

const policies = new Map<string, { value: WorkspacePolicies; at: number }>();
const calendars = new Map<string, { value: BusinessCalendar; at: number }>();

function remember<T>(map: Map<string, { value: T; at: number }>, key: string, value: T): T {
  map.delete(key);
  map.set(key, { value, at: Date.now() });
  if (map.size > MAX_ENTRIES) map.delete(map.keys().next().value!);
  return value;
}

function fresh<T>(map: Map<string, { value: T; at: number }>, key: string): T | undefined {
  const hit = map.get(key);
  return hit && Date.now() - hit.at < TTL_MS ? hit.value : undefined;
}

export async function workspacePolicies(db: Tx, workspaceId: string): Promise<WorkspacePolicies> {
  const hit = fresh(policies, workspaceId);
  if (hit) return hit;
  const all = await listPolicies(db, workspaceId);
  const active = all.filter((p) => p.isActive);
  return remember(policies, workspaceId, {
    all,
    active,
    needsTier: active.some((p) => (p.conditions.customerTier?.length ?? 0) > 0),
  });
}

/** The calendar business targets of a policy count in: its own, else the workspace default, else 24×7. */
export async function policyCalendar(db: Tx, workspaceId: string, calendarId: string | null): Promise<BusinessCalendar> {
  const key = `${workspaceId}:${calendarId ?? 'default'}`;
  const hit = fresh(calendars, key);
  if (hit) return hit;
  const cal = (calendarId ? await loadCalendar(db, workspaceId, calendarId) : null) ?? (await defaultCalendar(db, workspaceId));
  return remember(calendars, key, cal ?? TWENTY_FOUR_SEVEN);
}

export function invalidatePolicies(workspaceId: string): void {
  policies.delete(workspaceId);
}

export function invalidateCalendars(workspaceId: string): void {
  for (const key of calendars.keys()) if (key.startsWith(`${workspaceId}:`)) calendars.delete(key);
}
