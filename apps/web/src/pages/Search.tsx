import { useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Badge, Input, Tabs, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import type { SearchHit } from '@kefu/contracts/tickets';
import { api } from '../app/api';
import { byId, PRIORITY_COLORS, STATUS_COLORS, useUsers } from '../app/data';
import { EmptyState, ErrorState, Loading } from '../components/States';
import { IdentityTags } from '../components/customers/IdentityTags';
import { customersQuery } from '../components/customers/customers.data';

const TICKET_LIMIT = 50;
const CUSTOMER_LIMIT = 50;

/**
 * The search page: tickets (full text over subjects and messages, ranked, with highlighted
 * snippets) and customers (name, email, phone), each in a tab with its count. The query lives in
 * the URL (/search?q=…&tab=customers), so a search can be shared and survives a reload.
 */
export function SearchPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const q = (params.get('q') ?? '').trim();
  const tab = params.get('tab') === 'customers' ? 'customers' : 'tickets';
  const [text, setText] = useState(q);
  useEffect(() => setText(q), [q]);

  const tickets = useQuery({
    queryKey: ['search', q],
    queryFn: () => api.get<{ items: SearchHit[]; terms: string[] }>('/search', { q, limit: TICKET_LIMIT }),
    enabled: q.length > 0,
  });
  const customers = useQuery({ ...customersQuery(q, null, undefined, CUSTOMER_LIMIT), enabled: q.length > 0 });

  const update = (next: { q?: string; tab?: string }) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v) p.set(k, v);
      else p.delete(k);
    }
    setParams(p);
  };

  const count = (n: number | undefined, more: boolean) => (n === undefined ? null : more ? `${n}+` : String(n));
  const label = (title: string, n: string | null) => (
    <span>
      {title} {n !== null && <Badge count={n} showZero overflowCount={9999} color={n === '0' ? '#bfbfbf' : '#1677ff'} />}
    </span>
  );

  return (
    <div style={{ padding: 16, minHeight: 'calc(100vh - 48px)', boxSizing: 'border-box' }}>
      <div style={{ maxWidth: 1040 }}>
        <Typography.Title level={4} style={{ margin: '0 0 12px' }}>
          {t('search.title')}
        </Typography.Title>
        <Input.Search
          aria-label={t('search.placeholder')}
          placeholder={t('search.placeholder')}
          enterButton
          allowClear
          value={text}
          onChange={(e) => setText(e.target.value)}
          onSearch={(v) => update({ q: v.trim() })}
          style={{ maxWidth: 560, marginBottom: 8 }}
          autoFocus={!q}
        />
        {!q ? (
          <div style={{ marginTop: 48 }}>
            <EmptyState text={t('search.hint')} />
          </div>
        ) : (
          <Tabs
            activeKey={tab}
            onChange={(k) => update({ tab: k === 'customers' ? k : undefined })}
            items={[
              {
                key: 'tickets',
                label: label(t('search.tickets'), count(tickets.data?.items.length, (tickets.data?.items.length ?? 0) >= TICKET_LIMIT)),
                children: <TicketResults query={tickets} />,
              },
              {
                key: 'customers',
                label: label(t('search.customers'), count(customers.data?.items.length, !!customers.data?.nextCursor)),
                children: <CustomerResults query={customers} />,
              },
            ]}
          />
        )}
      </div>
    </div>
  );
}

type Q<T> = { isPending: boolean; isError: boolean; error: unknown; data: T | undefined; refetch: () => unknown };

function TicketResults({ query }: { query: Q<{ items: SearchHit[] }> }) {
  const { t } = useTranslation();
  const users = useUsers();
  const userMap = useMemo(() => byId(users.data), [users.data]);
  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const hits = query.data?.items ?? [];
  if (hits.length === 0) return <EmptyState text={t('search.noTickets')} />;
  return (
    <div style={{ display: 'grid', gap: 8 }} data-testid="ticket-results">
      {hits.map((h) => {
        const tk = h.ticket;
        const subject = h.highlights.find((x) => x.source === 'subject');
        const snippets = h.highlights.filter((x) => x.source === 'message');
        return (
          <div
            key={tk.id}
            style={{ background: '#fff', border: '1px solid #f0f0f0', borderRadius: 4, padding: '10px 14px' }}
            data-testid="ticket-hit"
          >
            <div style={{ display: 'flex', gap: 8, alignItems: 'baseline', flexWrap: 'wrap' }}>
              <Typography.Text type="secondary">#{tk.number}</Typography.Text>
              <Link to={`/tickets/${tk.number}`} style={{ fontWeight: 600, fontSize: 15 }}>
                {/* Server-made HTML: escaped text with only <mark> around the matched terms. */}
                {subject ? <span dangerouslySetInnerHTML={{ __html: subject.html }} /> : tk.subject}
              </Link>
              <Tag color={STATUS_COLORS[tk.status]}>{t(`status.${tk.status}`)}</Tag>
              {tk.priority !== 'normal' && <Tag color={PRIORITY_COLORS[tk.priority]}>{t(`priority.${tk.priority}`)}</Tag>}
            </div>
            {snippets.map((s) => (
              <Typography.Paragraph
                key={s.messageId ?? 'm'}
                type="secondary"
                style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}
              >
                <span dangerouslySetInnerHTML={{ __html: s.html }} />
              </Typography.Paragraph>
            ))}
            <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 4 }}>
              {t('ticket.requester')}: {tk.requester?.name ?? '—'} · {t('ticket.assignee')}:{' '}
              {tk.assigneeId ? (userMap.get(tk.assigneeId)?.name ?? '…') : t('ticket.unassigned')} · {t('ticket.updated')}:{' '}
              <Tooltip title={dayjs(tk.updatedAt).format('YYYY-MM-DD HH:mm')}>
                <span>{dayjs(tk.updatedAt).fromNow()}</span>
              </Tooltip>
            </Typography.Text>
          </div>
        );
      })}
    </div>
  );
}

type CustomerPage = Awaited<ReturnType<ReturnType<typeof customersQuery>['queryFn']>>;

function CustomerResults({ query }: { query: Q<CustomerPage> }) {
  const { t } = useTranslation();
  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const items = query.data?.items ?? [];
  if (items.length === 0) return <EmptyState text={t('search.noCustomers')} />;
  return (
    <div style={{ display: 'grid', gap: 8 }} data-testid="customer-results">
      {items.map((c) => (
        <div
          key={c.id}
          style={{ background: '#fff', border: '1px solid #f0f0f0', borderRadius: 4, padding: '10px 14px' }}
          data-testid="customer-hit"
        >
          <div style={{ display: 'flex', gap: 12, alignItems: 'center', flexWrap: 'wrap' }}>
            <Link to={`/customers/${c.id}`} style={{ fontWeight: 600, fontSize: 15 }}>
              {c.name}
            </Link>
            <IdentityTags identities={c.identities} />
            {c.tags.map((x) => (
              <Tag key={x} color="blue">
                {x}
              </Tag>
            ))}
          </div>
          {c.notes && (
            <Typography.Paragraph type="secondary" ellipsis={{ rows: 1 }} style={{ margin: '4px 0 0' }}>
              {c.notes}
            </Typography.Paragraph>
          )}
        </div>
      ))}
    </div>
  );
}
