import { useQuery } from '@tanstack/react-query';
import { Descriptions, Empty, Tag, Timeline, Typography } from 'antd';
import { CheckCircleTwoTone, CloseCircleTwoTone } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import type { TicketSla } from '@kefu/contracts/sla';
import { api } from '../../app/api';
import { ErrorState, Loading } from '../States';
import { Rows } from '../Rows';
import { SlaMetrics } from './SlaBadge';

/** "What applies to this ticket and why": the policies tried in order, each condition checked. */
export function SlaPanel({ ticketId, version }: { ticketId: string; version: string }) {
  const { t, i18n } = useTranslation();
  const q = useQuery({ queryKey: ['ticket-sla', ticketId, version], queryFn: () => api.get<TicketSla>(`/tickets/${ticketId}/sla`) });
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  const { summary, evaluation, history } = q.data;
  const lang = i18n.language === 'zh-CN' ? 'zh-CN' : 'en';
  return (
    <div data-testid="sla-panel">
      {summary.metrics.length ? (
        <SlaMetrics summary={summary} />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('sla.noPolicy')} />
      )}
      {summary.commitment && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          {t('sla.commitment')}: {summary.commitment[lang]}
        </Typography.Paragraph>
      )}
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('sla.why')}
      </Typography.Title>
      <Rows
        items={evaluation}
        rowKey={(p) => p.policyId}
        empty={t('sla.noPolicies')}
        render={(p) => (
          <div style={{ width: '100%' }}>
            <Typography.Text strong>
              {p.matched ? <CheckCircleTwoTone twoToneColor="#52c41a" /> : <CloseCircleTwoTone twoToneColor="#bfbfbf" />} {p.name}
            </Typography.Text>{' '}
            {p.matched && <Tag color="green">{t('sla.applies')}</Tag>}
            {p.skipped && <Tag>{t('sla.inactive')}</Tag>}
            <Descriptions size="small" column={1} style={{ marginTop: 4 }}>
              {p.checks.map((c) => (
                <Descriptions.Item key={c.field} label={t(`sla.field.${c.field}`, { defaultValue: c.field })}>
                  <Typography.Text type={c.ok ? undefined : 'danger'}>
                    {c.ok ? '✓' : '✗'} {Array.isArray(c.actual) ? c.actual.join(', ') || '—' : (c.actual ?? '—')} ∈ {c.expected.join(', ')}
                  </Typography.Text>
                </Descriptions.Item>
              ))}
            </Descriptions>
          </div>
        )}
      />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('sla.history')}
      </Typography.Title>
      <Timeline
        items={[...history]
          .reverse()
          .slice(0, 50)
          .map((h) => ({
            key: h.id,
            color: h.status === 'breached' ? 'red' : h.status === 'warning' ? 'orange' : h.status === 'fulfilled' ? 'green' : 'blue',
            content: (
              <span>
                {t(`sla.metric.${h.metric}`)} · {t(`sla.status.${h.status}`)}
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                  {dayjs(h.at).format('YYYY-MM-DD HH:mm:ss')}
                </Typography.Text>
              </span>
            ),
          }))}
      />
    </div>
  );
}
