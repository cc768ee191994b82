import { useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Dropdown, Layout, Select, Space, Tabs, Tag, Typography } from 'antd';
import { EyeOutlined, EditOutlined, LinkOutlined, MergeCellsOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Message, Ticket } from '@kefu/contracts/tickets';
import { api } from '../app/api';
import { PRIORITIES, PRIORITY_COLORS, STATUSES, STATUS_COLORS } from '../app/data';
import { realtime, useRealtime } from '../app/realtime';
import { useMe } from '../app/session';
import { useShortcuts } from '../app/shortcuts';
import { ErrorState, Loading, useErrorText } from '../components/States';
import { Thread } from '../components/ticket/Thread';
import { Composer, type ComposerHandle } from '../components/ticket/Composer';
import { PropertiesPanel } from '../components/ticket/PropertiesPanel';
import { CustomerPanel } from '../components/ticket/CustomerPanel';
import { HistoryPanel } from '../components/ticket/HistoryPanel';
import { LinkDialog, MergeDialog } from '../components/ticket/TicketDialogs';
import { SlaBadge } from '../components/sla/SlaBadge';
import { SlaPanel } from '../components/sla/SlaPanel';

interface Presence {
  userId: string;
  userName: string;
  state: 'viewing' | 'typing';
}

/** Who else has this ticket open (or is typing in it), from the realtime presence messages. */
function usePresence(ticketId: string | undefined, myId: string): Presence[] {
  const [others, setOthers] = useState<Record<string, Presence>>({});
  useEffect(() => {
    setOthers({});
    if (!ticketId) return;
    realtime.setPresence(ticketId, 'viewing');
    return () => realtime.setPresence(ticketId, 'left');
  }, [ticketId]);
  useRealtime((m) => {
    if (m.type !== 'presence' || m.ticketId !== ticketId || m.userId === myId) return;
    setOthers((o) => {
      const next = { ...o };
      if (m.state === 'left') delete next[m.userId];
      else next[m.userId] = { userId: m.userId, userName: m.userName, state: m.state };
      return next;
    });
  });
  return Object.values(others);
}

export function TicketPage() {
  const { t } = useTranslation();
  const { number = '' } = useParams();
  const me = useMe();
  const nav = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const composer = useRef<ComposerHandle>(null);
  const [dialog, setDialog] = useState<'merge' | 'link' | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});

  const ticket = useQuery({ queryKey: ['ticket', number], queryFn: () => api.get<Ticket>(`/tickets/${number}`) });
  const id = ticket.data?.id;
  const messages = useQuery({
    queryKey: ['messages', id],
    queryFn: () => api.get<{ items: Message[] }>(`/tickets/${id}/messages`).then((r) => r.items),
    enabled: !!id,
  });
  const presence = usePresence(id, me.user.id);

  useRealtime((m) => {
    if (m.type !== 'event' || !id || m.event.ticketId !== id) return;
    void qc.invalidateQueries({ queryKey: ['ticket', number] });
    void qc.invalidateQueries({ queryKey: ['messages', id] });
    void qc.invalidateQueries({ queryKey: ['events', id] });
  });

  useShortcuts({
    r: () => composer.current?.focus('public'),
    n: () => composer.current?.focus('note'),
    Escape: () => nav(-1),
  });

  const update = async (patch: Record<string, unknown>) => {
    if (!id) return;
    const field = Object.keys(patch)[0] ?? '';
    try {
      const next = await api.patch<Ticket>(`/tickets/${id}`, patch);
      qc.setQueryData(['ticket', number], next);
      setFieldErrors((e) => {
        const rest = { ...e };
        delete rest[field];
        return rest;
      });
      void qc.invalidateQueries({ queryKey: ['events', id] });
    } catch (e) {
      const text = errorText(e);
      setFieldErrors((old) => ({ ...old, [field]: text }));
      void message.error(text);
    }
  };

  const typingNames = useMemo(() => presence.filter((p) => p.state === 'typing').map((p) => p.userName), [presence]);
  const viewingNames = useMemo(() => presence.filter((p) => p.state === 'viewing').map((p) => p.userName), [presence]);

  if (ticket.isPending) return <Loading />;
  if (ticket.isError) return <ErrorState error={ticket.error} onRetry={() => void ticket.refetch()} />;
  const tk = ticket.data;

  return (
    <Layout style={{ height: 'calc(100vh - 48px)' }}>
      <Layout.Content style={{ display: 'flex', flexDirection: 'column', minWidth: 0 }}>
        <div style={{ padding: '12px 16px', background: '#fff', borderBottom: '1px solid #f0f0f0' }}>
          <Space align="start" style={{ width: '100%', justifyContent: 'space-between' }}>
            <Space align="baseline" wrap>
              <Typography.Text type="secondary" data-testid="ticket-number">
                #{tk.number}
              </Typography.Text>
              <Typography.Title
                level={4}
                style={{ margin: 0 }}
                editable={{
                  onChange: (v) => v.trim() && v !== tk.subject && void update({ subject: v.trim() }),
                  triggerType: ['icon', 'text'],
                  text: tk.subject,
                }}
                data-testid="ticket-subject"
              >
                {tk.subject}
              </Typography.Title>
            </Space>
            <Space wrap>
              <SlaBadge summary={tk.sla} />
              <Select
                aria-label={t('ticket.status')}
                data-testid="ticket-status"
                value={tk.status}
                style={{ width: 130 }}
                onChange={(v) => void update({ status: v })}
                options={STATUSES.map((s) => ({
                  value: s,
                  label: <Tag color={STATUS_COLORS[s]}>{t(`status.${s}`)}</Tag>,
                  disabled: s === 'new',
                }))}
              />
              <Select
                aria-label={t('ticket.priority')}
                data-testid="ticket-priority"
                value={tk.priority}
                style={{ width: 120 }}
                onChange={(v) => void update({ priority: v })}
                options={PRIORITIES.map((p) => ({ value: p, label: <Tag color={PRIORITY_COLORS[p]}>{t(`priority.${p}`)}</Tag> }))}
              />
              <Dropdown
                menu={{
                  items: [
                    { key: 'merge', icon: <MergeCellsOutlined />, label: t('merge.action') },
                    { key: 'link', icon: <LinkOutlined />, label: t('links.add') },
                  ],
                  onClick: (e) => setDialog(e.key as 'merge' | 'link'),
                }}
              >
                <Button>{t('common.more')}</Button>
              </Dropdown>
            </Space>
          </Space>
          {tk.mergedIntoId && <Alert style={{ marginTop: 8 }} type="info" showIcon title={t('merge.wasMerged')} />}
          {(viewingNames.length > 0 || typingNames.length > 0) && (
            <Alert
              style={{ marginTop: 8 }}
              type="warning"
              showIcon
              icon={typingNames.length ? <EditOutlined /> : <EyeOutlined />}
              data-testid="collision-notice"
              title={
                typingNames.length
                  ? t('collision.typing', { names: typingNames.join(', ') })
                  : t('collision.viewing', { names: viewingNames.join(', ') })
              }
            />
          )}
        </div>
        <div style={{ flex: 1, overflow: 'auto', padding: 16 }}>
          {messages.isError ? (
            <ErrorState error={messages.error} onRetry={() => void messages.refetch()} />
          ) : messages.isPending ? (
            <Loading />
          ) : (
            <Thread messages={messages.data} />
          )}
        </div>
        <div style={{ borderTop: '1px solid #f0f0f0', background: '#fff', padding: 12 }}>
          <Composer
            ref={composer}
            ticket={tk}
            onTyping={(typing) => realtime.setPresence(tk.id, typing ? 'typing' : 'viewing')}
            onSent={(next) => {
              qc.setQueryData(['ticket', number], next);
              void qc.invalidateQueries({ queryKey: ['messages', tk.id] });
              void qc.invalidateQueries({ queryKey: ['events', tk.id] });
            }}
          />
        </div>
      </Layout.Content>
      <Layout.Sider width={340} theme="light" style={{ borderLeft: '1px solid #f0f0f0', overflow: 'auto' }}>
        <Tabs
          style={{ padding: '0 12px' }}
          items={[
            {
              key: 'props',
              label: t('ticket.properties'),
              children: <PropertiesPanel ticket={tk} errors={fieldErrors} onChange={update} />,
            },
            { key: 'customer', label: t('ticket.customer'), children: <CustomerPanel ticket={tk} /> },
            { key: 'sla', label: t('sla.tab'), children: <SlaPanel ticketId={tk.id} version={tk.updatedAt} /> },
            { key: 'history', label: t('ticket.history'), children: <HistoryPanel ticketId={tk.id} /> },
          ]}
        />
      </Layout.Sider>
      <MergeDialog open={dialog === 'merge'} ticket={tk} onClose={() => setDialog(null)} />
      <LinkDialog open={dialog === 'link'} ticket={tk} onClose={() => setDialog(null)} />
    </Layout>
  );
}
