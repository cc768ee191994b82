import { sql } from 'kysely';
import type { SlaReport } from '@kefu/contracts/sla';
import type { Tx } from '../../engine/db/tx.js';

export type ReportBy = SlaReport['by'];

/** The dimension's key and label expressions over the outcomes `o`. */
function dimension(by: ReportBy, ws: string) {
  switch (by) {
    case 'policy':
      return {
        key: sql`o.policy_id::text`,
        label: sql`(select p.name from sla_policies p where p.workspace_id = ${ws} and p.id = o.policy_id)`,
      };
    case 'group':
      return { key: sql`o.group_id::text`, label: sql`(select g.name from groups g where g.workspace_id = ${ws} and g.id = o.group_id)` };
    case 'agent':
      return {
        key: sql`o.assignee_id::text`,
        label: sql`(select u.name from users u where u.workspace_id = ${ws} and u.id = o.assignee_id)`,
      };
    case 'channel':
      return { key: sql`o.channel`, label: sql`o.channel` };
    case 'metric':
      return { key: sql`null::text`, label: sql`null::text` };
  }
}

interface Row {
  key: string | null;
  label: string | null;
  metric: string;
  fulfilled: number | string;
  breached: number | string;
}

const percent = (fulfilled: number, breached: number) =>
  fulfilled + breached === 0 ? null : Math.round((fulfilled / (fulfilled + breached)) * 1000) / 10;

/**
 * Attainment per metric and dimension: each cycle counts once, by its last outcome recorded in
 * [from, to) — fulfilled within target, or breached (a breach stays a breach when the reply comes
 * late). The dimension is the ticket's policy, group, assignee or channel at that moment.
 */
export async function slaReport(db: Tx, workspaceId: string, from: Date, to: Date, by: ReportBy) {
  const d = dimension(by, workspaceId);
  const { rows } = await sql<Row>`
    with outcomes as (
      select distinct on (h.ticket_id, h.metric, h.cycle)
             h.metric, h.kind, h.within_target, h.policy_id, h.group_id, h.assignee_id, h.channel
      from ticket_sla_history h
      where h.workspace_id = ${workspaceId} and h.kind in ('fulfilled', 'breached') and h.at >= ${from} and h.at < ${to}
      order by h.ticket_id, h.metric, h.cycle, h.id desc
    )
    select ${d.key} as key, ${d.label} as label, o.metric,
           count(*) filter (where o.kind = 'fulfilled' and o.within_target) as fulfilled,
           count(*) filter (where o.kind = 'breached' or (o.kind = 'fulfilled' and not o.within_target)) as breached
    from outcomes o
    group by 1, 2, o.metric
    order by o.metric, 2 nulls last, 1 nulls last`.execute(db);
  const out = rows.map((r) => {
    const fulfilled = Number(r.fulfilled);
    const breached = Number(r.breached);
    return {
      key: r.key,
      label: r.label,
      metric: r.metric as SlaReport['rows'][number]['metric'],
      fulfilled,
      breached,
      attainmentPercent: percent(fulfilled, breached),
    };
  });
  const totals = new Map<string, { fulfilled: number; breached: number }>();
  for (const r of out) {
    const t = totals.get(r.metric) ?? { fulfilled: 0, breached: 0 };
    t.fulfilled += r.fulfilled;
    t.breached += r.breached;
    totals.set(r.metric, t);
  }
  return {
    rows: out,
    totals: [...totals.entries()].map(([metric, t]) => ({
      metric: metric as SlaReport['rows'][number]['metric'],
      ...t,
      attainmentPercent: percent(t.fulfilled, t.breached),
    })),
  };
}
