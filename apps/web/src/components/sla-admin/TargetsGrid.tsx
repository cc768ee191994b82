import { Checkbox, InputNumber, Select, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SlaTargets } from '@kefu/contracts/sla';
import type { SlaMetric } from '@kefu/contracts/sla-state';
import { PRIORITIES, PRIORITY_COLORS } from '../../app/data';
import { TARGET_UNITS, UNIT_MINUTES, splitMinutes, type TargetUnit } from './sla-admin.data';

export const METRICS: readonly SlaMetric[] = ['first_reply', 'next_reply', 'periodic_update', 'resolution'];
type Priority = (typeof PRIORITIES)[number];

/** One cell while it is edited: the amount may be empty (not tracked) while a unit is chosen. */
export interface TargetCell {
  amount: number | null;
  unit: TargetUnit;
  business: boolean;
}
export type TargetCells = Record<Priority, Record<SlaMetric, TargetCell>>;

const MAX_MINUTES = 525_600;

export function cellsOf(targets: SlaTargets): TargetCells {
  return Object.fromEntries(
    PRIORITIES.map((p) => [
      p,
      Object.fromEntries(
        METRICS.map((m) => {
          const x = targets[p]?.[m];
          return [m, x ? { ...splitMinutes(x.minutes), business: x.business } : { amount: null, unit: 'hours', business: true }];
        }),
      ),
    ]),
  ) as TargetCells;
}

/** The API's targets from the cells; a cell out of range is returned as the problem instead. */
export function targetsOf(cells: TargetCells): { targets: SlaTargets } | { invalid: { priority: Priority; metric: SlaMetric } } {
  const targets: SlaTargets = {};
  for (const p of PRIORITIES) {
    for (const m of METRICS) {
      const c = cells[p][m];
      if (c.amount === null) continue;
      const minutes = c.amount * UNIT_MINUTES[c.unit];
      if (!(minutes > 0) || minutes > MAX_MINUTES) return { invalid: { priority: p, metric: m } };
      targets[p] = { ...targets[p], [m]: { minutes, business: c.business } };
    }
  }
  return { targets };
}

/**
 * Rows are priorities, columns metrics; each cell an amount and a unit (stored as minutes, so
 * 0.25 minutes is 15 seconds) and whether it counts business hours. An empty cell is not tracked.
 */
export function TargetsGrid({ value, onChange }: { value?: TargetCells; onChange?: (next: TargetCells) => void }) {
  const { t } = useTranslation();
  if (!value) return null;
  const set = (p: Priority, m: SlaMetric, patch: Partial<TargetCell>) =>
    onChange?.({ ...value, [p]: { ...value[p], [m]: { ...value[p][m], ...patch } } });

  return (
    <div style={{ overflowX: 'auto' }}>
      <table className="sla-targets" data-testid="targets-grid" style={{ borderCollapse: 'collapse', width: '100%' }}>
        <thead>
          <tr>
            <th style={{ width: 80 }} />
            {METRICS.map((m) => (
              <th key={m} style={{ textAlign: 'left', fontWeight: 500, padding: '4px 6px' }}>
                {t(`sla.metric.${m}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {PRIORITIES.map((p) => (
            <tr key={p} style={{ borderTop: '1px solid #f0f0f0' }}>
              <th scope="row" style={{ textAlign: 'left', padding: '8px 6px 8px 0' }}>
                <Tag color={PRIORITY_COLORS[p]}>{t(`priority.${p}`)}</Tag>
              </th>
              {METRICS.map((m) => {
                const c = value[p][m];
                const name = `${t(`priority.${p}`)} · ${t(`sla.metric.${m}`)}`;
                return (
                  <td key={m} style={{ padding: '8px 6px', verticalAlign: 'top' }}>
                    <Space.Compact size="small">
                      <InputNumber
                        aria-label={t('slaAdmin.targetAmount', { name })}
                        value={c.amount}
                        min={0}
                        step={1}
                        placeholder="—"
                        style={{ width: 68 }}
                        onChange={(v) => set(p, m, { amount: typeof v === 'number' ? v : null })}
                      />
                      <Select
                        aria-label={t('slaAdmin.targetUnit', { name })}
                        value={c.unit}
                        style={{ width: 78 }}
                        onChange={(unit) => set(p, m, { unit })}
                        options={TARGET_UNITS.map((u) => ({ value: u, label: t(`slaAdmin.unit.${u}`) }))}
                      />
                    </Space.Compact>
                    <div>
                      <Checkbox
                        checked={c.business}
                        disabled={c.amount === null}
                        aria-label={t('slaAdmin.targetBusiness', { name })}
                        onChange={(e) => set(p, m, { business: e.target.checked })}
                      >
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {t('slaAdmin.businessHours')}
                        </Typography.Text>
                      </Checkbox>
                    </div>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
