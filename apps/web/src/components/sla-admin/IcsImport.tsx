import { useState } from 'react';
import { Alert, Button, Radio, Space, Table, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Calendar, IcsImportMode, ImportIcsResult, SkippedEvent } from '@kefu/contracts/calendars';
import { api } from '../../app/api';
import { useAdminErrorText } from './sla-admin.data';

/**
 * Merges an iCalendar file's dates into a stored calendar: the file is read in the browser and
 * sent as JSON; the answer says what was added, what was there already and what was skipped.
 */
export function IcsImport({
  calendarId,
  disabledReason,
  onImported,
}: {
  calendarId: string | null;
  /** Why importing is not possible now (unsaved changes, a calendar not created yet). */
  disabledReason: string | null;
  onImported: (calendar: Calendar) => void;
}) {
  const { t } = useTranslation();
  const errorText = useAdminErrorText();
  const [mode, setMode] = useState<IcsImportMode>('auto');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ file: string; r: Omit<ImportIcsResult, 'calendar'> } | null>(null);
  const [error, setError] = useState<string | null>(null);

  const importFile = async (file: File) => {
    if (!calendarId) return;
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const ics = await file.text();
      const r = await api.post<ImportIcsResult>(`/calendars/${calendarId}/import-ics`, { ics, mode });
      setResult({ file: file.name, r });
      onImported(r.calendar);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }} data-testid="ics-import">
      <Typography.Text type="secondary">{t('calendars.icsHelp')}</Typography.Text>
      <Space wrap>
        <Radio.Group
          aria-label={t('calendars.icsMode')}
          value={mode}
          onChange={(e) => setMode(e.target.value as IcsImportMode)}
          options={[
            { value: 'auto', label: t('calendars.icsModeAuto') },
            { value: 'holidays', label: t('calendars.icsModeHolidays') },
          ]}
        />
        <Upload
          accept=".ics,text/calendar"
          showUploadList={false}
          maxCount={1}
          disabled={!!disabledReason || busy}
          beforeUpload={(file) => {
            void importFile(file);
            return Upload.LIST_IGNORE;
          }}
        >
          <Button icon={<UploadOutlined />} loading={busy} disabled={!!disabledReason}>
            {t('calendars.icsChoose')}
          </Button>
        </Upload>
      </Space>
      {disabledReason && <Typography.Text type="warning">{disabledReason}</Typography.Text>}
      {error && <Alert type="error" showIcon title={error} />}
      {result && (
        <Alert
          type={result.r.skipped.length ? 'warning' : 'success'}
          showIcon
          data-testid="ics-result"
          title={t('calendars.icsResult', {
            file: result.file,
            holidays: result.r.added.holidays,
            workdays: result.r.added.extraWorkdays,
          })}
          description={
            <>
              {t('calendars.icsUnchanged', { holidays: result.r.unchanged.holidays, workdays: result.r.unchanged.extraWorkdays })}
              {result.r.skipped.length > 0 && (
                <Table<SkippedEvent>
                  size="small"
                  style={{ marginTop: 8 }}
                  rowKey={(s) => `${s.summary}|${s.date ?? ''}|${s.reason}`}
                  pagination={false}
                  dataSource={result.r.skipped}
                  columns={[
                    { title: t('calendars.icsEvent'), dataIndex: 'summary', key: 'summary', ellipsis: true },
                    { title: t('calendars.date'), dataIndex: 'date', key: 'date', width: 110, render: (d: string | null) => d ?? '—' },
                    { title: t('calendars.icsReason'), dataIndex: 'reason', key: 'reason' },
                  ]}
                />
              )}
            </>
          }
        />
      )}
    </Space>
  );
}
