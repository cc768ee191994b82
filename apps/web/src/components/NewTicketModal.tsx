import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Ticket } from '@kefu/contracts/tickets';
import { api } from '../app/api';
import { CHANNELS, PRIORITIES, TYPES, useGroups, useUsers } from '../app/data';
import { useErrorText } from './States';

interface NewTicketForm {
  requesterEmail?: string;
  requesterPhone?: string;
  requesterName?: string;
  subject: string;
  body: string;
  channel: string;
  priority: string;
  type?: string;
  assigneeId?: string;
  groupId?: string;
}

/** An agent records a request (a phone call, a walk-in, an email forwarded by hand). */
export function NewTicketModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const nav = useNavigate();
  const qc = useQueryClient();
  const users = useUsers();
  const groups = useGroups();
  const errorText = useErrorText();
  const [form] = Form.useForm<NewTicketForm>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (v: NewTicketForm) => {
    setBusy(true);
    setError(null);
    try {
      const requester = {
        ...(v.requesterName ? { name: v.requesterName } : {}),
        ...(v.requesterEmail ? { email: v.requesterEmail } : {}),
        ...(v.requesterPhone ? { phone: v.requesterPhone } : {}),
      };
      const ticket = await api.post<Ticket>('/tickets', {
        subject: v.subject,
        body: v.body,
        requester,
        channel: v.channel,
        priority: v.priority,
        ...(v.type ? { type: v.type } : {}),
        ...(v.assigneeId ? { assigneeId: v.assigneeId } : {}),
        ...(v.groupId ? { groupId: v.groupId } : {}),
      });
      form.resetFields();
      void qc.invalidateQueries({ queryKey: ['tickets'] });
      onClose();
      nav(`/tickets/${ticket.number}`);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('ticket.new')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.create')}
      confirmLoading={busy}
      width={640}
      destroyOnHidden
    >
      {error && <Alert type="error" title={error} showIcon style={{ marginBottom: 12 }} />}
      <Form<NewTicketForm>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ channel: 'phone', priority: 'normal' }}
        requiredMark={false}
      >
        <Form.Item
          name="requesterEmail"
          label={t('ticket.requesterEmail')}
          rules={[
            { type: 'email', message: t('validation.email') },
            ({ getFieldValue }) => ({
              validator: (_, v) =>
                v || getFieldValue('requesterPhone') ? Promise.resolve() : Promise.reject(new Error(t('validation.emailOrPhone'))),
            }),
          ]}
        >
          <Input autoFocus />
        </Form.Item>
        <Form.Item name="requesterPhone" label={t('ticket.requesterPhone')}>
          <Input />
        </Form.Item>
        <Form.Item name="requesterName" label={t('ticket.requesterName')}>
          <Input />
        </Form.Item>
        <Form.Item name="subject" label={t('ticket.subject')} rules={[{ required: true, message: t('validation.required') }]}>
          <Input />
        </Form.Item>
        <Form.Item name="body" label={t('ticket.description')} rules={[{ required: true, message: t('validation.required') }]}>
          <Input.TextArea rows={5} />
        </Form.Item>
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr 1fr', gap: 12 }}>
          <Form.Item name="channel" label={t('ticket.channel')}>
            <Select aria-label={t('ticket.channel')} options={CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`) }))} />
          </Form.Item>
          <Form.Item name="priority" label={t('ticket.priority')}>
            <Select aria-label={t('ticket.priority')} options={PRIORITIES.map((p) => ({ value: p, label: t(`priority.${p}`) }))} />
          </Form.Item>
          <Form.Item name="type" label={t('ticket.type')}>
            <Select aria-label={t('ticket.type')} allowClear options={TYPES.map((x) => ({ value: x, label: t(`type.${x}`) }))} />
          </Form.Item>
          <Form.Item name="groupId" label={t('ticket.group')}>
            <Select aria-label={t('ticket.group')} allowClear options={(groups.data ?? []).map((g) => ({ value: g.id, label: g.name }))} />
          </Form.Item>
          <Form.Item name="assigneeId" label={t('ticket.assignee')}>
            <Select
              aria-label={t('ticket.assignee')}
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              options={(users.data ?? []).filter((u) => u.isActive).map((u) => ({ value: u.id, label: u.name }))}
            />
          </Form.Item>
        </div>
      </Form>
    </Modal>
  );
}
