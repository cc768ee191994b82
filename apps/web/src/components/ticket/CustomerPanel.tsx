import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Descriptions, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import type { Customer, Organization } from '@kefu/contracts/customers';
import type { Ticket } from '@kefu/contracts/tickets';
import { api } from '../../app/api';
import { STATUS_COLORS } from '../../app/data';
import { ErrorState, Loading } from '../States';
import { Rows } from '../Rows';

/** Who is asking: identities, organisation and their other tickets. */
export function CustomerPanel({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const customer = useQuery({
    queryKey: ['customer', ticket.requesterId],
    queryFn: () => api.get<Customer>(`/customers/${ticket.requesterId}`),
  });
  const orgId = customer.data?.organizationId;
  const org = useQuery({
    queryKey: ['organization', orgId],
    queryFn: () => api.get<Organization>(`/organizations/${orgId}`),
    enabled: !!orgId,
  });
  const others = useQuery({
    queryKey: ['tickets', 'requester', ticket.requesterId],
    queryFn: () =>
      api.get<{ items: Ticket[] }>('/tickets', { requesterId: ticket.requesterId, limit: 10, sort: 'updated_desc' }).then((r) => r.items),
  });
  if (customer.isPending) return <Loading />;
  if (customer.isError) return <ErrorState error={customer.error} onRetry={() => void customer.refetch()} />;
  const c = customer.data;
  return (
    <div data-testid="customer-panel">
      <Typography.Title level={5}>
        <Link to={`/customers/${c.id}`}>{c.name}</Link>
      </Typography.Title>
      <Descriptions column={1} size="small">
        {c.identities.map((i) => (
          <Descriptions.Item key={i.id} label={t(`identity.${i.kind}`)}>
            {i.value}
          </Descriptions.Item>
        ))}
        {orgId && <Descriptions.Item label={t('customer.organization')}>{org.data?.name ?? '…'}</Descriptions.Item>}
        {c.language && <Descriptions.Item label={t('setup.language')}>{c.language}</Descriptions.Item>}
        <Descriptions.Item label={t('customer.since')}>{dayjs(c.createdAt).format('YYYY-MM-DD')}</Descriptions.Item>
      </Descriptions>
      {c.tags.length > 0 && c.tags.map((tag) => <Tag key={tag}>{tag}</Tag>)}
      {c.notes && <Typography.Paragraph type="secondary">{c.notes}</Typography.Paragraph>}
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('customer.otherTickets')}
      </Typography.Title>
      <Rows
        loading={others.isPending}
        items={(others.data ?? []).filter((x) => x.id !== ticket.id)}
        rowKey={(x) => x.id}
        empty={t('customer.noOtherTickets')}
        render={(x) => (
          <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
            <Link to={`/tickets/${x.number}`}>
              #{x.number} {x.subject}
            </Link>
            <Tag color={STATUS_COLORS[x.status]}>{t(`status.${x.status}`)}</Tag>
          </div>
        )}
      />
    </div>
  );
}
