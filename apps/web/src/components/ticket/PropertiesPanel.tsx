import { Checkbox, DatePicker, Form, Input, InputNumber, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import type { FieldDefinition, Ticket } from '@kefu/contracts/tickets';
import { TYPES, useFields, useGroups, useUsers } from '../../app/data';

type Patch = Record<string, unknown>;

/** Every property saves the moment it changes; a rejected value shows its error under the field. */
export function PropertiesPanel({
  ticket,
  errors,
  onChange,
}: {
  ticket: Ticket;
  errors: Record<string, string>;
  onChange: (p: Patch) => void;
}) {
  const { t, i18n } = useTranslation();
  const users = useUsers();
  const groups = useGroups();
  const fields = useFields();
  const err = (k: string) => (errors[k] ? { validateStatus: 'error' as const, help: errors[k] } : {});
  const agents = (users.data ?? []).filter((u) => u.isActive || u.id === ticket.assigneeId);

  return (
    <Form layout="vertical" size="small" data-testid="properties">
      <Form.Item label={t('ticket.type')} {...err('type')}>
        <Select
          aria-label={t('ticket.type')}
          allowClear
          value={ticket.type ?? undefined}
          onChange={(v) => onChange({ type: v ?? null })}
          options={TYPES.map((x) => ({ value: x, label: t(`type.${x}`) }))}
        />
      </Form.Item>
      <Form.Item label={t('ticket.category')} {...err('category')}>
        <Input
          aria-label={t('ticket.category')}
          defaultValue={ticket.category ?? ''}
          key={ticket.category ?? ''}
          onBlur={(e) => e.target.value.trim() !== (ticket.category ?? '') && onChange({ category: e.target.value.trim() || null })}
        />
      </Form.Item>
      <Form.Item label={t('ticket.assignee')} {...err('assigneeId')}>
        <Select
          aria-label={t('ticket.assignee')}
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          value={ticket.assigneeId ?? undefined}
          placeholder={t('ticket.unassigned')}
          onChange={(v) => onChange({ assigneeId: v ?? null })}
          options={agents.map((u) => ({ value: u.id, label: u.name }))}
        />
      </Form.Item>
      <Form.Item label={t('ticket.group')} {...err('groupId')}>
        <Select
          aria-label={t('ticket.group')}
          allowClear
          value={ticket.groupId ?? undefined}
          onChange={(v) => onChange({ groupId: v ?? null })}
          options={(groups.data ?? []).map((g) => ({ value: g.id, label: g.name }))}
        />
      </Form.Item>
      <Form.Item label={t('ticket.tags')} {...err('tags')}>
        <Select
          aria-label={t('ticket.tags')}
          mode="tags"
          value={ticket.tags}
          onChange={(v: string[]) => onChange({ tags: v })}
          open={false}
        />
      </Form.Item>
      <Form.Item label={t('ticket.followers')} {...err('followerIds')}>
        <Select
          aria-label={t('ticket.followers')}
          mode="multiple"
          value={ticket.followerIds}
          onChange={(v: string[]) => onChange({ followerIds: v })}
          options={agents.map((u) => ({ value: u.id, label: u.name }))}
        />
      </Form.Item>
      {(fields.data ?? [])
        .filter((f) => f.isActive)
        .map((f) => (
          <Form.Item
            key={f.id}
            label={i18n.language === 'zh-CN' ? f.labelZh : f.labelEn}
            required={f.requiredOnSolve}
            tooltip={f.requiredOnSolve ? t('ticket.requiredOnSolveHint') : undefined}
            {...err(`customFields.${f.key}`)}
          >
            <CustomFieldInput field={f} value={ticket.customFields[f.key]} onChange={(v) => onChange({ customFields: { [f.key]: v } })} />
          </Form.Item>
        ))}
      {errors.customFields && <Form.Item validateStatus="error" help={errors.customFields} />}
      {errors.status && <Form.Item validateStatus="error" help={errors.status} />}
    </Form>
  );
}

function CustomFieldInput({
  field,
  value,
  onChange,
}: {
  field: FieldDefinition;
  value: unknown;
  onChange: (v: string | number | boolean | null) => void;
}) {
  const label = field.labelEn;
  switch (field.type) {
    case 'number':
      return (
        <InputNumber
          aria-label={label}
          style={{ width: '100%' }}
          defaultValue={typeof value === 'number' ? value : undefined}
          onBlur={(e) => onChange(e.target.value === '' ? null : Number(e.target.value))}
        />
      );
    case 'checkbox':
      return <Checkbox aria-label={label} checked={value === true} onChange={(e) => onChange(e.target.checked)} />;
    case 'date':
      return (
        <DatePicker
          aria-label={label}
          style={{ width: '100%' }}
          value={typeof value === 'string' && value ? dayjs(value) : null}
          onChange={(d) => onChange(d ? d.format('YYYY-MM-DD') : null)}
        />
      );
    case 'dropdown':
      return (
        <Select
          aria-label={label}
          allowClear
          value={typeof value === 'string' ? value : undefined}
          onChange={(v) => onChange(v ?? null)}
          options={field.options.map((o) => ({ value: o, label: o }))}
        />
      );
    default:
      return (
        <Input
          aria-label={label}
          defaultValue={typeof value === 'string' ? value : ''}
          onBlur={(e) => e.target.value !== (value ?? '') && onChange(e.target.value || null)}
        />
      );
  }
}
