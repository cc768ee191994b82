import { useState } from 'react';
import { Link } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import type { CreateOrganizationRequest, Organization } from '@kefu/contracts/customers';
import { ApiError, api } from '../../app/api';
import { ErrorState, useErrorText } from '../States';
import { useOrganizations } from './customers.data';

interface OrgForm {
  name: string;
  domains?: string[];
  notes?: string;
}

const DOMAIN = /^[a-z0-9.-]+$/;

/** Companies customers belong to: list, create and edit (their email domains link new customers to them). */
export function OrganizationsTab() {
  const { t, i18n } = useTranslation();
  const orgs = useOrganizations();
  const [editing, setEditing] = useState<Organization | 'new' | null>(null);
  const [filter, setFilter] = useState('');

  if (orgs.isError) return <ErrorState error={orgs.error} onRetry={() => void orgs.refetch()} />;
  const text = filter.trim().toLowerCase();
  const rows = (orgs.data ?? []).filter((o) => !text || o.name.toLowerCase().includes(text) || o.domains.some((d) => d.includes(text)));

  const columns: TableProps<Organization>['columns'] = [
    {
      title: t('orgs.name'),
      dataIndex: 'name',
      key: 'name',
      ellipsis: true,
      render: (name: string, o) => (
        <Link to={`/customers?org=${o.id}`} title={t('orgs.showCustomers')}>
          {name}
        </Link>
      ),
    },
    {
      title: t('orgs.domains'),
      dataIndex: 'domains',
      key: 'domains',
      render: (ds: string[]) => (ds.length ? ds.map((d) => <Tag key={d}>{d}</Tag>) : '—'),
    },
    { title: t('customers.notes'), dataIndex: 'notes', key: 'notes', ellipsis: true, render: (n: string) => n || '—' },
    {
      title: t('customers.created'),
      dataIndex: 'createdAt',
      key: 'created',
      width: 120,
      render: (d: string) => dayjs(d).format('YYYY-MM-DD'),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 80,
      render: (_, o) => (
        <Button size="small" icon={<EditOutlined />} aria-label={t('orgs.editNamed', { name: o.name })} onClick={() => setEditing(o)} />
      ),
    },
  ];

  return (
    <div>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }}>
        <Input.Search
          aria-label={t('orgs.search')}
          placeholder={t('orgs.search')}
          allowClear
          style={{ width: 320 }}
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
          {t('orgs.new')}
        </Button>
      </Space>
      <Table<Organization>
        key={i18n.language}
        size="small"
        rowKey="id"
        tableLayout="fixed"
        loading={orgs.isPending}
        dataSource={rows}
        columns={columns}
        pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        locale={{ emptyText: text ? t('common.noResults') : t('orgs.empty') }}
        data-testid="org-table"
      />
      <OrganizationModal org={editing} onClose={() => setEditing(null)} />
    </div>
  );
}

function OrganizationModal({ org, onClose }: { org: Organization | 'new' | null; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<OrgForm>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const existing = org && org !== 'new' ? org : null;

  const close = () => {
    setError(null);
    onClose();
  };

  const submit = async (v: OrgForm) => {
    setBusy(true);
    setError(null);
    const body: CreateOrganizationRequest = {
      name: v.name.trim(),
      domains: (v.domains ?? []).map((d) => d.trim().toLowerCase()).filter(Boolean),
      notes: v.notes ?? '',
    };
    try {
      if (existing) await api.patch<Organization>(`/organizations/${existing.id}`, body);
      else await api.post<Organization>('/organizations', body);
      await qc.invalidateQueries({ queryKey: ['organizations'] });
      void qc.invalidateQueries({ queryKey: ['organization'] });
      void message.success(existing ? t('common.saved') : t('orgs.created'));
      close();
    } catch (e) {
      const text = errorText(e);
      if (e instanceof ApiError && e.code === 'organization_name_taken') form.setFields([{ name: 'name', errors: [text] }]);
      else setError(text);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={org !== null}
      title={existing ? t('orgs.edit') : t('orgs.new')}
      onCancel={close}
      onOk={() => form.submit()}
      okText={existing ? t('common.save') : t('common.create')}
      confirmLoading={busy}
      destroyOnHidden
    >
      {error && <Alert type="error" title={error} showIcon style={{ marginBottom: 12 }} />}
      <Form<OrgForm>
        form={form}
        layout="vertical"
        onFinish={submit}
        requiredMark={false}
        initialValues={existing ? { name: existing.name, domains: existing.domains, notes: existing.notes } : { domains: [] }}
      >
        <Form.Item name="name" label={t('orgs.name')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
          <Input autoFocus maxLength={200} />
        </Form.Item>
        <Form.Item
          name="domains"
          label={t('orgs.domains')}
          extra={<Typography.Text type="secondary">{t('orgs.domainsHint')}</Typography.Text>}
          rules={[
            {
              validator: (_, v: string[] | undefined) =>
                (v ?? []).every((d) => DOMAIN.test(d.trim().toLowerCase()))
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('orgs.domainInvalid'))),
            },
          ]}
        >
          <Select aria-label={t('orgs.domains')} mode="tags" tokenSeparators={[',', ' ']} open={false} suffixIcon={null} />
        </Form.Item>
        <Form.Item name="notes" label={t('customers.notes')}>
          <Input.TextArea rows={3} maxLength={10_000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
