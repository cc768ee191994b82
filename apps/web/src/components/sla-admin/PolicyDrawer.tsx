import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Checkbox, Divider, Drawer, Form, Input, InputNumber, Select, Space, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CreateSlaPolicyRequest, SlaConditions, SlaPolicy } from '@kefu/contracts/sla';
import { ApiError, api } from '../../app/api';
import { CHANNELS, PRIORITIES, TYPES, useGroups, useUsers } from '../../app/data';
import { useAdminErrorText, useCalendars } from './sla-admin.data';
import { TargetsGrid, cellsOf, targetsOf, type TargetCells } from './TargetsGrid';

interface PolicyForm {
  name: string;
  description: string;
  isActive: boolean;
  priority: string[];
  type: string[];
  channel: string[];
  groupIds: string[];
  category: string[];
  tags: string[];
  customerTier: string[];
  targets: TargetCells;
  calendarId: string;
  pauseStatuses: string[];
  warningPercent: number;
  raisePriority: boolean;
  escalationGroupId: string | null;
  notifyUserIds: string[];
}

function initialValues(p: SlaPolicy | null): PolicyForm {
  const c = p?.conditions ?? {};
  return {
    name: p?.name ?? '',
    description: p?.description ?? '',
    isActive: p?.isActive ?? true,
    priority: [...(c.priority ?? [])],
    type: [...(c.type ?? [])],
    channel: [...(c.channel ?? [])],
    groupIds: [...(c.groupIds ?? [])],
    category: [...(c.category ?? [])],
    tags: [...(c.tags ?? [])],
    customerTier: [...(c.customerTier ?? [])],
    targets: cellsOf(p?.targets ?? {}),
    calendarId: p?.calendarId ?? DEFAULT_CALENDAR,
    pauseStatuses: [...(p?.pauseStatuses ?? ['pending'])],
    warningPercent: p?.warningPercent ?? 75,
    raisePriority: p?.escalation.raisePriority ?? false,
    escalationGroupId: p?.escalation.groupId ?? null,
    notifyUserIds: [...(p?.escalation.notifyUserIds ?? [])],
  };
}

/** The select's stand-in for calendarId null (the workspace default): antd options cannot be null. */
const DEFAULT_CALENDAR = 'default';

const tagInput = { mode: 'tags' as const, tokenSeparators: [',', ' '], suffixIcon: null, notFoundContent: null };

/** Create or edit an SLA policy: when it applies, its targets per priority, its calendar and escalation. */
export function PolicyDrawer({ policy, onClose }: { policy: SlaPolicy | 'new' | null; onClose: () => void }) {
  return policy ? <PolicyEditor key={policy === 'new' ? 'new' : policy.id} policy={policy} onClose={onClose} /> : null;
}

function PolicyEditor({ policy, onClose }: { policy: SlaPolicy | 'new'; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const errorText = useAdminErrorText();
  const users = useUsers();
  const groups = useGroups();
  const calendars = useCalendars();
  const [form] = Form.useForm<PolicyForm>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const existing = policy !== 'new' ? policy : null;
  const defaultCalendar = calendars.data?.find((c) => c.isDefault);
  const groupOptions = (groups.data ?? []).map((g) => ({ value: g.id, label: g.name }));

  const close = () => {
    setError(null);
    onClose();
  };

  const submit = async (v: PolicyForm) => {
    const built = targetsOf(v.targets);
    if ('invalid' in built) {
      const { priority, metric } = built.invalid;
      setError(t('slaAdmin.invalidTarget', { name: `${t(`priority.${priority}`)} · ${t(`sla.metric.${metric}`)}` }));
      return;
    }
    setBusy(true);
    setError(null);
    const conditions = {
      priority: v.priority,
      type: v.type,
      channel: v.channel,
      groupIds: v.groupIds,
      category: v.category.map((x) => x.trim()).filter(Boolean),
      tags: v.tags.map((x) => x.trim()).filter(Boolean),
      customerTier: v.customerTier.map((x) => x.trim()).filter(Boolean),
    } as SlaConditions;
    const body: CreateSlaPolicyRequest = {
      name: v.name.trim(),
      description: v.description.trim(),
      isActive: v.isActive,
      conditions,
      targets: built.targets,
      calendarId: v.calendarId === DEFAULT_CALENDAR ? null : v.calendarId,
      pauseStatuses: v.pauseStatuses as CreateSlaPolicyRequest['pauseStatuses'],
      warningPercent: v.warningPercent,
      escalation: {
        raisePriority: v.raisePriority,
        groupId: v.escalationGroupId ?? null,
        notifyUserIds: v.notifyUserIds,
      },
    };
    try {
      if (existing) await api.patch<SlaPolicy>(`/sla/policies/${existing.id}`, body);
      else await api.post<SlaPolicy>('/sla/policies', body);
      await qc.invalidateQueries({ queryKey: ['sla-policies'] });
      void message.success(existing ? t('common.saved') : t('slaAdmin.created', { name: body.name }));
      close();
    } catch (e) {
      const text = errorText(e);
      if (e instanceof ApiError && e.code === 'sla_policy_name_taken') form.setFields([{ name: 'name', errors: [text] }]);
      else setError(text);
    } finally {
      setBusy(false);
    }
  };

  const section = (title: string) => (
    <Divider titlePlacement="start" style={{ marginTop: 8 }}>
      {title}
    </Divider>
  );

  return (
    <Drawer
      open
      size={940}
      title={existing ? t('slaAdmin.editTitle', { name: existing.name }) : t('slaAdmin.new')}
      onClose={close}
      destroyOnHidden
      footer={
        <Space orientation="vertical" style={{ width: '100%' }} size={8}>
          {error && <Alert type="error" showIcon title={error} data-testid="policy-error" />}
          <div style={{ display: 'flex', justifyContent: 'flex-end', gap: 8 }}>
            <Button onClick={close}>{t('common.cancel')}</Button>
            <Button type="primary" loading={busy} onClick={() => form.submit()}>
              {existing ? t('common.save') : t('common.create')}
            </Button>
          </div>
        </Space>
      }
    >
      <Form<PolicyForm> form={form} layout="vertical" onFinish={submit} requiredMark={false} initialValues={initialValues(existing)}>
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr 120px', columnGap: 12 }}>
          <Form.Item
            name="name"
            label={t('slaAdmin.name')}
            rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
          >
            <Input maxLength={200} autoFocus />
          </Form.Item>
          <Form.Item name="description" label={t('slaAdmin.description')}>
            <Input maxLength={2000} />
          </Form.Item>
          <Form.Item name="isActive" label={t('slaAdmin.active')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </div>

        {section(t('slaAdmin.conditions'))}
        <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
          {t('slaAdmin.conditionsHelp')}
        </Typography.Paragraph>
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr 1fr', columnGap: 12 }}>
          <Form.Item name="priority" label={t('sla.field.priority')}>
            <Select
              mode="multiple"
              aria-label={t('sla.field.priority')}
              options={PRIORITIES.map((p) => ({ value: p, label: t(`priority.${p}`) }))}
            />
          </Form.Item>
          <Form.Item name="type" label={t('sla.field.type')}>
            <Select mode="multiple" aria-label={t('sla.field.type')} options={TYPES.map((x) => ({ value: x, label: t(`type.${x}`) }))} />
          </Form.Item>
          <Form.Item name="channel" label={t('sla.field.channel')}>
            <Select
              mode="multiple"
              aria-label={t('sla.field.channel')}
              options={CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`) }))}
            />
          </Form.Item>
          <Form.Item name="groupIds" label={t('sla.field.groupIds')}>
            <Select
              mode="multiple"
              aria-label={t('sla.field.groupIds')}
              showSearch={{ optionFilterProp: 'label' }}
              loading={groups.isPending}
              options={groupOptions}
            />
          </Form.Item>
          <Form.Item name="category" label={t('sla.field.category')} tooltip={t('slaAdmin.categoryHelp')}>
            <Select {...tagInput} aria-label={t('sla.field.category')} placeholder={t('slaAdmin.typeAndEnter')} />
          </Form.Item>
          <Form.Item name="tags" label={t('sla.field.tags')}>
            <Select {...tagInput} aria-label={t('sla.field.tags')} placeholder={t('slaAdmin.typeAndEnter')} />
          </Form.Item>
          <Form.Item name="customerTier" label={t('sla.field.customerTier')}>
            <Select {...tagInput} aria-label={t('sla.field.customerTier')} placeholder={t('slaAdmin.typeAndEnter')} />
          </Form.Item>
        </div>

        {section(t('slaAdmin.targets'))}
        <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
          {t('slaAdmin.targetsHelp')}
        </Typography.Paragraph>
        <Form.Item name="targets">
          <TargetsGrid />
        </Form.Item>

        {section(t('slaAdmin.clock'))}
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr 1fr', columnGap: 12 }}>
          <Form.Item name="calendarId" label={t('slaAdmin.calendar')} extra={t('slaAdmin.calendarHelp')}>
            <Select
              aria-label={t('slaAdmin.calendar')}
              loading={calendars.isPending}
              options={[
                {
                  value: DEFAULT_CALENDAR,
                  label: defaultCalendar
                    ? t('slaAdmin.defaultCalendarNamed', { name: defaultCalendar.name })
                    : t('slaAdmin.defaultCalendar'),
                },
                ...(calendars.data ?? []).map((c) => ({ value: c.id, label: c.name })),
              ]}
            />
          </Form.Item>
          <Form.Item name="pauseStatuses" label={t('slaAdmin.pauseStatuses')} extra={t('slaAdmin.pauseHelp')}>
            <Checkbox.Group options={(['pending', 'on_hold'] as const).map((s) => ({ value: s, label: t(`status.${s}`) }))} />
          </Form.Item>
          <Form.Item name="warningPercent" label={t('slaAdmin.warningPercent')} extra={t('slaAdmin.warningHelp')}>
            <InputNumber aria-label={t('slaAdmin.warningPercent')} min={1} max={99} precision={0} suffix="%" style={{ width: 120 }} />
          </Form.Item>
        </div>

        {section(t('slaAdmin.escalation'))}
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr 1fr', columnGap: 12 }}>
          <Form.Item name="raisePriority" valuePropName="checked" label={t('slaAdmin.onBreach')}>
            <Checkbox>{t('slaAdmin.raisePriority')}</Checkbox>
          </Form.Item>
          <Form.Item name="escalationGroupId" label={t('slaAdmin.moveToGroup')}>
            <Select
              allowClear
              aria-label={t('slaAdmin.moveToGroup')}
              placeholder={t('common.none')}
              showSearch={{ optionFilterProp: 'label' }}
              options={groupOptions}
            />
          </Form.Item>
          <Form.Item name="notifyUserIds" label={t('slaAdmin.notifyUsers')}>
            <Select
              mode="multiple"
              aria-label={t('slaAdmin.notifyUsers')}
              showSearch={{ optionFilterProp: 'label' }}
              loading={users.isPending}
              options={(users.data ?? []).filter((u) => u.isActive).map((u) => ({ value: u.id, label: u.name }))}
            />
          </Form.Item>
        </div>
      </Form>
    </Drawer>
  );
}
