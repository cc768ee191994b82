import { useEffect, useMemo, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Checkbox, Descriptions, Form, Input, Modal, Select, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import type { CalendarPreset, DayNote, FromPresetRequest, FromPresetResponse, PresetPreview } from '@kefu/contracts/calendars';
import { api } from '../../app/api';
import { useMe } from '../../app/session';
import { Loading } from '../States';
import { presetLabel, summarizeWeekly, useAdminErrorText, usePresets } from './sla-admin.data';

interface PresetForm {
  preset: string;
  years: number[];
  name: string;
  isDefault: boolean;
}

/** Consecutive dates with the same name and kind, as one row: "国庆节 National Day · 2026-10-01 – 2026-10-07 · 7 days". */
interface DayBlock {
  key: string;
  kind: DayNote['kind'];
  name: string;
  from: string;
  to: string;
  days: number;
}

function blocksOf(days: readonly DayNote[]): DayBlock[] {
  const sorted = [...days].sort((a, b) => a.date.localeCompare(b.date));
  const out: DayBlock[] = [];
  for (const d of sorted) {
    const last = out[out.length - 1];
    if (last && last.kind === d.kind && last.name === d.name && dayjs(last.to).add(1, 'day').format('YYYY-MM-DD') === d.date) {
      last.to = d.date;
      last.days += 1;
    } else out.push({ key: `${d.kind}-${d.date}`, kind: d.kind, name: d.name, from: d.date, to: d.date, days: 1 });
  }
  return out;
}

/** The presets in the order people look for them: China mainland, 24×7, then countries by name. */
function orderPresets(presets: readonly CalendarPreset[], label: (p: CalendarPreset) => string): CalendarPreset[] {
  const rank = (p: CalendarPreset) => (p.kind === 'cn' ? 0 : p.kind === 'always' ? 1 : 2);
  return [...presets].sort((a, b) => rank(a) - rank(b) || label(a).localeCompare(label(b)));
}

/** "New from preset": pick a preset and years, check every holiday and make-up day, then create. */
export function PresetModal({ open, onClose }: { open: boolean; onClose: (createdId?: string) => void }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const errorText = useAdminErrorText();
  const presets = usePresets();
  const [form] = Form.useForm<PresetForm>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const presetId = Form.useWatch('preset', form);
  const years = Form.useWatch('years', form);
  const thisYear = new Date().getFullYear();
  const label = (p: CalendarPreset) => presetLabel(p, i18n.language, t);
  const ordered = useMemo(() => orderPresets(presets.data ?? [], label), [presets.data, i18n.language]);
  const preset = ordered.find((p) => p.id === presetId);
  const yearKey = [...(years ?? [])].sort().join(',');

  const preview = useQuery({
    queryKey: ['calendar-preset-preview', presetId, yearKey],
    queryFn: () => api.post<PresetPreview>(`/calendars/presets/${presetId}/preview?years=${yearKey}`),
    enabled: open && !!presetId && yearKey !== '',
    staleTime: 5 * 60_000,
  });

  // The name follows the preset until the admin types one.
  useEffect(() => {
    if (preset && !form.isFieldTouched('name')) form.setFieldValue('name', label(preset));
  }, [preset?.id, i18n.language]);

  const close = (createdId?: string) => {
    setError(null);
    form.resetFields();
    onClose(createdId);
  };

  const submit = async (v: PresetForm) => {
    setBusy(true);
    setError(null);
    const body: FromPresetRequest = { preset: v.preset, name: v.name.trim(), years: [...v.years].sort(), isDefault: v.isDefault };
    try {
      const r = await api.post<FromPresetResponse>('/calendars/from-preset', body);
      await qc.invalidateQueries({ queryKey: ['calendars'] });
      void message.success(t('calendars.created', { name: r.calendar.name }));
      close(r.calendar.id);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const yearOptions = Array.from({ length: 7 }, (_, i) => thisYear - 2 + i).map((y) => ({ value: y, label: String(y) }));
  const blocks = blocksOf(preview.data?.days ?? []);
  const weekdays = (d: string) => t(`calendars.weekdayShort.${d}`);

  return (
    <Modal
      open={open}
      title={t('calendars.fromPreset')}
      onCancel={() => close()}
      onOk={() => form.submit()}
      okText={t('common.create')}
      confirmLoading={busy}
      width={760}
      destroyOnHidden
    >
      {error && <Alert type="error" title={error} showIcon style={{ marginBottom: 12 }} />}
      <Form<PresetForm>
        form={form}
        layout="vertical"
        onFinish={submit}
        requiredMark={false}
        initialValues={{ preset: 'CN', years: [thisYear, thisYear + 1], isDefault: false }}
      >
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 12 }}>
          <Form.Item name="preset" label={t('calendars.preset')} rules={[{ required: true, message: t('validation.required') }]}>
            <Select
              aria-label={t('calendars.preset')}
              showSearch={{ optionFilterProp: 'label' }}
              loading={presets.isPending}
              options={ordered.map((p) => ({ value: p.id, label: label(p) }))}
            />
          </Form.Item>
          <Form.Item name="years" label={t('calendars.years')} rules={[{ required: true, message: t('validation.required') }]}>
            <Select mode="multiple" aria-label={t('calendars.years')} options={yearOptions} />
          </Form.Item>
          <Form.Item
            name="name"
            label={t('calendars.name')}
            rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
          >
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="isDefault" valuePropName="checked" label=" ">
            <Checkbox>{t('calendars.makeDefault')}</Checkbox>
          </Form.Item>
        </div>
      </Form>
      {preset && (
        <Descriptions
          size="small"
          column={1}
          bordered
          style={{ marginBottom: 12 }}
          data-testid="preset-info"
          items={[
            {
              key: 'source',
              label: t('calendars.datesFrom'),
              children: preset.package ? (
                <>
                  <Tag color="blue">{preset.package}</Tag>
                  {preset.years && (
                    <Typography.Text type="secondary">
                      {t('calendars.coversYears', { from: preset.years.from, to: preset.years.to })}
                    </Typography.Text>
                  )}
                </>
              ) : (
                t('calendars.noDates')
              ),
            },
            { key: 'zone', label: t('calendars.timeZone'), children: preset.timeZone ?? me.workspace.timeZone },
            { key: 'hours', label: t('calendars.hours'), children: summarizeWeekly(preset.weekly, weekdays).join('; ') },
          ]}
        />
      )}
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {t('calendars.preview')}
      </Typography.Title>
      {preview.isFetching && !preview.data ? (
        <Loading />
      ) : preview.isError ? (
        <Alert type="error" showIcon title={errorText(preview.error)} />
      ) : (
        <>
          {(preview.data?.warnings ?? []).map((w) => (
            <Alert key={w} type="warning" showIcon title={w} style={{ marginBottom: 8 }} />
          ))}
          <Table<DayBlock>
            size="small"
            rowKey="key"
            data-testid="preset-preview"
            pagination={false}
            scroll={{ y: 240 }}
            dataSource={blocks}
            locale={{ emptyText: t('calendars.previewEmpty') }}
            columns={[
              {
                title: t('calendars.dates'),
                key: 'dates',
                width: 250,
                render: (_, b) => (b.from === b.to ? `${b.from} ${dayjs(b.from).format('ddd')}` : `${b.from} – ${b.to}`),
              },
              { title: t('calendars.dayName'), dataIndex: 'name', key: 'name', ellipsis: true },
              {
                title: t('calendars.kind'),
                key: 'kind',
                width: 180,
                render: (_, b) =>
                  b.kind === 'holiday' ? (
                    <Tag color="red">{t('calendars.holidayDays', { n: b.days })}</Tag>
                  ) : (
                    <Tag color="blue">{t('calendars.makeUpDay')}</Tag>
                  ),
              },
            ]}
          />
        </>
      )}
    </Modal>
  );
}
