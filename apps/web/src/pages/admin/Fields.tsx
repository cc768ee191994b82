import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  CheckOutlined,
  EditOutlined,
  PlusOutlined,
  StopOutlined,
  UndoOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { FieldDefinition } from '@kefu/contracts/tickets';
import { api } from '../../app/api';
import { useFields } from '../../app/data';
import { FieldModal } from '../../components/admin/FieldModal';
import { SectionHeader } from '../../components/admin/SectionHeader';
import { ErrorState, useErrorText } from '../../components/States';

/** Custom ticket fields: shown on every ticket in this order; some must be filled before solving. */
export function FieldsAdmin() {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const fields = useFields();
  const [editing, setEditing] = useState<FieldDefinition | 'new' | null>(null);
  const [busy, setBusy] = useState(false);
  const rows = fields.data ?? [];
  const zh = i18n.language === 'zh-CN';

  const run = async (work: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await work();
      void message.success(done);
    } catch (e) {
      void message.error(errorText(e));
    } finally {
      await qc.invalidateQueries({ queryKey: ['ticket-fields'] });
      setBusy(false);
    }
  };

  /** Moves a field one place and renumbers the list 0, 1, 2… (only changed positions are sent). */
  const move = (index: number, delta: -1 | 1) => {
    const order = [...rows];
    const [f] = order.splice(index, 1);
    if (!f) return;
    order.splice(index + delta, 0, f);
    void run(async () => {
      for (const [i, x] of order.entries()) if (x.position !== i) await api.patch(`/ticket-fields/${x.id}`, { position: i });
    }, t('fields.reordered'));
  };

  const setActive = (f: FieldDefinition, isActive: boolean) =>
    run(() => api.patch(`/ticket-fields/${f.id}`, { isActive }), isActive ? t('fields.reactivated') : t('fields.deactivated'));

  const label = (f: FieldDefinition) => (zh ? f.labelZh : f.labelEn);
  const columns: TableProps<FieldDefinition>['columns'] = [
    {
      title: t('fields.order'),
      key: 'order',
      width: 84,
      render: (_, f, i) => (
        <Space size={2}>
          <Button
            size="small"
            type="text"
            icon={<ArrowUpOutlined />}
            aria-label={t('fields.moveUp', { name: label(f) })}
            disabled={busy || i === 0}
            onClick={() => move(i, -1)}
          />
          <Button
            size="small"
            type="text"
            icon={<ArrowDownOutlined />}
            aria-label={t('fields.moveDown', { name: label(f) })}
            disabled={busy || i === rows.length - 1}
            onClick={() => move(i, 1)}
          />
        </Space>
      ),
    },
    {
      title: t('fields.label'),
      key: 'label',
      ellipsis: true,
      render: (_, f) => (
        <div>
          <div>{label(f)}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {zh ? f.labelEn : f.labelZh}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: t('fields.key'),
      dataIndex: 'key',
      key: 'key',
      width: 150,
      ellipsis: true,
      render: (k: string) => <Typography.Text code>{k}</Typography.Text>,
    },
    { title: t('fields.type'), dataIndex: 'type', key: 'type', width: 100, render: (ty: string) => <Tag>{t(`fields.types.${ty}`)}</Tag> },
    {
      title: t('fields.options'),
      dataIndex: 'options',
      key: 'options',
      ellipsis: true,
      render: (o: string[], f) => (f.type === 'dropdown' ? o.join(' · ') : '—'),
    },
    {
      title: t('fields.requiredOnSolve'),
      dataIndex: 'requiredOnSolve',
      key: 'required',
      width: 120,
      render: (r: boolean) =>
        r ? <CheckOutlined aria-label={t('common.yes')} style={{ color: '#52c41a' }} /> : <span aria-label={t('common.no')}>—</span>,
    },
    {
      title: t('users.status'),
      dataIndex: 'isActive',
      key: 'status',
      width: 90,
      render: (a: boolean) => (a ? <Tag color="green">{t('users.active')}</Tag> : <Tag>{t('users.inactive')}</Tag>),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 96,
      render: (_, f) => (
        <Space size={4}>
          <Button
            size="small"
            icon={<EditOutlined />}
            aria-label={t('fields.editNamed', { name: label(f) })}
            onClick={() => setEditing(f)}
          />
          {f.isActive ? (
            <Popconfirm
              title={t('fields.deactivateTitle', { name: label(f) })}
              description={t('fields.deactivateBody')}
              okText={t('users.deactivate')}
              cancelText={t('common.cancel')}
              okButtonProps={{ danger: true }}
              onConfirm={() => setActive(f, false)}
            >
              <Button
                size="small"
                danger
                icon={<StopOutlined />}
                aria-label={t('fields.deactivateNamed', { name: label(f) })}
                disabled={busy}
              />
            </Popconfirm>
          ) : (
            <Button
              size="small"
              icon={<UndoOutlined />}
              aria-label={t('fields.reactivateNamed', { name: label(f) })}
              disabled={busy}
              onClick={() => void setActive(f, true)}
            />
          )}
        </Space>
      ),
    },
  ];

  return (
    <div>
      <SectionHeader
        title={t('admin.fields')}
        help={t('fields.help')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('fields.new')}
          </Button>
        }
      />
      {fields.isError ? (
        <ErrorState error={fields.error} onRetry={() => void fields.refetch()} />
      ) : (
        <Table<FieldDefinition>
          key={i18n.language}
          size="small"
          rowKey="id"
          tableLayout="fixed"
          loading={fields.isPending}
          dataSource={rows}
          columns={columns}
          pagination={false}
          locale={{ emptyText: t('fields.empty') }}
          onRow={(f) => (f.isActive ? {} : { style: { color: '#8c8c8c' } })}
          data-testid="fields-table"
        />
      )}
      <FieldModal field={editing} nextPosition={rows.reduce((m, f) => Math.max(m, f.position + 1), 0)} onClose={() => setEditing(null)} />
    </div>
  );
}
