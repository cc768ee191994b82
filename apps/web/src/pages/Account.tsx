import { Alert, Button, Card, Descriptions, Form, Input, Select, message } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../app/api';
import { setLanguage, type Lang } from '../app/i18n';
import { useMe } from '../app/session';
import { useErrorText } from '../components/States';

export function AccountPage() {
  const { t } = useTranslation();
  const me = useMe();
  const qc = useQueryClient();
  const errorText = useErrorText();
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<{ currentPassword: string; newPassword: string; confirm: string }>();

  const changePassword = async (v: { currentPassword: string; newPassword: string }) => {
    setError(null);
    try {
      await api.post('/auth/password', { currentPassword: v.currentPassword, newPassword: v.newPassword });
      form.resetFields();
      void message.success(t('account.passwordChanged'));
    } catch (e) {
      setError(errorText(e));
    }
  };

  const savePrefs = async (patch: { language?: Lang; timeZone?: string | null }) => {
    await api.patch(`/users/${me.user.id}`, patch);
    if (patch.language) setLanguage(patch.language);
    await qc.invalidateQueries({ queryKey: ['me'] });
    void message.success(t('common.saved'));
  };

  return (
    <div style={{ padding: 24, maxWidth: 720, display: 'grid', gap: 16 }}>
      <Card title={t('account.title')}>
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('account.name')}>{me.user.name}</Descriptions.Item>
          <Descriptions.Item label={t('auth.email')}>{me.user.email}</Descriptions.Item>
          <Descriptions.Item label={t('account.role')}>{t(`roles.${me.user.role}`)}</Descriptions.Item>
          <Descriptions.Item label={t('account.workspace')}>{me.workspace.name}</Descriptions.Item>
          <Descriptions.Item label={t('setup.language')}>
            <Select
              aria-label={t('setup.language')}
              style={{ width: 160 }}
              value={(me.user.language ?? undefined) as Lang | undefined}
              options={[
                { value: 'zh-CN', label: '简体中文' },
                { value: 'en', label: 'English' },
              ]}
              onChange={(v: Lang) => void savePrefs({ language: v })}
            />
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={t('account.changePassword')}>
        {error && <Alert type="error" title={error} showIcon style={{ marginBottom: 16 }} />}
        <Form form={form} layout="vertical" onFinish={changePassword} style={{ maxWidth: 360 }} requiredMark={false}>
          <Form.Item
            name="currentPassword"
            label={t('account.currentPassword')}
            rules={[{ required: true, message: t('validation.required') }]}
          >
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item
            name="newPassword"
            label={t('account.newPassword')}
            rules={[{ required: true, min: 8, message: t('validation.password') }]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            name="confirm"
            label={t('account.confirmPassword')}
            dependencies={['newPassword']}
            rules={[
              { required: true, message: t('validation.required') },
              ({ getFieldValue }) => ({
                validator: (_, v) =>
                  v === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('validation.passwordMismatch'))),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            {t('account.changePassword')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
