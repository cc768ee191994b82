import { useMemo, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Divider, Drawer, Input, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import { DeleteOutlined, StarOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import type {
  Calendar,
  CalendarSpec,
  CreateCalendarRequest,
  ExtraWorkday,
  UpdateCalendarRequest,
  WeeklyHours,
} from '@kefu/contracts/calendars';
import { ApiError, api } from '../../app/api';
import { useMe } from '../../app/session';
import { ExtraWorkdaysEditor, HolidaysEditor } from './DayListEditors';
import { IcsImport } from './IcsImport';
import { WEEKDAY_KEYS, sourcePresetLabel, useAdminErrorText } from './sla-admin.data';
import { WeeklyEditor } from './WeeklyEditor';

interface Draft {
  name: string;
  description: string;
  timeZone: string;
  weekly: WeeklyHours;
  holidays: string[];
  extraWorkdays: ExtraWorkday[];
}

const MON_FRI: WeeklyHours = {
  mon: [['09:00', '18:00']],
  tue: [['09:00', '18:00']],
  wed: [['09:00', '18:00']],
  thu: [['09:00', '18:00']],
  fri: [['09:00', '18:00']],
};

function draftOf(c: Calendar | null, timeZone: string): Draft {
  if (!c) return { name: '', description: '', timeZone, weekly: MON_FRI, holidays: [], extraWorkdays: [] };
  return {
    name: c.name,
    description: c.description ?? '',
    timeZone: c.spec.timeZone,
    weekly: c.spec.weekly,
    holidays: c.spec.holidays ?? [],
    extraWorkdays: c.spec.extraWorkdays ?? [],
  };
}

/** The whole spec as the server stores it: every weekday present, dates sorted. */
function specOf(d: Draft): CalendarSpec {
  return {
    timeZone: d.timeZone,
    weekly: Object.fromEntries(WEEKDAY_KEYS.map((k) => [k, d.weekly[k] ?? []])),
    holidays: [...d.holidays].sort(),
    extraWorkdays: [...d.extraWorkdays].sort((a, b) => a.date.localeCompare(b.date)),
  };
}

function timeZones(current: string): string[] {
  const all = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return [...new Set(['UTC', 'Asia/Shanghai', current, ...all])].sort((a, b) => (a === 'UTC' ? -1 : b === 'UTC' ? 1 : a.localeCompare(b)));
}

/** Opens with `calendar` (or 'new'); the key makes a fresh editor for each calendar. */
export function CalendarDrawer({ calendar, onClose }: { calendar: Calendar | 'new' | null; onClose: () => void }) {
  return calendar ? <CalendarEditor key={calendar === 'new' ? 'new' : calendar.id} calendar={calendar} onClose={onClose} /> : null;
}

/**
 * A calendar's editor: name, time zone, weekly hours, holidays, make-up working days and an iCal
 * import. Saving sends the whole spec; the server checks it and its message is shown as it is.
 */
function CalendarEditor({ calendar, onClose }: { calendar: Calendar | 'new'; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const errorText = useAdminErrorText();
  const [stored, setStored] = useState<Calendar | null>(calendar === 'new' ? null : calendar);
  const [draft, setDraft] = useState<Draft>(() => draftOf(stored, me.workspace.timeZone));
  const [error, setError] = useState<{ title: string; detail?: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const zones = useMemo(() => timeZones(draft.timeZone), [draft.timeZone]);
  const saved = useMemo(() => JSON.stringify(draftOf(stored, me.workspace.timeZone)), [stored, me.workspace.timeZone]);
  const dirty = JSON.stringify(draft) !== saved;
  const taken = new Set([...draft.holidays, ...draft.extraWorkdays.map((x) => x.date)]);
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));

  const fail = (e: unknown) => {
    if (e instanceof ApiError && e.code === 'invalid_calendar')
      setError({ title: t('calendars.errors.invalid_calendar'), detail: e.message });
    else setError({ title: errorText(e) });
  };

  const afterChange = (c: Calendar) => {
    setStored(c);
    setDraft(draftOf(c, me.workspace.timeZone));
    void qc.invalidateQueries({ queryKey: ['calendars'] });
  };

  const save = async () => {
    if (!draft.name.trim()) {
      setError({ title: t('calendars.nameRequired') });
      return;
    }
    setBusy(true);
    setError(null);
    const fields = { name: draft.name.trim(), description: draft.description.trim() || null, spec: specOf(draft) };
    try {
      const c = stored
        ? await api.patch<Calendar>(`/calendars/${stored.id}`, fields satisfies UpdateCalendarRequest)
        : await api.post<Calendar>('/calendars', fields satisfies CreateCalendarRequest);
      afterChange(c);
      void message.success(stored ? t('common.saved') : t('calendars.created', { name: c.name }));
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  const makeDefault = async () => {
    if (!stored) return;
    setError(null);
    try {
      afterChange(await api.post<Calendar>(`/calendars/${stored.id}/default`));
      void message.success(t('calendars.nowDefault', { name: stored.name }));
    } catch (e) {
      fail(e);
    }
  };

  const remove = async () => {
    if (!stored) return;
    setError(null);
    try {
      await api.delete(`/calendars/${stored.id}`);
      void qc.invalidateQueries({ queryKey: ['calendars'] });
      void message.success(t('calendars.deleted', { name: stored.name }));
      onClose();
    } catch (e) {
      fail(e);
    }
  };

  const source = stored?.source;
  const section = (title: string, extra?: string) => (
    <Divider titlePlacement="start" style={{ marginTop: 20 }}>
      {title}
      {extra && <Typography.Text type="secondary"> · {extra}</Typography.Text>}
    </Divider>
  );

  return (
    <Drawer
      open
      size={760}
      title={stored ? t('calendars.editTitle', { name: stored.name }) : t('calendars.new')}
      onClose={onClose}
      destroyOnHidden
      extra={stored?.isDefault && <Tag color="gold">{t('calendars.default')}</Tag>}
      footer={
        <Space orientation="vertical" style={{ width: '100%' }} size={8}>
          {error && (
            <Alert
              type="error"
              showIcon
              data-testid="calendar-error"
              title={error.title}
              description={error.detail && <Typography.Text code>{error.detail}</Typography.Text>}
            />
          )}
          <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
            <Space>
              {stored && (
                <Popconfirm
                  title={t('calendars.deleteTitle', { name: stored.name })}
                  description={t('calendars.deleteBody')}
                  okText={t('common.delete')}
                  cancelText={t('common.cancel')}
                  okButtonProps={{ danger: true }}
                  onConfirm={remove}
                >
                  <Button danger icon={<DeleteOutlined />}>
                    {t('common.delete')}
                  </Button>
                </Popconfirm>
              )}
              {stored && !stored.isDefault && (
                <Button icon={<StarOutlined />} onClick={() => void makeDefault()}>
                  {t('calendars.setDefault')}
                </Button>
              )}
            </Space>
            <Space>
              {dirty && <Typography.Text type="secondary">{t('calendars.unsaved')}</Typography.Text>}
              <Button onClick={onClose}>{t('common.close')}</Button>
              <Button type="primary" loading={busy} disabled={!dirty && !!stored} onClick={() => void save()}>
                {stored ? t('common.save') : t('common.create')}
              </Button>
            </Space>
          </div>
        </Space>
      }
    >
      <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 12 }}>
        <label>
          <Typography.Text>{t('calendars.name')}</Typography.Text>
          <Input value={draft.name} maxLength={100} onChange={(e) => set({ name: e.target.value })} style={{ marginTop: 4 }} />
        </label>
        <div>
          <Typography.Text id="calendar-tz-label">{t('calendars.timeZone')}</Typography.Text>
          <Select
            aria-labelledby="calendar-tz-label"
            value={draft.timeZone}
            onChange={(v) => set({ timeZone: v })}
            showSearch={{ optionFilterProp: 'label' }}
            options={zones.map((z) => ({ value: z, label: z }))}
            style={{ width: '100%', marginTop: 4 }}
          />
        </div>
        <label style={{ gridColumn: '1 / 3' }}>
          <Typography.Text>{t('calendars.description')}</Typography.Text>
          <Input.TextArea
            value={draft.description}
            rows={2}
            maxLength={2000}
            onChange={(e) => set({ description: e.target.value })}
            style={{ marginTop: 4 }}
          />
        </label>
      </div>
      {source && (source.preset || source.imports?.length) ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }} data-testid="calendar-source">
          {source.preset &&
            t('calendars.sourceLine', {
              preset: sourcePresetLabel(source.preset, i18n.language, t),
              package: source.package ?? '—',
              years: (source.years ?? []).join(', ') || '—',
            })}
          {source.imports?.length
            ? ` ${t('calendars.importsLine', { n: source.imports.length, at: dayjs(source.imports[source.imports.length - 1]!.at).format('YYYY-MM-DD HH:mm') })}`
            : ''}
        </Typography.Paragraph>
      ) : null}

      {section(t('calendars.weekly'), t('calendars.weeklyHelp'))}
      <WeeklyEditor value={draft.weekly} onChange={(weekly) => set({ weekly })} />

      {section(t('calendars.holidays'), String(draft.holidays.length))}
      <HolidaysEditor value={draft.holidays} taken={taken} onChange={(holidays) => set({ holidays })} />

      {section(t('calendars.makeUpDays'), String(draft.extraWorkdays.length))}
      <ExtraWorkdaysEditor
        value={draft.extraWorkdays}
        taken={taken}
        mondayHours={draft.weekly.mon ?? []}
        onChange={(extraWorkdays) => set({ extraWorkdays })}
      />

      {section(t('calendars.icsImport'))}
      <IcsImport
        calendarId={stored?.id ?? null}
        disabledReason={!stored ? t('calendars.icsCreateFirst') : dirty ? t('calendars.icsSaveFirst') : null}
        onImported={afterChange}
      />
    </Drawer>
  );
}
