import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { SetupRequest } from '@kefu/contracts/users';
import { api, setCsrfToken } from '../app/api';
import { browserLanguage, setLanguage, type Lang } from '../app/i18n';
import { useErrorText } from '../components/States';
import { LanguageSwitch } from '../components/LanguageSwitch';

const ZONES = [
  'Asia/Shanghai',
  'Asia/Hong_Kong',
  'Asia/Taipei',
  'Asia/Singapore',
  'Asia/Tokyo',
  'Europe/London',
  'Europe/Berlin',
  'America/New_York',
  'America/Los_Angeles',
  'Australia/Sydney',
  'UTC',
];

/** First run: no users yet, so the first person creates the workspace and becomes its owner. */
export function SetupPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const nav = useNavigate();
  const errorText = useErrorText();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const zones = ZONES.includes(browserZone) ? ZONES : [browserZone, ...ZONES];

  const submit = async (v: SetupRequest) => {
    setBusy(true);
    setError(null);
    try {
      await api.post('/setup', v);
      const me = await api.post<{ csrfToken: string }>('/auth/login', { email: v.email, password: v.password, remember: true });
      setCsrfToken(me.csrfToken);
      setLanguage(v.language as Lang);
      await qc.invalidateQueries();
      nav('/inbox');
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div style={{ minHeight: '100%', display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#f0f2f5' }}>
      <Card style={{ width: 460 }} extra={<LanguageSwitch />} title={t('setup.title')}>
        <Typography.Paragraph type="secondary">{t('setup.intro')}</Typography.Paragraph>
        {error && <Alert type="error" title={error} showIcon style={{ marginBottom: 16 }} />}
        <Form<SetupRequest>
          layout="vertical"
          onFinish={submit}
          initialValues={{ language: browserLanguage(), timeZone: browserZone }}
          requiredMark={false}
        >
          <Form.Item name="workspaceName" label={t('setup.workspaceName')} rules={[{ required: true, message: t('validation.required') }]}>
            <Input autoFocus />
          </Form.Item>
          <Form.Item name="name" label={t('setup.yourName')} rules={[{ required: true, message: t('validation.required') }]}>
            <Input autoComplete="name" />
          </Form.Item>
          <Form.Item
            name="email"
            label={t('auth.email')}
            rules={[
              { required: true, message: t('validation.required') },
              { type: 'email', message: t('validation.email') },
            ]}
          >
            <Input autoComplete="email" />
          </Form.Item>
          <Form.Item name="password" label={t('auth.password')} rules={[{ required: true, min: 8, message: t('validation.password') }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item name="language" label={t('setup.language')}>
            <Select
              aria-label={t('setup.language')}
              options={[
                { value: 'zh-CN', label: '简体中文' },
                { value: 'en', label: 'English' },
              ]}
              onChange={(v: Lang) => setLanguage(v)}
            />
          </Form.Item>
          <Form.Item name="timeZone" label={t('setup.timeZone')}>
            <Select aria-label={t('setup.timeZone')} showSearch options={zones.map((z) => ({ value: z, label: z }))} />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('setup.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
