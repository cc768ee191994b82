import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Checkbox, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CreateFieldRequest, FieldDefinition, UpdateFieldRequest } from '@kefu/contracts/tickets';
import { ApiError, api } from '../../app/api';
import { useErrorText } from '../States';

const TYPES = ['text', 'number', 'date', 'dropdown', 'checkbox'] as const;
const KEY_PATTERN = /^[a-z][a-z0-9_]{0,63}$/;

interface FieldForm {
  key: string;
  labelEn: string;
  labelZh: string;
  type: FieldDefinition['type'];
  options?: string[];
  requiredOnSolve: boolean;
  position: number;
}

/** Creates a custom field, or edits one (its key and type are fixed once it exists: tickets store values under the key). */
export function FieldModal({
  field,
  nextPosition,
  onClose,
}: {
  field: FieldDefinition | 'new' | null;
  nextPosition: number;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<FieldForm>();
  const type = Form.useWatch('type', form);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const existing = field && field !== 'new' ? field : null;

  const close = () => {
    setError(null);
    onClose();
  };

  const submit = async (v: FieldForm) => {
    setBusy(true);
    setError(null);
    const options = v.type === 'dropdown' ? [...new Set((v.options ?? []).map((o) => o.trim()).filter(Boolean))] : undefined;
    try {
      if (existing) {
        const body: UpdateFieldRequest = {
          labelEn: v.labelEn.trim(),
          labelZh: v.labelZh.trim(),
          requiredOnSolve: v.requiredOnSolve,
          position: v.position,
          ...(options ? { options } : {}),
        };
        await api.patch<FieldDefinition>(`/ticket-fields/${existing.id}`, body);
      } else {
        const body: CreateFieldRequest = {
          key: v.key,
          labelEn: v.labelEn.trim(),
          labelZh: v.labelZh.trim(),
          type: v.type,
          requiredOnSolve: v.requiredOnSolve,
          position: v.position,
          ...(options ? { options } : {}),
        };
        await api.post<FieldDefinition>('/ticket-fields', body);
      }
      await qc.invalidateQueries({ queryKey: ['ticket-fields'] });
      void message.success(existing ? t('common.saved') : t('fields.created'));
      close();
    } catch (e) {
      const text = errorText(e);
      if (e instanceof ApiError && e.code === 'field_key_taken') form.setFields([{ name: 'key', errors: [text] }]);
      else if (e instanceof ApiError && e.code === 'options_required') form.setFields([{ name: 'options', errors: [text] }]);
      else setError(text);
    } finally {
      setBusy(false);
    }
  };

  const required = [{ required: true, whitespace: true, message: t('validation.required') }];
  return (
    <Modal
      open={field !== null}
      title={existing ? t('fields.edit') : t('fields.new')}
      onCancel={close}
      onOk={() => form.submit()}
      okText={existing ? t('common.save') : t('common.create')}
      confirmLoading={busy}
      destroyOnHidden
      width={600}
    >
      {error && <Alert type="error" title={error} showIcon style={{ marginBottom: 12 }} />}
      <Form<FieldForm>
        form={form}
        layout="vertical"
        onFinish={submit}
        requiredMark={false}
        initialValues={existing ? existing : { type: 'text', requiredOnSolve: false, position: nextPosition, options: [] }}
      >
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 12 }}>
          <Form.Item
            name="key"
            label={t('fields.key')}
            extra={existing ? t('fields.keyFixed') : t('fields.keyHint')}
            rules={
              existing
                ? []
                : [
                    { required: true, message: t('validation.required') },
                    { pattern: KEY_PATTERN, message: t('fields.keyInvalid') },
                  ]
            }
          >
            <Input autoFocus={!existing} disabled={!!existing} maxLength={64} placeholder="order_number" autoComplete="off" />
          </Form.Item>
          <Form.Item name="type" label={t('fields.type')} extra={existing ? t('fields.typeFixed') : undefined}>
            <Select
              aria-label={t('fields.type')}
              disabled={!!existing}
              options={TYPES.map((x) => ({ value: x, label: t(`fields.types.${x}`) }))}
            />
          </Form.Item>
          <Form.Item name="labelEn" label={t('fields.labelEn')} rules={required}>
            <Input maxLength={200} autoFocus={!!existing} />
          </Form.Item>
          <Form.Item name="labelZh" label={t('fields.labelZh')} rules={required}>
            <Input maxLength={200} />
          </Form.Item>
        </div>
        {type === 'dropdown' && (
          <Form.Item
            name="options"
            label={t('fields.options')}
            extra={t('fields.optionsHint')}
            rules={[{ required: true, type: 'array', min: 1, message: t('errors.options_required') }]}
          >
            <Select aria-label={t('fields.options')} mode="tags" tokenSeparators={[',', '，']} open={false} suffixIcon={null} />
          </Form.Item>
        )}
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 12, alignItems: 'end' }}>
          <Form.Item name="requiredOnSolve" valuePropName="checked" extra={t('ticket.requiredOnSolveHint')}>
            <Checkbox>{t('fields.requiredOnSolve')}</Checkbox>
          </Form.Item>
          <Form.Item name="position" label={t('fields.position')}>
            <InputNumber aria-label={t('fields.position')} min={0} max={10_000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </div>
      </Form>
    </Modal>
  );
}
