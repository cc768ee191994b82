import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Input, Modal, Radio, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Role } from '@kefu/core/roles';
import type { CreateUserRequest, User } from '@kefu/contracts/users';
import { ApiError, api } from '../../app/api';
import { useGroups } from '../../app/data';
import { generatePassword } from './password';
import { useErrorText } from '../States';

interface InviteForm {
  name: string;
  email: string;
  role: Role;
  language?: 'zh-CN' | 'en';
  groupIds?: string[];
  passwordMode: 'generate' | 'manual';
  password?: string;
}

/** Who was invited, and the generated password to hand over (only when the app made one). */
export interface Invited {
  name: string;
  email: string;
  password: string | null;
}

/**
 * Invites an agent. The API takes an optional password; a person without one cannot sign in, so
 * the form either takes one from the admin or generates a strong one in the browser, shown once.
 */
export function InviteUserModal({
  open,
  assignable,
  onClose,
}: {
  open: boolean;
  assignable: readonly Role[];
  onClose: (r?: Invited) => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const groups = useGroups();
  const errorText = useErrorText();
  const [form] = Form.useForm<InviteForm>();
  const mode = Form.useWatch('passwordMode', form);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const close = (r?: Invited) => {
    setError(null);
    onClose(r);
  };

  const submit = async (v: InviteForm) => {
    setBusy(true);
    setError(null);
    const generated = v.passwordMode === 'generate' ? generatePassword() : null;
    const body: CreateUserRequest = {
      name: v.name.trim(),
      email: v.email.trim(),
      role: v.role,
      password: generated ?? v.password ?? '',
      ...(v.language ? { language: v.language } : {}),
      ...(v.groupIds?.length ? { groupIds: v.groupIds } : {}),
    };
    try {
      const user = await api.post<User>('/users', body);
      form.resetFields();
      void qc.invalidateQueries({ queryKey: ['users'] });
      void qc.invalidateQueries({ queryKey: ['groups'] });
      void message.success(t('users.invited', { name: user.name }));
      close({ name: user.name, email: user.email, password: generated });
    } catch (e) {
      const text = errorText(e);
      if (e instanceof ApiError && e.code === 'email_taken') form.setFields([{ name: 'email', errors: [text] }]);
      else setError(text);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('users.invite')}
      onCancel={() => close()}
      onOk={() => form.submit()}
      okText={t('users.inviteSubmit')}
      confirmLoading={busy}
      destroyOnHidden
      width={560}
    >
      {error && <Alert type="error" title={error} showIcon style={{ marginBottom: 12 }} />}
      <Form<InviteForm>
        form={form}
        layout="vertical"
        onFinish={submit}
        requiredMark={false}
        initialValues={{ role: 'agent', passwordMode: 'generate' }}
      >
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 12 }}>
          <Form.Item name="name" label={t('users.name')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
            <Input autoFocus maxLength={200} autoComplete="off" />
          </Form.Item>
          <Form.Item
            name="email"
            label={t('auth.email')}
            rules={[
              { required: true, message: t('validation.required') },
              { type: 'email', message: t('validation.email') },
            ]}
          >
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item name="role" label={t('users.role')}>
            <Select aria-label={t('users.role')} options={assignable.map((r) => ({ value: r, label: t(`roles.${r}`) }))} />
          </Form.Item>
          <Form.Item name="language" label={t('setup.language')}>
            <Select
              aria-label={t('setup.language')}
              allowClear
              placeholder={t('users.languageDefault')}
              options={[
                { value: 'zh-CN', label: '简体中文' },
                { value: 'en', label: 'English' },
              ]}
            />
          </Form.Item>
        </div>
        <Form.Item name="groupIds" label={t('users.groups')}>
          <Select
            aria-label={t('users.groups')}
            mode="multiple"
            showSearch={{ optionFilterProp: 'label' }}
            options={(groups.data ?? []).map((g) => ({ value: g.id, label: g.name }))}
          />
        </Form.Item>
        <Form.Item name="passwordMode" label={t('users.initialPassword')}>
          <Radio.Group
            options={[
              { value: 'generate', label: t('users.passwordGenerate') },
              { value: 'manual', label: t('users.passwordManual') },
            ]}
          />
        </Form.Item>
        {mode === 'manual' ? (
          <Form.Item
            name="password"
            label={t('auth.password')}
            rules={[
              { required: true, message: t('validation.required') },
              { min: 8, message: t('validation.password') },
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        ) : (
          <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
            {t('users.passwordGenerateHint')}
          </Typography.Paragraph>
        )}
      </Form>
    </Modal>
  );
}

/** The generated password, shown once with a copy button: it is not stored anywhere in the browser. */
export function PasswordOnceModal({ invited, onClose }: { invited: Invited | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      open={invited !== null}
      title={t('users.passwordTitle', { name: invited?.name ?? '' })}
      onCancel={onClose}
      onOk={onClose}
      okText={t('users.passwordDone')}
      cancelButtonProps={{ style: { display: 'none' } }}
      mask={{ closable: false }}
      destroyOnHidden
    >
      <Alert type="warning" showIcon title={t('users.passwordOnce')} style={{ marginBottom: 16 }} />
      <Typography.Paragraph>{t('users.passwordGive', { email: invited?.email ?? '' })}</Typography.Paragraph>
      <Typography.Paragraph
        code
        copyable={{ text: invited?.password ?? '', tooltips: [t('users.copyPassword'), t('users.copied')] }}
        style={{ fontSize: 18 }}
        data-testid="generated-password"
      >
        {invited?.password}
      </Typography.Paragraph>
    </Modal>
  );
}
