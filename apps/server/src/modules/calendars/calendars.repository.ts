import type { Calendar, CalendarSource, CalendarSpec } from '@kefu/contracts/calendars';
import { compileCalendar, type BusinessCalendar } from '@kefu/core/calendar';
import { sql, type Selectable } from 'kysely';
import type { Tx } from '../../engine/db/tx.js';
import { pgCode } from '../../engine/db/tx.js';
import type { BusinessCalendarsTable } from '../../engine/db/schema.js';
import { conflict } from '../../engine/errors.js';

/** Business calendars of a workspace. Every query is scoped by workspace_id; a foreign id is "not found". */

export type CalendarRow = Selectable<BusinessCalendarsTable>;

export function toCalendar(r: CalendarRow): Calendar {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    spec: r.spec as CalendarSpec,
    source: (r.source ?? {}) as CalendarSource,
    isDefault: r.is_default,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

export function listCalendars(db: Tx, workspaceId: string): Promise<CalendarRow[]> {
  return db
    .selectFrom('business_calendars')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('is_default', 'desc')
    .orderBy('name')
    .execute();
}

/** `forUpdate` locks the row for the rest of the transaction. */
export async function findCalendar(db: Tx, workspaceId: string, id: string, forUpdate = false): Promise<CalendarRow | null> {
  let q = db.selectFrom('business_calendars').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  return (await q.executeTakeFirst()) ?? null;
}

export async function findDefaultCalendarRow(db: Tx, workspaceId: string): Promise<CalendarRow | null> {
  return (
    (await db
      .selectFrom('business_calendars')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('is_default', '=', true)
      .executeTakeFirst()) ?? null
  );
}

/** The id of the workspace's default calendar, or null when it has none. */
export async function findDefaultCalendarId(db: Tx, workspaceId: string): Promise<string | null> {
  return (await findDefaultCalendarRow(db, workspaceId))?.id ?? null;
}

const nameTaken = (name: string) => conflict('calendar_name_taken', `A calendar named "${name}" exists`);
/** A unique violation: the one-default index (a concurrent change) or the name. */
function uniqueViolation(e: unknown, name: string | undefined): unknown {
  if (pgCode(e) !== '23505') return e;
  const constraint = typeof e === 'object' && e !== null && 'constraint' in e ? String(e.constraint) : '';
  if (constraint.includes('one_default'))
    return conflict('calendar_default_changed', 'Another calendar became the default at the same moment; try again');
  return name !== undefined ? nameTaken(name) : e;
}

export interface CalendarValues {
  name: string;
  description: string | null;
  spec: CalendarSpec;
  source: CalendarSource;
  isDefault: boolean;
}

/** Inserts a calendar; the caller clears the old default first when this one is the default. */
export async function insertCalendar(trx: Tx, workspaceId: string, v: CalendarValues, now: Date): Promise<CalendarRow> {
  try {
    return await trx
      .insertInto('business_calendars')
      .values({
        workspace_id: workspaceId,
        name: v.name,
        description: v.description,
        spec: JSON.stringify(v.spec),
        source: JSON.stringify(v.source),
        is_default: v.isDefault,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  } catch (e) {
    throw uniqueViolation(e, v.name);
  }
}

export async function updateCalendarRow(
  trx: Tx,
  workspaceId: string,
  id: string,
  v: Partial<CalendarValues>,
  now: Date,
): Promise<CalendarRow> {
  try {
    return await trx
      .updateTable('business_calendars')
      .set({
        ...(v.name !== undefined ? { name: v.name } : {}),
        ...(v.description !== undefined ? { description: v.description } : {}),
        ...(v.spec !== undefined ? { spec: JSON.stringify(v.spec) } : {}),
        ...(v.source !== undefined ? { source: JSON.stringify(v.source) } : {}),
        ...(v.isDefault !== undefined ? { is_default: v.isDefault } : {}),
        updated_at: now,
      })
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
  } catch (e) {
    throw uniqueViolation(e, v.name);
  }
}

/** Clears the default flag of every other calendar of the workspace; returns the rows it changed. */
export async function clearDefault(trx: Tx, workspaceId: string, exceptId: string | null, now: Date): Promise<CalendarRow[]> {
  let q = trx
    .updateTable('business_calendars')
    .set({ is_default: false, updated_at: now })
    .where('workspace_id', '=', workspaceId)
    .where('is_default', '=', true);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return q.returningAll().execute();
}

/** Deletes a calendar; a foreign key from another table (an SLA policy) is reported as in use. */
export async function deleteCalendarRow(trx: Tx, workspaceId: string, id: string): Promise<void> {
  try {
    await trx.deleteFrom('business_calendars').where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
  } catch (e) {
    if (pgCode(e) === '23503') throw calendarInUseError();
    throw e;
  }
}

export const calendarInUseError = () =>
  conflict('calendar_in_use', 'SLA policies use this calendar; point them at another calendar before deleting it');

/**
 * Whether anything refers to the calendar. SLA policies (`sla_policies.calendar_id`) belong to the
 * SLA module, whose table may not exist in every installation: the check looks the column up in
 * the catalog first (on the search path, so test schemas work) and is false without it.
 */
export async function calendarInUse(db: Tx, workspaceId: string, id: string): Promise<boolean> {
  const { rows } = await sql<{ present: boolean }>`
    select exists (
      select 1 from pg_attribute
      where attrelid = to_regclass('sla_policies') and attname = 'calendar_id' and not attisdropped
    ) as present`.execute(db);
  if (!rows[0]?.present) return false;
  const used = await sql<{ one: number }>`
    select 1 as one from sla_policies where workspace_id = ${workspaceId} and calendar_id = ${id} limit 1`.execute(db);
  return used.rows.length > 0;
}

export async function workspaceTimeZone(db: Tx, workspaceId: string): Promise<string> {
  const w = await db.selectFrom('workspaces').select('time_zone').where('id', '=', workspaceId).executeTakeFirst();
  return w?.time_zone ?? 'UTC';
}

// Compiled calendars for other modules (SLA) ----------------------------------------------------

const CACHE_SIZE = 500;
const cache = new Map<string, { updatedAt: number; specText: string; calendar: BusinessCalendar }>();

/**
 * Compiles a stored row, reusing the compiled calendar while the row is unchanged (same id,
 * updated_at and spec: a fake clock in tests can repeat an updated_at). Per process, bounded.
 */
function compiledOf(row: { id: string; spec: unknown; updated_at: Date }): BusinessCalendar {
  const specText = JSON.stringify(row.spec);
  const hit = cache.get(row.id);
  if (hit && hit.updatedAt === row.updated_at.getTime() && hit.specText === specText) return hit.calendar;
  const calendar = compileCalendar(row.spec);
  cache.delete(row.id);
  cache.set(row.id, { updatedAt: row.updated_at.getTime(), specText, calendar });
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return calendar;
}

/** A calendar of the workspace, compiled; null when the workspace has no such calendar. */
export async function loadCalendar(db: Tx, workspaceId: string, calendarId: string): Promise<BusinessCalendar | null> {
  const row = await db
    .selectFrom('business_calendars')
    .select(['id', 'spec', 'updated_at'])
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', calendarId)
    .executeTakeFirst();
  return row ? compiledOf(row) : null;
}

/** The workspace's default calendar, compiled; null when it has none. */
export async function defaultCalendar(db: Tx, workspaceId: string): Promise<BusinessCalendar | null> {
  const row = await db
    .selectFrom('business_calendars')
    .select(['id', 'spec', 'updated_at'])
    .where('workspace_id', '=', workspaceId)
    .where('is_default', '=', true)
    .executeTakeFirst();
  return row ? compiledOf(row) : null;
}
