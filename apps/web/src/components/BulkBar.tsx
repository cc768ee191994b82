import { useState } from 'react';
import { Alert, App, Button, Modal, Radio, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Ticket } from '@kefu/contracts/tickets';
import { api } from '../app/api';
import { PRIORITIES, STATUSES, useGroups, useUsers } from '../app/data';
import { useErrorText } from './States';

type Changes = { status?: string; priority?: string; assigneeId?: string | null; groupId?: string | null; addTags?: string[] };

/** Bulk actions on the selected tickets: assign, group, status, priority, tags, merge. */
export function BulkBar({ ids, tickets, onDone }: { ids: string[]; tickets: Ticket[]; onDone: (failed: number) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const users = useUsers();
  const groups = useGroups();
  const errorText = useErrorText();
  const [merging, setMerging] = useState(false);
  const [target, setTarget] = useState<string | null>(null);
  const [mergeError, setMergeError] = useState<string | null>(null);

  const apply = async (changes: Changes) => {
    try {
      const r = await api.post<{ updated: string[]; failed: { id: string }[] }>('/tickets/bulk', { ids, changes });
      void message.success(t('bulk.updated', { count: r.updated.length }));
      onDone(r.failed.length);
    } catch (e) {
      void message.error(errorText(e));
    }
  };

  const merge = async () => {
    if (!target) return;
    setMergeError(null);
    try {
      for (const id of ids) if (id !== target) await api.post(`/tickets/${id}/merge`, { targetId: target });
      setMerging(false);
      void message.success(t('merge.done'));
      onDone(0);
    } catch (e) {
      setMergeError(errorText(e));
    }
  };

  return (
    <Space
      wrap
      style={{ marginBottom: 12, padding: 8, background: '#e6f4ff', borderRadius: 4, width: '100%' }}
      role="toolbar"
      aria-label={t('bulk.title')}
    >
      <Typography.Text strong>{t('bulk.selected', { count: ids.length })}</Typography.Text>
      <Select
        size="small"
        style={{ width: 160 }}
        placeholder={t('bulk.assign')}
        aria-label={t('bulk.assign')}
        value={null}
        options={[
          { value: '', label: t('ticket.unassigned') },
          ...(users.data ?? []).filter((u) => u.isActive).map((u) => ({ value: u.id, label: u.name })),
        ]}
        onChange={(v: string) => void apply({ assigneeId: v || null })}
      />
      <Select
        size="small"
        style={{ width: 140 }}
        placeholder={t('ticket.group')}
        aria-label={t('ticket.group')}
        value={null}
        options={[{ value: '', label: t('common.none') }, ...(groups.data ?? []).map((g) => ({ value: g.id, label: g.name }))]}
        onChange={(v: string) => void apply({ groupId: v || null })}
      />
      <Select
        size="small"
        style={{ width: 120 }}
        placeholder={t('ticket.status')}
        aria-label={t('ticket.status')}
        value={null}
        options={STATUSES.filter((s) => s !== 'new').map((s) => ({ value: s, label: t(`status.${s}`) }))}
        onChange={(v: string) => void apply({ status: v })}
      />
      <Select
        size="small"
        style={{ width: 120 }}
        placeholder={t('ticket.priority')}
        aria-label={t('ticket.priority')}
        value={null}
        options={PRIORITIES.map((p) => ({ value: p, label: t(`priority.${p}`) }))}
        onChange={(v: string) => void apply({ priority: v })}
      />
      <Select
        size="small"
        mode="tags"
        style={{ width: 180 }}
        placeholder={t('bulk.addTags')}
        aria-label={t('bulk.addTags')}
        value={[]}
        onChange={(v: string[]) => v.length && void apply({ addTags: v })}
        open={false}
      />
      <Button size="small" disabled={ids.length < 2} onClick={() => (setTarget(ids[0] ?? null), setMerging(true))}>
        {t('merge.action')}
      </Button>
      <Modal
        open={merging}
        title={t('merge.title')}
        onCancel={() => setMerging(false)}
        onOk={() => void merge()}
        okText={t('merge.action')}
        okButtonProps={{ danger: true }}
      >
        <Typography.Paragraph>{t('merge.chooseTarget')}</Typography.Paragraph>
        {mergeError && <Alert type="error" title={mergeError} showIcon style={{ marginBottom: 12 }} />}
        <Radio.Group value={target} onChange={(e) => setTarget(e.target.value as string)} style={{ display: 'grid', gap: 8 }}>
          {tickets.map((tk) => (
            <Radio key={tk.id} value={tk.id}>
              #{tk.number} {tk.subject}
            </Radio>
          ))}
        </Radio.Group>
      </Modal>
    </Space>
  );
}
