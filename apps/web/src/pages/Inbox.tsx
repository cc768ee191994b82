import { useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Badge, Button, Layout, Menu, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableProps } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { BUILTIN_VIEWS, type Ticket, type TicketFilters, type TicketSort } from '@kefu/contracts/tickets';
import { api } from '../app/api';
import { byId, PRIORITY_COLORS, STATUS_COLORS, useGroups, useUsers, useViews } from '../app/data';
import { useRealtime } from '../app/realtime';
import { useShortcuts } from '../app/shortcuts';
import { ErrorState } from '../components/States';
import { BulkBar } from '../components/BulkBar';
import { SlaBadge } from '../components/sla/SlaBadge';
import { NewTicketModal } from '../components/NewTicketModal';
import { ViewEditor } from '../components/ViewEditor';
import { CursorPager, useCursorPages } from '../components/CursorPager';

const PAGE = 50;
const VIEW_ROW = { display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8 } as const;
const VIEW_NAME = { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', minWidth: 0 } as const;

function filtersToQuery(f: TicketFilters): Record<string, string | number | undefined> {
  return {
    status: f.status?.join(','),
    priority: f.priority?.join(','),
    channel: f.channel?.join(','),
    assignee: f.assignee,
    group: f.group,
    tag: f.tag,
    requesterId: f.requesterId,
    type: f.type,
    q: f.q,
    updatedWithinDays: f.updatedWithinDays,
  };
}

/** Refetch after bursts of events at most this often, so a busy workspace does not flood the table. */
function useDebounced(fn: () => void, ms: number): () => void {
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const ref = useRef(fn);
  ref.current = fn;
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);
  return () => {
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      ref.current();
    }, ms);
  };
}

export function InboxPage() {
  const { t, i18n } = useTranslation();
  const { view = 'my_open' } = useParams();
  const nav = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const users = useUsers();
  const groups = useGroups();
  const views = useViews();
  const userMap = useMemo(() => byId(users.data), [users.data]);
  const groupMap = useMemo(() => byId(groups.data), [groups.data]);
  const [sort, setSort] = useState<TicketSort>('updated_desc');
  const pages = useCursorPages();
  const [selected, setSelected] = useState<string[]>([]);
  const [cursorRow, setCursorRow] = useState(0);
  const [creating, setCreating] = useState(false);
  const [editingView, setEditingView] = useState(false);

  const builtin = BUILTIN_VIEWS.find((v) => v.key === view);
  const saved = views.data?.find((v) => v.id === view);
  const query = builtin ? filtersToQuery(builtin.filters) : saved ? { viewId: saved.id } : undefined;
  const cursor = pages.cursor;

  // A new view or sort starts on the first page with nothing selected.
  useEffect(() => {
    pages.reset();
    setSelected([]);
    setCursorRow(0);
  }, [view, sort]);

  const list = useQuery({
    queryKey: ['tickets', view, sort, cursor],
    queryFn: () => api.get<{ items: Ticket[]; nextCursor: string | null }>('/tickets', { ...query, sort, limit: PAGE, cursor }),
    enabled: query !== undefined,
    placeholderData: keepPreviousData,
  });
  const counts = useQuery({
    queryKey: ['view-counts'],
    queryFn: () => api.get<{ builtin: Record<string, number>; views: Record<string, number> }>('/views/counts'),
  });

  const refresh = useDebounced(() => {
    void qc.invalidateQueries({ queryKey: ['tickets'] });
    void qc.invalidateQueries({ queryKey: ['view-counts'] });
  }, 300);
  useRealtime((m) => {
    if (m.type === 'event' && m.event.ticketId) refresh();
  });

  const rows = list.data?.items ?? [];
  useShortcuts({
    j: () => setCursorRow((i) => Math.min(i + 1, rows.length - 1)),
    k: () => setCursorRow((i) => Math.max(i - 1, 0)),
    x: () => {
      const r = rows[cursorRow];
      if (r) setSelected((s) => (s.includes(r.id) ? s.filter((x) => x !== r.id) : [...s, r.id]));
    },
    Enter: () => {
      const r = rows[cursorRow];
      if (r) nav(`/tickets/${r.number}`);
    },
    c: () => setCreating(true),
  });
  useEffect(() => {
    document.querySelector(`[data-row-key="${rows[cursorRow]?.id}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [cursorRow, rows]);

  const sortOrder = (field: 'updated' | 'created' | 'number' | 'sla') =>
    field === 'sla'
      ? sort === 'sla_due'
        ? ('ascend' as const)
        : null
      : sort.startsWith(field)
        ? sort.endsWith('asc')
          ? ('ascend' as const)
          : ('descend' as const)
        : null;

  const columns: TableProps<Ticket>['columns'] = [
    { title: '#', dataIndex: 'number', key: 'number', width: 68, sorter: true, sortOrder: sortOrder('number') },
    {
      title: t('ticket.subject'),
      dataIndex: 'subject',
      key: 'subject',
      ellipsis: true,
      render: (s: string, r) => (
        <a href={`/tickets/${r.number}`} onClick={(e) => (e.preventDefault(), nav(`/tickets/${r.number}`))}>
          {s}
        </a>
      ),
    },
    { title: t('ticket.requester'), key: 'requester', width: 130, ellipsis: true, render: (_, r) => r.requester?.name ?? '—' },
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
      width: 90,
      render: (p: string) => <Tag color={PRIORITY_COLORS[p]}>{t(`priority.${p}`)}</Tag>,
    },
    {
      title: t('ticket.channel'),
      dataIndex: 'channel',
      key: 'channel',
      width: 80,
      // The subject needs the room on a 1280-px screen; channel and group show from 1600 px.
      responsive: ['xxl'],
      render: (c: string) => t(`channel.${c}`, { defaultValue: c }),
    },
    {
      title: t('ticket.group'),
      key: 'group',
      width: 110,
      ellipsis: true,
      responsive: ['xxl'],
      render: (_, r) => (r.groupId ? (groupMap.get(r.groupId)?.name ?? '…') : '—'),
    },
    {
      title: t('ticket.assignee'),
      key: 'assignee',
      width: 110,
      ellipsis: true,
      render: (_, r) =>
        r.assigneeId ? (
          (userMap.get(r.assigneeId)?.name ?? '…')
        ) : (
          <Typography.Text type="secondary">{t('ticket.unassigned')}</Typography.Text>
        ),
    },
    {
      title: t('sla.due'),
      key: 'sla',
      width: 110,
      sorter: true,
      sortDirections: ['ascend'],
      sortOrder: sortOrder('sla'),
      render: (_, r) => <SlaBadge summary={r.sla} />,
    },
    {
      title: t('ticket.updated'),
      dataIndex: 'updatedAt',
      key: 'updated',
      width: 110,
      sorter: true,
      sortOrder: sortOrder('updated'),
      render: (d: string) => (
        <Tooltip title={dayjs(d).format('YYYY-MM-DD HH:mm')}>
          <span>{dayjs(d).fromNow()}</span>
        </Tooltip>
      ),
    },
  ];

  const viewItems = [
    ...BUILTIN_VIEWS.map((v) => ({
      key: v.key,
      label: (
        <div style={VIEW_ROW}>
          <span style={VIEW_NAME} title={t(`views.${v.key}`)}>
            {t(`views.${v.key}`)}
          </span>
          <Badge count={counts.data?.builtin[v.key] ?? 0} overflowCount={9999} showZero color="#8c8c8c" />
        </div>
      ),
    })),
    ...(views.data?.length
      ? [
          { type: 'divider' as const },
          ...views.data.map((v) => ({
            key: v.id,
            label: (
              <div style={VIEW_ROW}>
                <span style={VIEW_NAME} title={v.name}>
                  {v.name}
                </span>
                <Badge count={counts.data?.views[v.id] ?? 0} overflowCount={9999} showZero color="#8c8c8c" />
              </div>
            ),
          })),
        ]
      : []),
  ];
  const title = builtin ? t(`views.${builtin.key}`) : (saved?.name ?? '');

  return (
    <Layout style={{ height: 'calc(100vh - 48px)' }}>
      <Layout.Sider width={210} theme="light" style={{ borderRight: '1px solid #f0f0f0', overflow: 'auto' }}>
        <Typography.Title level={5} style={{ padding: '12px 16px 0' }}>
          {t('views.title')}
        </Typography.Title>
        <Menu
          mode="inline"
          selectedKeys={[view]}
          items={viewItems}
          onClick={(e) => nav(`/inbox/${e.key}`)}
          aria-label={t('views.title')}
          style={{ border: 0 }}
        />
        <div style={{ padding: 12 }}>
          <Button block icon={<PlusOutlined />} onClick={() => setEditingView(true)}>
            {t('views.new')}
          </Button>
        </div>
      </Layout.Sider>
      <Layout.Content style={{ padding: 16, overflow: 'auto' }}>
        <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }}>
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="inbox-title">
            {title}
          </Typography.Title>
          <Space>
            <Button icon={<ReloadOutlined />} aria-label={t('common.refresh')} onClick={() => void list.refetch()} />
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('ticket.new')}
            </Button>
          </Space>
        </Space>
        {selected.length > 0 && (
          <BulkBar
            ids={selected}
            tickets={rows.filter((r) => selected.includes(r.id))}
            onDone={(failed) => {
              if (failed) void message.warning(t('bulk.partial', { count: failed }));
              setSelected([]);
              void qc.invalidateQueries({ queryKey: ['tickets'] });
              void qc.invalidateQueries({ queryKey: ['view-counts'] });
            }}
          />
        )}
        {list.isError ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<Ticket>
            key={i18n.language}
            size="small"
            rowKey="id"
            loading={list.isPending || views.isPending}
            dataSource={rows}
            columns={columns}
            pagination={false}
            locale={{ emptyText: t('inbox.empty') }}
            rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]), columnWidth: 36 }}
            rowClassName={(_, i) => (i === cursorRow ? 'kefu-row-cursor' : '')}
            onRow={(r, i) => ({ onClick: () => setCursorRow(i ?? 0), onDoubleClick: () => nav(`/tickets/${r.number}`) })}
            onChange={(_p, _f, s) => {
              const one = Array.isArray(s) ? s[0] : s;
              if (!one?.order || !one.columnKey) return setSort('updated_desc');
              if (one.columnKey === 'sla') return setSort('sla_due');
              setSort(`${String(one.columnKey)}_${one.order === 'ascend' ? 'asc' : 'desc'}` as TicketSort);
            }}
            sticky
            tableLayout="fixed"
            data-testid="ticket-table"
          />
        )}
        <CursorPager pages={pages} nextCursor={list.data?.nextCursor} />
      </Layout.Content>
      <NewTicketModal open={creating} onClose={() => setCreating(false)} />
      <ViewEditor
        open={editingView}
        onClose={(id) => {
          setEditingView(false);
          if (id) nav(`/inbox/${id}`);
        }}
      />
    </Layout>
  );
}
