import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Input, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { MergeCellsOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import type { Customer } from '@kefu/contracts/customers';
import { api } from '../app/api';
import { byId } from '../app/data';
import { ErrorState, Loading, useErrorText } from '../components/States';
import { CustomerProfile } from '../components/customers/CustomerProfile';
import { CustomerTickets } from '../components/customers/CustomerTickets';
import { IdentityTags } from '../components/customers/IdentityTags';
import { MergeCustomerModal } from '../components/customers/MergeCustomerModal';
import { NewCustomerModal } from '../components/customers/NewCustomerModal';
import { OrganizationsTab } from '../components/customers/OrganizationsTab';
import { customersQuery, useCustomer, useOrganizations } from '../components/customers/customers.data';
import { CursorPager, useCursorPages } from '../components/CursorPager';

const PAGE = 25;

/** /customers: the customer list (searchable, paged) and the organizations tab. */
export function CustomersPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'organizations' ? 'organizations' : 'customers';
  return (
    <div style={{ padding: 16, minHeight: 'calc(100vh - 48px)', boxSizing: 'border-box' }}>
      <Typography.Title level={4} style={{ margin: '0 0 8px' }}>
        {t('customers.title')}
      </Typography.Title>
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams(k === 'organizations' ? { tab: k } : {})}
        items={[
          { key: 'customers', label: t('customers.tab'), children: <CustomerList /> },
          { key: 'organizations', label: t('orgs.tab'), children: <OrganizationsTab /> },
        ]}
      />
    </div>
  );
}

function CustomerList() {
  const { t, i18n } = useTranslation();
  const nav = useNavigate();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const orgId = params.get('org') ?? undefined;
  const [text, setText] = useState(q);
  const pages = useCursorPages();
  const [creating, setCreating] = useState(false);
  const cursor = pages.cursor;
  const orgs = useOrganizations();
  const orgMap = useMemo(() => byId(orgs.data), [orgs.data]);

  useEffect(() => {
    setText(q);
    pages.reset();
  }, [q, orgId]);

  const list = useQuery({ ...customersQuery(q, cursor, orgId, PAGE), placeholderData: keepPreviousData });

  const setQuery = (next: { q?: string; org?: string | undefined }) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v) p.set(k, v);
      else p.delete(k);
    }
    setParams(p);
  };

  const columns: TableProps<Customer>['columns'] = [
    {
      title: t('customers.name'),
      dataIndex: 'name',
      key: 'name',
      width: 200,
      ellipsis: true,
      render: (name: string, c) => <Link to={`/customers/${c.id}`}>{name}</Link>,
    },
    { title: t('customers.identities'), key: 'identities', render: (_, c) => <IdentityTags identities={c.identities} /> },
    {
      title: t('customer.organization'),
      key: 'org',
      width: 160,
      ellipsis: true,
      render: (_, c) => (c.organizationId ? (orgMap.get(c.organizationId)?.name ?? '…') : '—'),
    },
    {
      title: t('ticket.tags'),
      dataIndex: 'tags',
      key: 'tags',
      width: 200,
      render: (tags: string[]) => (tags.length ? tags.map((x) => <Tag key={x}>{x}</Tag>) : '—'),
    },
    {
      title: t('customers.created'),
      dataIndex: 'createdAt',
      key: 'created',
      width: 110,
      render: (d: string) => dayjs(d).format('YYYY-MM-DD'),
    },
  ];

  return (
    <div>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }} wrap>
        <Space wrap>
          <Input.Search
            aria-label={t('customers.search')}
            placeholder={t('customers.search')}
            allowClear
            style={{ width: 340 }}
            value={text}
            onChange={(e) => setText(e.target.value)}
            onSearch={(v) => setQuery({ q: v.trim() })}
          />
          {orgId && (
            <Tag closable onClose={() => setQuery({ org: undefined })}>
              {t('customer.organization')}: {orgMap.get(orgId)?.name ?? '…'}
            </Tag>
          )}
        </Space>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          {t('customers.new')}
        </Button>
      </Space>
      {list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<Customer>
          key={i18n.language}
          size="small"
          rowKey="id"
          tableLayout="fixed"
          loading={list.isPending || (list.isFetching && list.isPlaceholderData)}
          dataSource={list.data?.items ?? []}
          columns={columns}
          pagination={false}
          locale={{ emptyText: q || orgId ? t('common.noResults') : t('customers.empty') }}
          onRow={(c) => ({ onDoubleClick: () => nav(`/customers/${c.id}`) })}
          data-testid="customer-table"
        />
      )}
      <CursorPager pages={pages} nextCursor={list.data?.nextCursor} />
      <NewCustomerModal
        open={creating}
        onClose={(created) => {
          setCreating(false);
          if (created) nav(`/customers/${created.id}`);
        }}
      />
    </div>
  );
}

/** /customers/:id: the profile (edited in place), their tickets, and merging a duplicate into them. */
export function CustomerPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const customer = useCustomer(id);
  const [merging, setMerging] = useState(false);

  if (customer.isPending) return <Loading />;
  if (customer.isError) return <ErrorState error={customer.error} onRetry={() => void customer.refetch()} />;
  const c = customer.data;

  const rename = async (name: string) => {
    try {
      const next = await api.patch<Customer>(`/customers/${c.id}`, { name });
      qc.setQueryData(['customer', c.id], next);
      void qc.invalidateQueries({ queryKey: ['customers'] });
      void message.success(t('common.saved'));
    } catch (e) {
      void message.error(errorText(e));
    }
  };

  return (
    <div
      style={{
        padding: 16,
        minHeight: 'calc(100vh - 48px)',
        boxSizing: 'border-box',
        display: 'grid',
        gridTemplateColumns: 'minmax(320px, 380px) minmax(0, 1fr)',
        gap: 16,
        alignItems: 'start',
        alignContent: 'start',
      }}
    >
      <Card
        size="small"
        title={
          <Typography.Title
            level={4}
            style={{ margin: 0 }}
            data-testid="customer-name"
            editable={
              c.mergedIntoId
                ? false
                : { onChange: (v) => v.trim() && v.trim() !== c.name && void rename(v.trim()), text: c.name, tooltip: t('common.edit') }
            }
          >
            {c.name}
          </Typography.Title>
        }
      >
        {c.mergedIntoId && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            title={t('errors.customer_merged')}
            description={<Link to={`/customers/${c.mergedIntoId}`}>{t('customers.openMergedInto')}</Link>}
          />
        )}
        <CustomerProfile customer={c} />
        {!c.mergedIntoId && (
          <Button block icon={<MergeCellsOutlined />} style={{ marginTop: 16 }} onClick={() => setMerging(true)}>
            {t('customers.merge')}
          </Button>
        )}
      </Card>
      <Card size="small" title={t('customers.tickets')}>
        <CustomerTickets customerId={c.id} />
      </Card>
      <MergeCustomerModal target={c} open={merging} onClose={() => setMerging(false)} />
    </div>
  );
}
