import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Checkbox, Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TicketFilters, View } from '@kefu/contracts/tickets';
import { api } from '../app/api';
import { CHANNELS, PRIORITIES, STATUSES, TYPES, useGroups, useUsers } from '../app/data';
import { isAdmin, useMe } from '../app/session';
import { useErrorText } from './States';

interface ViewForm {
  name: string;
  shared: boolean;
  status?: string[];
  priority?: string[];
  channel?: string[];
  assignee?: string;
  group?: string;
  tag?: string;
  type?: string;
}

/** A saved view is a named set of filters; admins may share one with the whole team. */
export function ViewEditor({ open, onClose }: { open: boolean; onClose: (createdId?: string) => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const qc = useQueryClient();
  const users = useUsers();
  const groups = useGroups();
  const errorText = useErrorText();
  const [form] = Form.useForm<ViewForm>();
  const [error, setError] = useState<string | null>(null);

  const submit = async (v: ViewForm) => {
    const filters: TicketFilters = {
      ...(v.status?.length ? { status: v.status as TicketFilters['status'] } : {}),
      ...(v.priority?.length ? { priority: v.priority as TicketFilters['priority'] } : {}),
      ...(v.channel?.length ? { channel: v.channel as TicketFilters['channel'] } : {}),
      ...(v.assignee ? { assignee: v.assignee } : {}),
      ...(v.group ? { group: v.group } : {}),
      ...(v.tag ? { tag: v.tag } : {}),
      ...(v.type ? { type: v.type as TicketFilters['type'] } : {}),
    };
    try {
      const view = await api.post<View>('/views', { name: v.name, shared: v.shared, filters });
      form.resetFields();
      await qc.invalidateQueries({ queryKey: ['views'] });
      void qc.invalidateQueries({ queryKey: ['view-counts'] });
      onClose(view.id);
    } catch (e) {
      setError(errorText(e));
    }
  };

  return (
    <Modal
      open={open}
      title={t('views.new')}
      onCancel={() => onClose()}
      onOk={() => form.submit()}
      okText={t('common.save')}
      destroyOnHidden
    >
      {error && <Alert type="error" title={error} showIcon style={{ marginBottom: 12 }} />}
      <Form<ViewForm> form={form} layout="vertical" onFinish={submit} initialValues={{ shared: false }} requiredMark={false}>
        <Form.Item name="name" label={t('views.name')} rules={[{ required: true, message: t('validation.required') }]}>
          <Input autoFocus />
        </Form.Item>
        <Form.Item name="status" label={t('ticket.status')}>
          <Select mode="multiple" aria-label={t('ticket.status')} options={STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))} />
        </Form.Item>
        <Form.Item name="priority" label={t('ticket.priority')}>
          <Select
            mode="multiple"
            aria-label={t('ticket.priority')}
            options={PRIORITIES.map((s) => ({ value: s, label: t(`priority.${s}`) }))}
          />
        </Form.Item>
        <Form.Item name="channel" label={t('ticket.channel')}>
          <Select
            mode="multiple"
            aria-label={t('ticket.channel')}
            options={CHANNELS.map((s) => ({ value: s, label: t(`channel.${s}`) }))}
          />
        </Form.Item>
        <Form.Item name="assignee" label={t('ticket.assignee')}>
          <Select
            allowClear
            aria-label={t('ticket.assignee')}
            options={[
              { value: 'me', label: t('views.assigneeMe') },
              { value: 'none', label: t('ticket.unassigned') },
              ...(users.data ?? []).map((u) => ({ value: u.id, label: u.name })),
            ]}
          />
        </Form.Item>
        <Form.Item name="group" label={t('ticket.group')}>
          <Select
            allowClear
            aria-label={t('ticket.group')}
            options={[{ value: 'none', label: t('common.none') }, ...(groups.data ?? []).map((g) => ({ value: g.id, label: g.name }))]}
          />
        </Form.Item>
        <Form.Item name="type" label={t('ticket.type')}>
          <Select allowClear aria-label={t('ticket.type')} options={TYPES.map((s) => ({ value: s, label: t(`type.${s}`) }))} />
        </Form.Item>
        <Form.Item name="tag" label={t('ticket.tag')}>
          <Input />
        </Form.Item>
        {isAdmin(me) && (
          <Form.Item name="shared" valuePropName="checked">
            <Checkbox>{t('views.shared')}</Checkbox>
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
