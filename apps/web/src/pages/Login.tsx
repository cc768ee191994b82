import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { api, setCsrfToken } from '../app/api';
import type { Me } from '../app/session';
import { useErrorText } from '../components/States';
import { LanguageSwitch } from '../components/LanguageSwitch';

interface LoginForm {
  email: string;
  password: string;
  workspace?: string;
  remember: boolean;
}

export function LoginPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const nav = useNavigate();
  const location = useLocation();
  const errorText = useErrorText();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const from = (location.state as { from?: string } | null)?.from;

  const submit = async (v: LoginForm) => {
    setBusy(true);
    setError(null);
    try {
      const r = await api.post<Me>('/auth/login', {
        email: v.email,
        password: v.password,
        remember: v.remember,
        ...(v.workspace ? { workspace: v.workspace } : {}),
      });
      setCsrfToken(r.csrfToken);
      // The sign-in answer is the session itself: no second round trip before the inbox.
      qc.setQueryData(['me'], r);
      nav(from && from !== '/login' ? from : '/inbox', { replace: true });
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div style={{ minHeight: '100%', display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#f0f2f5' }}>
      <Card style={{ width: 380 }} title={t('auth.signInTitle')} extra={<LanguageSwitch />}>
        {error && <Alert type="error" title={error} showIcon style={{ marginBottom: 16 }} role="alert" />}
        <Form<LoginForm> layout="vertical" onFinish={submit} initialValues={{ remember: true }} requiredMark={false}>
          <Form.Item
            name="email"
            label={t('auth.email')}
            rules={[
              { required: true, message: t('validation.required') },
              { type: 'email', message: t('validation.email') },
            ]}
          >
            <Input autoFocus autoComplete="username" />
          </Form.Item>
          <Form.Item name="password" label={t('auth.password')} rules={[{ required: true, message: t('validation.required') }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item name="workspace" label={t('auth.workspace')} tooltip={t('auth.workspaceHint')}>
            <Input placeholder={t('auth.workspaceOptional')} />
          </Form.Item>
          <Form.Item name="remember" valuePropName="checked">
            <Checkbox>{t('auth.remember')}</Checkbox>
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('auth.signIn')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
