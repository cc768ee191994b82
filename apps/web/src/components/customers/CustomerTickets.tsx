import { Link } from 'react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Table, Tag, Tooltip } from 'antd';
import type { TableProps } from 'antd';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import type { Ticket } from '@kefu/contracts/tickets';
import { api } from '../../app/api';
import { PRIORITY_COLORS, STATUS_COLORS } from '../../app/data';
import { ErrorState } from '../States';
import { CursorPager, useCursorPages } from '../CursorPager';

const PAGE = 20;

/** Every ticket the customer asked, most recently updated first. */
export function CustomerTickets({ customerId }: { customerId: string }) {
  const { t, i18n } = useTranslation();
  const pages = useCursorPages();
  const cursor = pages.cursor;
  const list = useQuery({
    queryKey: ['tickets', 'customer-page', customerId, cursor],
    queryFn: () =>
      api.get<{ items: Ticket[]; nextCursor: string | null }>('/tickets', {
        requesterId: customerId,
        sort: 'updated_desc',
        limit: PAGE,
        cursor,
      }),
    placeholderData: keepPreviousData,
  });
  if (list.isError) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;

  const columns: TableProps<Ticket>['columns'] = [
    { title: '#', dataIndex: 'number', key: 'number', width: 64 },
    {
      title: t('ticket.subject'),
      dataIndex: 'subject',
      key: 'subject',
      ellipsis: true,
      render: (s: string, r) => <Link to={`/tickets/${r.number}`}>{s}</Link>,
    },
    {
      title: t('ticket.status'),
      dataIndex: 'status',
      key: 'status',
      width: 96,
      render: (s: string) => <Tag color={STATUS_COLORS[s]}>{t(`status.${s}`)}</Tag>,
    },
    {
      title: t('ticket.priority'),
      dataIndex: 'priority',
      key: 'priority',
      width: 84,
      render: (p: string) => <Tag color={PRIORITY_COLORS[p]}>{t(`priority.${p}`)}</Tag>,
    },
    {
      title: t('ticket.updated'),
      dataIndex: 'updatedAt',
      key: 'updated',
      width: 140,
      render: (d: string) => (
        <Tooltip title={dayjs(d).format('YYYY-MM-DD HH:mm')}>
          <span>{dayjs(d).fromNow()}</span>
        </Tooltip>
      ),
    },
  ];

  return (
    <div data-testid="customer-tickets">
      <Table<Ticket>
        key={i18n.language}
        size="small"
        rowKey="id"
        tableLayout="fixed"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        columns={columns}
        pagination={false}
        locale={{ emptyText: t('customers.noTickets') }}
      />
      {(pages.page > 1 || list.data?.nextCursor) && <CursorPager pages={pages} nextCursor={list.data?.nextCursor} size="small" />}
    </div>
  );
}
