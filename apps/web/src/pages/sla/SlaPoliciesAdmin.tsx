import { useMemo, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Popconfirm, Space, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableProps } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, ClockCircleOutlined, DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { SlaConditions, SlaPolicy, SlaTargets } from '@kefu/contracts/sla';
import { api } from '../../app/api';
import { PRIORITIES, PRIORITY_COLORS, byId, useGroups } from '../../app/data';
import { SectionHeader } from '../../components/admin/SectionHeader';
import { ErrorState } from '../../components/States';
import { PolicyDrawer } from '../../components/sla-admin/PolicyDrawer';
import { METRICS } from '../../components/sla-admin/TargetsGrid';
import { splitMinutes, useAdminErrorText, useCalendars, usePolicies, useSlaAdminLive } from '../../components/sla-admin/sla-admin.data';

type MetricTargetsOf = NonNullable<SlaTargets['urgent']>;

/**
 * /admin/sla: the SLA policies in the order they are tried (the first whose conditions all hold
 * applies to a ticket), with their targets, calendar and whether they are active.
 */
export function SlaPoliciesAdminPage() {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const errorText = useAdminErrorText();
  const policies = usePolicies();
  const calendars = useCalendars();
  const groups = useGroups();
  const calendarMap = useMemo(() => byId(calendars.data), [calendars.data]);
  const groupMap = useMemo(() => byId(groups.data), [groups.data]);
  const [editing, setEditing] = useState<SlaPolicy | 'new' | null>(null);
  const [busy, setBusy] = useState(false);
  useSlaAdminLive();
  const items = policies.data ?? [];
  const defaultCalendar = calendars.data?.find((c) => c.isDefault);

  const amount = (minutes: number) => {
    const { amount: n, unit } = splitMinutes(minutes);
    return t(`slaAdmin.amount.${unit}`, { n });
  };

  const move = async (index: number, by: -1 | 1) => {
    const ids = items.map((p) => p.id);
    const j = index + by;
    if (j < 0 || j >= ids.length) return;
    [ids[index], ids[j]] = [ids[j]!, ids[index]!];
    setBusy(true);
    try {
      const r = await api.post<{ items: SlaPolicy[] }>('/sla/policies/reorder', { policyIds: ids });
      qc.setQueryData(['sla-policies'], r.items);
    } catch (e) {
      void message.error(errorText(e));
      void qc.invalidateQueries({ queryKey: ['sla-policies'] });
    } finally {
      setBusy(false);
    }
  };

  const setActive = async (p: SlaPolicy, isActive: boolean) => {
    try {
      await api.patch<SlaPolicy>(`/sla/policies/${p.id}`, { isActive });
      void message.success(isActive ? t('slaAdmin.activated', { name: p.name }) : t('slaAdmin.deactivated', { name: p.name }));
    } catch (e) {
      void message.error(errorText(e));
    } finally {
      void qc.invalidateQueries({ queryKey: ['sla-policies'] });
    }
  };

  const remove = async (p: SlaPolicy) => {
    try {
      await api.delete(`/sla/policies/${p.id}`);
      void message.success(t('slaAdmin.deleted', { name: p.name }));
    } catch (e) {
      void message.error(errorText(e));
    } finally {
      void qc.invalidateQueries({ queryKey: ['sla-policies'] });
    }
  };

  const conditionTags = (c: SlaConditions) => {
    const out: { key: string; text: string }[] = [];
    const add = (field: string, values: readonly string[] | undefined, label: (v: string) => string) => {
      if (values?.length) out.push({ key: field, text: `${t(`sla.field.${field}`)}: ${values.map(label).join(', ')}` });
    };
    add('priority', c.priority, (v) => t(`priority.${v}`));
    add('type', c.type, (v) => t(`type.${v}`));
    add('channel', c.channel, (v) => t(`channel.${v}`));
    add('groupIds', c.groupIds, (v) => groupMap.get(v)?.name ?? '…');
    add('category', c.category, (v) => v);
    add('tags', c.tags, (v) => v);
    add('customerTier', c.customerTier, (v) => v);
    if (out.length === 0) return <Typography.Text type="secondary">{t('slaAdmin.allTickets')}</Typography.Text>;
    return (
      <Space size={[4, 4]} wrap>
        {out.map((x) => (
          <Tag key={x.key} style={{ marginInlineEnd: 0 }}>
            {x.text}
          </Tag>
        ))}
      </Space>
    );
  };

  /** "First reply 30 min · Resolution 8 h", "around the clock" said once when every target of the line is. */
  const targetText = (mt: MetricTargetsOf) => {
    const set = METRICS.filter((m) => mt[m]);
    const allClock = set.every((m) => !mt[m]!.business);
    const parts = set.map((m) => {
      const x = mt[m]!;
      return `${t(`sla.metric.${m}`)} ${amount(x.minutes)}${!allClock && !x.business ? ` (${t('slaAdmin.calendarTime')})` : ''}`;
    });
    return `${parts.join(' · ')}${allClock ? ` (${t('slaAdmin.calendarTime')})` : ''}`;
  };

  const targetLines = (p: SlaPolicy) => {
    const rows = PRIORITIES.filter((pr) => METRICS.some((m) => p.targets[pr]?.[m]));
    if (rows.length === 0) return <Typography.Text type="secondary">{t('slaAdmin.noTargets')}</Typography.Text>;
    const texts = rows.map((pr) => targetText(p.targets[pr]!));
    // The same targets for every priority: one line.
    if (rows.length === PRIORITIES.length && texts.every((x) => x === texts[0]))
      return (
        <Space size={6} align="baseline">
          <Tag style={{ marginInlineEnd: 0 }}>{t('slaAdmin.allPriorities')}</Tag>
          <span style={{ fontSize: 12 }}>{texts[0]}</span>
        </Space>
      );
    return (
      <div style={{ display: 'grid', gridTemplateColumns: 'auto 1fr', gap: '2px 6px', alignItems: 'baseline' }}>
        {rows.map((pr, i) => (
          <div key={pr} style={{ display: 'contents' }}>
            <Tag color={PRIORITY_COLORS[pr]} style={{ marginInlineEnd: 0 }}>
              {t(`priority.${pr}`)}
            </Tag>
            <span style={{ fontSize: 12 }}>{texts[i]}</span>
          </div>
        ))}
      </div>
    );
  };

  const columns: TableProps<SlaPolicy>['columns'] = [
    { title: '#', key: 'position', width: 44, render: (_, _p, i) => i + 1 },
    {
      title: t('slaAdmin.name'),
      key: 'name',
      width: 190,
      render: (_, p) => (
        <Space orientation="vertical" size={0}>
          <a onClick={() => setEditing(p)}>{p.name}</a>
          {p.description && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {p.description}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    { title: t('slaAdmin.conditions'), key: 'conditions', width: 190, render: (_, p) => conditionTags(p.conditions) },
    { title: t('slaAdmin.targets'), key: 'targets', render: (_, p) => targetLines(p) },
    {
      title: t('slaAdmin.calendar'),
      key: 'calendar',
      width: 160,
      render: (_, p) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text ellipsis>
            <ClockCircleOutlined />{' '}
            {p.calendarId ? (calendarMap.get(p.calendarId)?.name ?? '…') : (defaultCalendar?.name ?? t('slaAdmin.defaultCalendar'))}
          </Typography.Text>
          {!p.calendarId && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('slaAdmin.workspaceDefault')}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('slaAdmin.active'),
      key: 'active',
      width: 70,
      render: (_, p) => (
        <Switch
          size="small"
          checked={p.isActive}
          aria-label={t('slaAdmin.activeNamed', { name: p.name })}
          onChange={(v) => void setActive(p, v)}
        />
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 150,
      render: (_, p, i) => (
        <Space size={4}>
          <Tooltip title={t('slaAdmin.moveUp')}>
            <Button
              size="small"
              icon={<ArrowUpOutlined />}
              disabled={i === 0 || busy}
              aria-label={t('slaAdmin.moveUpNamed', { name: p.name })}
              onClick={() => void move(i, -1)}
            />
          </Tooltip>
          <Tooltip title={t('slaAdmin.moveDown')}>
            <Button
              size="small"
              icon={<ArrowDownOutlined />}
              disabled={i === items.length - 1 || busy}
              aria-label={t('slaAdmin.moveDownNamed', { name: p.name })}
              onClick={() => void move(i, 1)}
            />
          </Tooltip>
          <Button
            size="small"
            icon={<EditOutlined />}
            aria-label={t('slaAdmin.editNamed', { name: p.name })}
            onClick={() => setEditing(p)}
          />
          <Popconfirm
            title={t('slaAdmin.deleteTitle', { name: p.name })}
            description={t('slaAdmin.deleteBody')}
            okText={t('common.delete')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={() => remove(p)}
          >
            <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('slaAdmin.deleteNamed', { name: p.name })} />
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <div>
      <SectionHeader
        title={t('slaAdmin.title')}
        help={t('slaAdmin.help')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('slaAdmin.new')}
          </Button>
        }
      />
      <Alert type="info" showIcon title={t('slaAdmin.firstMatch')} style={{ marginBottom: 12 }} />
      {policies.isError ? (
        <ErrorState error={policies.error} onRetry={() => void policies.refetch()} />
      ) : (
        <Table<SlaPolicy>
          key={i18n.language}
          size="small"
          rowKey="id"
          tableLayout="fixed"
          loading={policies.isPending}
          dataSource={items}
          columns={columns}
          pagination={false}
          onRow={(p) => ({ style: p.isActive ? undefined : { opacity: 0.6 } })}
          locale={{ emptyText: t('slaAdmin.empty') }}
          data-testid="sla-policies-table"
        />
      )}
      <PolicyDrawer policy={editing} onClose={() => setEditing(null)} />
    </div>
  );
}
