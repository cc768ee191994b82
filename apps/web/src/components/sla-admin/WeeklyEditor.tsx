import type { ReactNode } from 'react';
import { Button, Input, Space, Tag, Tooltip, Typography } from 'antd';
import { CopyOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TimeRange, WeeklyHours, Weekday } from '@kefu/contracts/calendars';
import { WEEKDAY_KEYS, isOvernight, isTime, normalizeTime } from './sla-admin.data';

/**
 * A day's working ranges, each [start, end) as "HH:MM" inputs: "24:00" may end a range, and an
 * end before the start runs into the next day. Empty means closed.
 */
export function RangeList({
  value,
  onChange,
  label,
  emptyText,
  extra,
}: {
  value: readonly TimeRange[];
  onChange: (next: TimeRange[]) => void;
  /** Names the day in the inputs' accessible labels ("Monday"). */
  label: string;
  emptyText?: string;
  /** Beside the "add range" button. */
  extra?: ReactNode;
}) {
  const { t } = useTranslation();
  const set = (i: number, part: 0 | 1, v: string) =>
    onChange(value.map((r, j) => (j === i ? ((part === 0 ? [v, r[1]] : [r[0], v]) as TimeRange) : r)));
  const last = value[value.length - 1];
  const add = () => onChange([...value, last ? [last[1] === '24:00' ? '00:00' : last[1], '24:00'] : ['09:00', '18:00']]);

  return (
    <Space orientation="vertical" size={4}>
      {value.length === 0 && <Typography.Text type="secondary">{emptyText ?? t('calendars.closed')}</Typography.Text>}
      {value.map((r, i) => {
        const n = i + 1;
        const [start, end] = r;
        const badStart = !isTime(start, false);
        const badEnd = !isTime(end, true);
        return (
          <Space key={i} size={4} align="center" wrap>
            <Input
              value={start}
              status={badStart ? 'error' : undefined}
              aria-label={t('calendars.rangeStart', { day: label, n })}
              placeholder="09:00"
              style={{ width: 76 }}
              maxLength={5}
              onChange={(e) => set(i, 0, e.target.value)}
              onBlur={(e) => set(i, 0, normalizeTime(e.target.value))}
            />
            <span aria-hidden>–</span>
            <Input
              value={end}
              status={badEnd || (!badStart && start === end) ? 'error' : undefined}
              aria-label={t('calendars.rangeEnd', { day: label, n })}
              placeholder="18:00"
              style={{ width: 76 }}
              maxLength={5}
              onChange={(e) => set(i, 1, e.target.value)}
              onBlur={(e) => set(i, 1, normalizeTime(e.target.value))}
            />
            {isOvernight(r) && (
              <Tooltip title={t('calendars.overnightHelp', { end })}>
                <Tag color="purple">{t('calendars.overnight')}</Tag>
              </Tooltip>
            )}
            <Button
              size="small"
              type="text"
              icon={<DeleteOutlined />}
              aria-label={t('calendars.removeRange', { day: label, n })}
              onClick={() => onChange(value.filter((_, j) => j !== i))}
            />
          </Space>
        );
      })}
      <Space size={8}>
        <Button size="small" type="dashed" icon={<PlusOutlined />} onClick={add} aria-label={t('calendars.addRangeTo', { day: label })}>
          {t('calendars.addRange')}
        </Button>
        {extra}
      </Space>
    </Space>
  );
}

/** Opening hours Monday to Sunday; Monday's hours can be copied to the other working days. */
export function WeeklyEditor({ value, onChange }: { value: WeeklyHours; onChange: (next: WeeklyHours) => void }) {
  const { t } = useTranslation();
  const setDay = (day: Weekday, ranges: TimeRange[]) => onChange({ ...value, [day]: ranges });
  const copyMonday = () => {
    const mon = value.mon ?? [];
    onChange({ ...value, tue: mon, wed: mon, thu: mon, fri: mon });
  };

  return (
    <div data-testid="weekly-editor" style={{ display: 'grid', gridTemplateColumns: '96px 1fr', rowGap: 10, columnGap: 12 }}>
      {WEEKDAY_KEYS.map((day) => {
        const name = t(`calendars.weekday.${day}`);
        return (
          <div key={day} style={{ display: 'contents' }} data-testid={`weekday-${day}`}>
            <div style={{ paddingTop: 4 }}>
              <Typography.Text strong>{name}</Typography.Text>
            </div>
            <RangeList
              value={value[day] ?? []}
              onChange={(r) => setDay(day, r)}
              label={name}
              extra={
                day === 'mon' && (
                  <Button size="small" type="link" icon={<CopyOutlined />} onClick={copyMonday}>
                    {t('calendars.copyMonday')}
                  </Button>
                )
              }
            />
          </div>
        );
      })}
    </div>
  );
}
