import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Input, Modal, Radio, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Ticket, TicketLink } from '@kefu/contracts/tickets';
import { api } from '../../app/api';
import { STATUS_COLORS } from '../../app/data';
import { useErrorText } from '../States';
import { Rows } from '../Rows';

/** Find a ticket by number or words, for merge and link targets. */
function TicketPicker({ exclude, value, onChange }: { exclude: string; value: Ticket | null; onChange: (t: Ticket | null) => void }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const found = useQuery({
    queryKey: ['ticket-picker', q],
    queryFn: async () => {
      if (/^\d+$/.test(q)) return [await api.get<Ticket>(`/tickets/${q}`)];
      return (await api.get<{ items: Ticket[] }>('/tickets', { q, limit: 10 })).items;
    },
    enabled: q.trim().length > 0,
    retry: false,
  });
  return (
    <div>
      <Input.Search aria-label={t('merge.find')} placeholder={t('merge.find')} onSearch={(v) => setQ(v.trim())} enterButton />
      <Rows
        style={{ marginTop: 8, maxHeight: 260, overflow: 'auto' }}
        loading={found.isFetching}
        empty={q ? t('common.noResults') : t('merge.findHint')}
        items={(found.data ?? []).filter((x) => x.id !== exclude)}
        rowKey={(x) => x.id}
        selectedKey={value?.id ?? null}
        onClick={onChange}
        render={(x) => (
          <Space>
            <Typography.Text>#{x.number}</Typography.Text> {x.subject} <Tag color={STATUS_COLORS[x.status]}>{t(`status.${x.status}`)}</Tag>
          </Space>
        )}
      />
    </div>
  );
}

export function MergeDialog({ open, ticket, onClose }: { open: boolean; ticket: Ticket; onClose: () => void }) {
  const { t } = useTranslation();
  const nav = useNavigate();
  const qc = useQueryClient();
  const errorText = useErrorText();
  const [target, setTarget] = useState<Ticket | null>(null);
  const [error, setError] = useState<string | null>(null);
  const merge = async () => {
    if (!target) return;
    try {
      await api.post(`/tickets/${ticket.id}/merge`, { targetId: target.id });
      void qc.invalidateQueries({ queryKey: ['tickets'] });
      onClose();
      nav(`/tickets/${target.number}`);
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <Modal
      open={open}
      title={t('merge.titleOne', { number: ticket.number })}
      onCancel={onClose}
      onOk={() => void merge()}
      okText={t('merge.action')}
      okButtonProps={{ danger: true, disabled: !target }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('merge.explain')}</Typography.Paragraph>
      {error && <Alert type="error" title={error} showIcon style={{ marginBottom: 12 }} />}
      <TicketPicker exclude={ticket.id} value={target} onChange={setTarget} />
    </Modal>
  );
}

export function LinkDialog({ open, ticket, onClose }: { open: boolean; ticket: Ticket; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const errorText = useErrorText();
  const [target, setTarget] = useState<Ticket | null>(null);
  const [kind, setKind] = useState<'related' | 'incident_of'>('related');
  const links = useQuery({
    queryKey: ['links', ticket.id],
    queryFn: () => api.get<{ items: TicketLink[] }>(`/tickets/${ticket.id}/links`).then((r) => r.items),
    enabled: open,
  });
  const add = async () => {
    if (!target) return;
    try {
      await api.post(`/tickets/${ticket.id}/links`, { kind, targetId: target.id });
      setTarget(null);
      void links.refetch();
      void qc.invalidateQueries({ queryKey: ['events', ticket.id] });
    } catch (e) {
      void message.error(errorText(e));
    }
  };
  const remove = async (id: string) => {
    try {
      await api.delete(`/tickets/${ticket.id}/links/${id}`);
      void links.refetch();
    } catch (e) {
      void message.error(errorText(e));
    }
  };
  return (
    <Modal
      open={open}
      title={t('links.title')}
      onCancel={onClose}
      footer={<Button onClick={onClose}>{t('common.close')}</Button>}
      destroyOnHidden
    >
      <Rows
        loading={links.isPending}
        items={links.data ?? []}
        rowKey={(l) => l.id}
        empty={t('links.none')}
        render={(l) => (
          <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
            <span>
              {t(`links.kind.${l.kind}`)} · #{l.ticket.number} {l.ticket.subject}
            </span>
            <Button size="small" type="link" onClick={() => void remove(l.id)}>
              {t('common.remove')}
            </Button>
          </div>
        )}
      />
      <Space orientation="vertical" style={{ width: '100%', marginTop: 12 }}>
        <Radio.Group value={kind} onChange={(e) => setKind(e.target.value as 'related' | 'incident_of')}>
          <Radio value="related">{t('links.kind.related')}</Radio>
          <Radio value="incident_of">{t('links.kind.incident_of')}</Radio>
        </Radio.Group>
        <TicketPicker exclude={ticket.id} value={target} onChange={setTarget} />
        <Button type="primary" disabled={!target} onClick={() => void add()}>
          {t('links.add')}
        </Button>
      </Space>
    </Modal>
  );
}
