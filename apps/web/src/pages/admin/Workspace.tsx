import { useMemo, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { UpdateWorkspaceRequest, Workspace } from '@kefu/contracts/users';
import { api } from '../../app/api';
import { SectionHeader } from '../../components/admin/SectionHeader';
import { ErrorState, Loading, useErrorText } from '../../components/States';

type WorkspaceForm = Required<UpdateWorkspaceRequest>;

function timeZones(current: string): string[] {
  const all = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return [...new Set(['UTC', current, ...all])].sort((a, b) => (a === 'UTC' ? -1 : b === 'UTC' ? 1 : a.localeCompare(b)));
}

/** Workspace settings: its name, the language new customers and agents start in, and the time zone reports use. */
export function WorkspaceAdmin() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const ws = useQuery({ queryKey: ['workspace'], queryFn: () => api.get<Workspace>('/workspace') });
  const [form] = Form.useForm<WorkspaceForm>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const zones = useMemo(() => timeZones(ws.data?.timeZone ?? 'UTC'), [ws.data?.timeZone]);

  if (ws.isPending) return <Loading />;
  if (ws.isError) return <ErrorState error={ws.error} onRetry={() => void ws.refetch()} />;

  const submit = async (v: WorkspaceForm) => {
    setBusy(true);
    setError(null);
    try {
      const next = await api.patch<Workspace>('/workspace', {
        name: v.name.trim(),
        defaultLanguage: v.defaultLanguage,
        timeZone: v.timeZone,
      });
      qc.setQueryData(['workspace'], next);
      void qc.invalidateQueries({ queryKey: ['me'] });
      form.resetFields();
      void message.success(t('workspaceSettings.saved'));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div style={{ maxWidth: 640 }}>
      <SectionHeader title={t('admin.workspace')} help={t('workspaceSettings.help')} />
      <Card size="small">
        {error && <Alert type="error" title={error} showIcon style={{ marginBottom: 12 }} />}
        <Form<WorkspaceForm>
          form={form}
          layout="vertical"
          onFinish={submit}
          requiredMark={false}
          initialValues={{
            name: ws.data.name,
            defaultLanguage: ws.data.defaultLanguage as WorkspaceForm['defaultLanguage'],
            timeZone: ws.data.timeZone,
          }}
          key={`${ws.data.name}|${ws.data.defaultLanguage}|${ws.data.timeZone}`}
        >
          <Form.Item
            name="name"
            label={t('workspaceSettings.name')}
            rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
          >
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item label={t('workspaceSettings.slug')} extra={t('workspaceSettings.slugHint')}>
            <Typography.Text code copyable>
              {ws.data.slug}
            </Typography.Text>
          </Form.Item>
          <Form.Item
            name="defaultLanguage"
            label={t('workspaceSettings.defaultLanguage')}
            extra={t('workspaceSettings.defaultLanguageHint')}
          >
            <Select
              aria-label={t('workspaceSettings.defaultLanguage')}
              options={[
                { value: 'zh-CN', label: '简体中文' },
                { value: 'en', label: 'English' },
              ]}
            />
          </Form.Item>
          <Form.Item name="timeZone" label={t('setup.timeZone')} extra={t('workspaceSettings.timeZoneHint')}>
            <Select
              aria-label={t('setup.timeZone')}
              showSearch={{ optionFilterProp: 'label' }}
              options={zones.map((z) => ({ value: z, label: z }))}
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('common.save')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
