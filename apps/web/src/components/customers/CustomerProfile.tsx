import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Popconfirm, Select, Space, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import type { Customer, IdentityInput, UpdateCustomerRequest } from '@kefu/contracts/customers';
import { ApiError, api } from '../../app/api';
import { useErrorText } from '../States';
import { IDENTITY_ICONS } from './IdentityTags';
import { LANGUAGE_OPTIONS, TAG_PATTERN, TAG_SEPARATORS, useOrganizations } from './customers.data';

const ADDABLE_KINDS = ['email', 'phone', 'wechat'] as const;
const ITEM = { marginBottom: 12 };

/** Which form field an error of a PATCH belongs to. */
function fieldOf(patch: UpdateCustomerRequest): string {
  if (patch.addIdentities || patch.removeIdentityIds) return 'identities';
  return Object.keys(patch)[0] ?? '';
}

/** The customer's profile: every property saves the moment it changes; a refused value shows its error in place. */
export function CustomerProfile({ customer }: { customer: Customer }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const orgs = useOrganizations();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [kind, setKind] = useState<IdentityInput['kind']>('email');
  const [value, setValue] = useState('');
  const [saving, setSaving] = useState<string | null>(null);
  const readOnly = customer.mergedIntoId !== null;
  const err = (k: string) => (errors[k] ? { validateStatus: 'error' as const, help: errors[k] } : {});

  const save = async (patch: UpdateCustomerRequest): Promise<boolean> => {
    const field = fieldOf(patch);
    setSaving(field);
    try {
      const next = await api.patch<Customer>(`/customers/${customer.id}`, patch);
      qc.setQueryData(['customer', customer.id], next);
      void qc.invalidateQueries({ queryKey: ['customers'] });
      setErrors((e) => {
        const rest = { ...e };
        delete rest[field];
        return rest;
      });
      void message.success({ content: t('common.saved'), key: 'customer-saved' });
      return true;
    } catch (e) {
      const text = e instanceof ApiError && e.code === 'validation_failed' ? t('customers.invalidValue') : errorText(e);
      setErrors((old) => ({ ...old, [field]: text }));
      return false;
    } finally {
      setSaving(null);
    }
  };

  const addIdentity = async () => {
    const v = value.trim();
    if (!v) return;
    if (kind === 'email' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v)) {
      setErrors((old) => ({ ...old, identities: t('validation.email') }));
      return;
    }
    if (await save({ addIdentities: [{ kind, value: v }] })) setValue('');
  };

  const saveTags = (tags: string[]) => {
    const bad = tags.find((x) => !TAG_PATTERN.test(x));
    if (bad !== undefined) return setErrors((old) => ({ ...old, tags: t('customers.tagInvalid') }));
    void save({ tags: [...new Set(tags)] });
  };

  return (
    <Form layout="vertical" size="small" data-testid="customer-profile" disabled={readOnly}>
      <Form.Item style={ITEM} label={t('customers.identities')} {...err('identities')}>
        <div style={{ display: 'grid', gap: 4 }} data-testid="customer-identities">
          {customer.identities.map((i) => (
            <Space key={i.id} style={{ justifyContent: 'space-between', width: '100%' }}>
              <span>
                {IDENTITY_ICONS[i.kind]} <Typography.Text type="secondary">{t(`identity.${i.kind}`)}</Typography.Text>{' '}
                <Typography.Text copyable={{ text: i.value }}>{i.value}</Typography.Text>
              </span>
              <Popconfirm
                title={t('customers.removeIdentityConfirm', { value: i.value })}
                okText={t('common.remove')}
                cancelText={t('common.cancel')}
                okButtonProps={{ danger: true }}
                onConfirm={() => void save({ removeIdentityIds: [i.id] })}
                disabled={readOnly}
              >
                <Button type="text" size="small" icon={<DeleteOutlined />} aria-label={t('customers.removeIdentity', { value: i.value })} />
              </Popconfirm>
            </Space>
          ))}
          {customer.identities.length === 0 && <Typography.Text type="secondary">{t('customers.noIdentities')}</Typography.Text>}
          <Space.Compact style={{ width: '100%', marginTop: 4 }}>
            <Select
              aria-label={t('customers.identityKind')}
              value={kind}
              onChange={setKind}
              style={{ width: 110 }}
              options={ADDABLE_KINDS.map((k) => ({ value: k, label: t(`identity.${k}`) }))}
            />
            <Input
              aria-label={t('customers.identityValue')}
              placeholder={t('customers.identityPlaceholder')}
              value={value}
              onChange={(e) => setValue(e.target.value)}
              onPressEnter={() => void addIdentity()}
            />
            <Button
              icon={<PlusOutlined />}
              aria-label={t('customers.addIdentity')}
              loading={saving === 'identities'}
              disabled={readOnly || !value.trim()}
              onClick={() => void addIdentity()}
            />
          </Space.Compact>
        </div>
      </Form.Item>
      <Form.Item style={ITEM} label={t('customer.organization')} {...err('organizationId')}>
        <Select
          aria-label={t('customer.organization')}
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('common.none')}
          value={customer.organizationId ?? undefined}
          loading={orgs.isPending}
          onChange={(v?: string) => void save({ organizationId: v ?? null })}
          options={(orgs.data ?? []).map((o) => ({ value: o.id, label: o.name }))}
        />
      </Form.Item>
      <Form.Item style={ITEM} label={t('setup.language')} {...err('language')}>
        <Select
          aria-label={t('setup.language')}
          allowClear
          placeholder={t('common.none')}
          value={customer.language ?? undefined}
          onChange={(v?: string) => void save({ language: v ?? null })}
          options={LANGUAGE_OPTIONS}
        />
      </Form.Item>
      <Form.Item style={ITEM} label={t('ticket.tags')} {...err('tags')}>
        <Select
          aria-label={t('ticket.tags')}
          mode="tags"
          tokenSeparators={TAG_SEPARATORS}
          open={false}
          suffixIcon={null}
          value={customer.tags}
          onChange={saveTags}
          data-testid="customer-tags"
        />
      </Form.Item>
      <Form.Item style={ITEM} label={t('customers.tier')} tooltip={t('customers.tierHint')} {...err('tier')}>
        <Input
          aria-label={t('customers.tier')}
          defaultValue={customer.tier ?? ''}
          key={`tier-${customer.tier ?? ''}`}
          maxLength={64}
          onBlur={(e) => {
            const v = e.target.value.trim();
            if (v !== (customer.tier ?? '')) void save({ tier: v || null });
          }}
        />
      </Form.Item>
      <Form.Item style={ITEM} label={t('customers.notes')} {...err('notes')}>
        <Input.TextArea
          aria-label={t('customers.notes')}
          defaultValue={customer.notes}
          key={`notes-${customer.updatedAt}`}
          autoSize={{ minRows: 3, maxRows: 10 }}
          maxLength={10_000}
          onBlur={(e) => e.target.value !== customer.notes && void save({ notes: e.target.value })}
        />
      </Form.Item>
      <Typography.Text type="secondary">
        {t('customer.since')}: {dayjs(customer.createdAt).format('YYYY-MM-DD HH:mm')}
      </Typography.Text>
    </Form>
  );
}
