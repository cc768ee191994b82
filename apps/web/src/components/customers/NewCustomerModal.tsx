import { useState } from 'react';
import { Link } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CreateCustomerRequest, Customer, IdentityInput } from '@kefu/contracts/customers';
import { ApiError, api } from '../../app/api';
import { useErrorText } from '../States';
import { TAG_SEPARATORS, tagsRule, useOrganizations } from './customers.data';

interface NewCustomerForm {
  name: string;
  email?: string;
  phone?: string;
  organizationId?: string;
  tags?: string[];
  notes?: string;
}

type Taken = { kind: string; value: string; customerId: string };
const FIELD_OF_KIND: Record<string, keyof NewCustomerForm> = { email: 'email', phone: 'phone' };

/** Records a customer by hand; an email or phone that belongs to someone else is refused with a link to them. */
export function NewCustomerModal({ open, onClose }: { open: boolean; onClose: (created?: Customer) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const orgs = useOrganizations();
  const errorText = useErrorText();
  const [form] = Form.useForm<NewCustomerForm>();
  const [error, setError] = useState<string | null>(null);
  const [taken, setTaken] = useState<Taken[]>([]);
  const [busy, setBusy] = useState(false);

  const close = (created?: Customer) => {
    setError(null);
    setTaken([]);
    onClose(created);
  };

  const submit = async (v: NewCustomerForm) => {
    setBusy(true);
    setError(null);
    setTaken([]);
    const identities: IdentityInput[] = [
      ...(v.email?.trim() ? [{ kind: 'email' as const, value: v.email.trim() }] : []),
      ...(v.phone?.trim() ? [{ kind: 'phone' as const, value: v.phone.trim() }] : []),
    ];
    const body: CreateCustomerRequest = {
      name: v.name.trim(),
      identities,
      ...(v.organizationId ? { organizationId: v.organizationId } : {}),
      ...(v.tags?.length ? { tags: v.tags } : {}),
      ...(v.notes?.trim() ? { notes: v.notes.trim() } : {}),
    };
    try {
      const created = await api.post<Customer>('/customers', body);
      form.resetFields();
      void qc.invalidateQueries({ queryKey: ['customers'] });
      close(created);
    } catch (e) {
      const text = errorText(e);
      setError(text);
      if (e instanceof ApiError && e.code === 'identity_taken') {
        const list = ((e.details as { taken?: Taken[] } | undefined)?.taken ?? []).filter((x) => FIELD_OF_KIND[x.kind]);
        setTaken(list);
        form.setFields(list.map((x) => ({ name: FIELD_OF_KIND[x.kind]!, errors: [text] })));
      } else if (e instanceof ApiError && e.code === 'invalid_phone') {
        form.setFields([{ name: 'phone', errors: [text] }]);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('customers.new')}
      onCancel={() => close()}
      onOk={() => form.submit()}
      okText={t('common.create')}
      confirmLoading={busy}
      destroyOnHidden
      width={560}
    >
      {error && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={error}
          description={
            taken.length > 0 ? (
              <span>
                {taken.map((x) => (
                  <Link key={x.customerId + x.value} to={`/customers/${x.customerId}`} onClick={() => close()} style={{ marginRight: 12 }}>
                    {t('customers.openExisting', { value: x.value })}
                  </Link>
                ))}
              </span>
            ) : undefined
          }
        />
      )}
      <Form<NewCustomerForm> form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item
          name="name"
          label={t('customers.name')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
        >
          <Input autoFocus maxLength={200} />
        </Form.Item>
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 12 }}>
          <Form.Item name="email" label={t('identity.email')} rules={[{ type: 'email', message: t('validation.email') }]}>
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item name="phone" label={t('identity.phone')}>
            <Input autoComplete="off" />
          </Form.Item>
        </div>
        <Form.Item name="organizationId" label={t('customer.organization')}>
          <Select
            aria-label={t('customer.organization')}
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            loading={orgs.isPending}
            options={(orgs.data ?? []).map((o) => ({ value: o.id, label: o.name }))}
          />
        </Form.Item>
        <Form.Item name="tags" label={t('ticket.tags')} extra={t('customers.tagsHint')} rules={[tagsRule(t('customers.tagInvalid'))]}>
          <Select aria-label={t('ticket.tags')} mode="tags" tokenSeparators={TAG_SEPARATORS} open={false} suffixIcon={null} />
        </Form.Item>
        <Form.Item name="notes" label={t('customers.notes')}>
          <Input.TextArea rows={3} maxLength={10_000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
