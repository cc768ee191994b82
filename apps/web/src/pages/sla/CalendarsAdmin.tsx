import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Popconfirm, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableProps } from 'antd';
import { CalendarOutlined, DeleteOutlined, EditOutlined, PlusOutlined, StarOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Calendar, Weekday } from '@kefu/contracts/calendars';
import { api } from '../../app/api';
import { SectionHeader } from '../../components/admin/SectionHeader';
import { ErrorState } from '../../components/States';
import { CalendarDrawer } from '../../components/sla-admin/CalendarDrawer';
import { PresetModal } from '../../components/sla-admin/PresetModal';
import {
  sourcePresetLabel,
  summarizeWeekly,
  useAdminErrorText,
  useCalendars,
  useSlaAdminLive,
} from '../../components/sla-admin/sla-admin.data';

/**
 * /admin/calendars: the workspace's business calendars (when SLA clocks run). New ones come from a
 * preset (China mainland with 调休, 24×7, a country) or from scratch; each opens in an editor.
 */
export function CalendarsAdminPage() {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const errorText = useAdminErrorText();
  const calendars = useCalendars();
  const [editing, setEditing] = useState<Calendar | 'new' | null>(null);
  const [fromPreset, setFromPreset] = useState(false);
  useSlaAdminLive();
  const dayName = (d: Weekday) => t(`calendars.weekdayShort.${d}`);

  const makeDefault = async (c: Calendar) => {
    try {
      await api.post<Calendar>(`/calendars/${c.id}/default`);
      void message.success(t('calendars.nowDefault', { name: c.name }));
    } catch (e) {
      void message.error(errorText(e));
    } finally {
      void qc.invalidateQueries({ queryKey: ['calendars'] });
    }
  };

  const remove = async (c: Calendar) => {
    try {
      await api.delete(`/calendars/${c.id}`);
      void message.success(t('calendars.deleted', { name: c.name }));
    } catch (e) {
      void message.error(errorText(e));
    } finally {
      void qc.invalidateQueries({ queryKey: ['calendars'] });
    }
  };

  const sourceOf = (c: Calendar) => {
    const s = c.source;
    const parts: string[] = [];
    if (s.preset) parts.push(sourcePresetLabel(s.preset, i18n.language, t));
    return (
      <Space orientation="vertical" size={0}>
        <span>{parts.length ? parts.join(' · ') : t('calendars.custom')}</span>
        {s.package && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {s.package}
            {s.years?.length ? ` · ${s.years.join(', ')}` : ''}
          </Typography.Text>
        )}
        {s.imports?.length ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('calendars.imports', { n: s.imports.length })}
          </Typography.Text>
        ) : null}
      </Space>
    );
  };

  const columns: TableProps<Calendar>['columns'] = [
    {
      title: t('calendars.name'),
      key: 'name',
      ellipsis: true,
      render: (_, c) => (
        <Space orientation="vertical" size={0}>
          <Space size={4}>
            <a onClick={() => setEditing(c)}>{c.name}</a>
            {c.isDefault && <Tag color="gold">{t('calendars.default')}</Tag>}
          </Space>
          {c.description && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>
              {c.description}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    { title: t('calendars.timeZone'), key: 'zone', width: 150, render: (_, c) => c.spec.timeZone },
    {
      title: t('calendars.hours'),
      key: 'hours',
      width: 210,
      render: (_, c) => {
        const lines = summarizeWeekly(c.spec.weekly, dayName);
        return lines.length ? lines.map((l) => <div key={l}>{l}</div>) : t('calendars.closed');
      },
    },
    { title: t('calendars.source'), key: 'source', width: 200, render: (_, c) => sourceOf(c) },
    { title: t('calendars.holidays'), key: 'holidays', width: 90, align: 'right', render: (_, c) => c.spec.holidays?.length ?? 0 },
    {
      title: t('calendars.makeUpDaysShort'),
      key: 'makeup',
      width: 90,
      align: 'right',
      render: (_, c) => c.spec.extraWorkdays?.length ?? 0,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 120,
      render: (_, c) => (
        <Space size={4}>
          <Button
            size="small"
            icon={<EditOutlined />}
            aria-label={t('calendars.editNamed', { name: c.name })}
            onClick={() => setEditing(c)}
          />
          <Tooltip title={t('calendars.setDefault')}>
            <Button
              size="small"
              icon={<StarOutlined />}
              disabled={c.isDefault}
              aria-label={t('calendars.setDefaultNamed', { name: c.name })}
              onClick={() => void makeDefault(c)}
            />
          </Tooltip>
          <Popconfirm
            title={t('calendars.deleteTitle', { name: c.name })}
            description={t('calendars.deleteBody')}
            okText={t('common.delete')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={() => remove(c)}
          >
            <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('calendars.deleteNamed', { name: c.name })} />
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <div>
      <SectionHeader
        title={t('calendars.title')}
        help={t('calendars.help')}
        extra={
          <Space>
            <Button icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              {t('calendars.new')}
            </Button>
            <Button type="primary" icon={<CalendarOutlined />} onClick={() => setFromPreset(true)}>
              {t('calendars.fromPreset')}
            </Button>
          </Space>
        }
      />
      {calendars.isError ? (
        <ErrorState error={calendars.error} onRetry={() => void calendars.refetch()} />
      ) : (
        <Table<Calendar>
          key={i18n.language}
          size="small"
          rowKey="id"
          tableLayout="fixed"
          loading={calendars.isPending}
          dataSource={calendars.data ?? []}
          columns={columns}
          pagination={false}
          locale={{ emptyText: t('calendars.empty') }}
          data-testid="calendars-table"
        />
      )}
      <PresetModal
        open={fromPreset}
        onClose={() => {
          setFromPreset(false);
        }}
      />
      <CalendarDrawer calendar={editing} onClose={() => setEditing(null)} />
    </div>
  );
}
