import { Button, DatePicker, Radio, Space, Tag, Typography } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import type { ExtraWorkday, TimeRange } from '@kefu/contracts/calendars';
import { formatRanges } from './sla-admin.data';
import { RangeList } from './WeeklyEditor';

const FMT = 'YYYY-MM-DD';
const weekdayOf = (date: string) => dayjs(date, FMT).format('ddd');

/** A date picker that adds a date; dates already in either list cannot be picked. */
function AddDate({ label, taken, onAdd }: { label: string; taken: ReadonlySet<string>; onAdd: (date: string) => void }) {
  return (
    <DatePicker
      aria-label={label}
      placeholder={label}
      value={null}
      style={{ width: 200 }}
      disabledDate={(d: Dayjs) => taken.has(d.format(FMT))}
      onChange={(d: Dayjs | null) => d && onAdd(d.format(FMT))}
    />
  );
}

/** Holidays: dates on which no working range starts, shown sorted as removable tags. */
export function HolidaysEditor({
  value,
  taken,
  onChange,
}: {
  value: readonly string[];
  taken: ReadonlySet<string>;
  onChange: (next: string[]) => void;
}) {
  const { t } = useTranslation();
  const sorted = [...value].sort();
  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }}>
      <AddDate label={t('calendars.addHoliday')} taken={taken} onAdd={(d) => onChange([...value, d].sort())} />
      {sorted.length === 0 ? (
        <Typography.Text type="secondary">{t('calendars.noHolidays')}</Typography.Text>
      ) : (
        <div data-testid="holiday-list" style={{ display: 'flex', flexWrap: 'wrap', gap: 4, maxHeight: 180, overflow: 'auto' }}>
          {sorted.map((d) => (
            <Tag
              key={d}
              closable
              style={{ marginInlineEnd: 0 }}
              title={weekdayOf(d)}
              closeIcon={<span aria-label={t('calendars.removeHoliday', { date: d })}>×</span>}
              onClose={(e) => {
                e.preventDefault();
                onChange(value.filter((x) => x !== d));
              }}
            >
              {d}
            </Tag>
          ))}
        </div>
      )}
    </Space>
  );
}

/**
 * Make-up working days (调休): dates that are worked whatever weekday they are, with Monday's
 * hours unless custom hours are given.
 */
export function ExtraWorkdaysEditor({
  value,
  taken,
  mondayHours,
  onChange,
}: {
  value: readonly ExtraWorkday[];
  taken: ReadonlySet<string>;
  mondayHours: readonly TimeRange[];
  onChange: (next: ExtraWorkday[]) => void;
}) {
  const { t } = useTranslation();
  const sorted = [...value].sort((a, b) => a.date.localeCompare(b.date));
  const replace = (date: string, next: ExtraWorkday) => onChange(value.map((x) => (x.date === date ? next : x)));
  const monday = formatRanges(mondayHours) || t('calendars.closed');

  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }}>
      <AddDate
        label={t('calendars.addMakeUpDay')}
        taken={taken}
        onAdd={(date) => onChange([...value, { date }].sort((a, b) => a.date.localeCompare(b.date)))}
      />
      {sorted.length === 0 && <Typography.Text type="secondary">{t('calendars.noMakeUpDays')}</Typography.Text>}
      <div data-testid="makeup-list" style={{ display: 'grid', gridTemplateColumns: '150px 1fr 32px', rowGap: 8, alignItems: 'start' }}>
        {sorted.map((x) => (
          <div key={x.date} style={{ display: 'contents' }}>
            <Typography.Text style={{ paddingTop: 4 }}>
              {x.date} <Typography.Text type="secondary">{weekdayOf(x.date)}</Typography.Text>
            </Typography.Text>
            <Space orientation="vertical" size={4}>
              <Radio.Group
                size="small"
                aria-label={t('calendars.makeUpHoursFor', { date: x.date })}
                value={x.hours ? 'custom' : 'monday'}
                onChange={(e) =>
                  replace(x.date, e.target.value === 'custom' ? { date: x.date, hours: [...mondayHours] } : { date: x.date })
                }
                options={[
                  { value: 'monday', label: t('calendars.mondayHours', { hours: monday }) },
                  { value: 'custom', label: t('calendars.customHours') },
                ]}
              />
              {x.hours && <RangeList value={x.hours} label={x.date} onChange={(hours) => replace(x.date, { date: x.date, hours })} />}
            </Space>
            <Button
              size="small"
              type="text"
              icon={<DeleteOutlined />}
              aria-label={t('calendars.removeMakeUpDay', { date: x.date })}
              onClick={() => onChange(value.filter((y) => y.date !== x.date))}
            />
          </div>
        ))}
      </div>
    </Space>
  );
}
