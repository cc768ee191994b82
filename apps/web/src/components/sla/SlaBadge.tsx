import { useEffect, useState } from 'react';
import { Space, Tag, Tooltip } from 'antd';
import { ClockCircleOutlined, PauseCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import type { TicketSlaMetric, TicketSlaSummary } from '@kefu/contracts/sla-state';

// One ticker for every badge on the page: a re-render per second, not a timer per badge.
const listeners = new Set<(n: number) => void>();
let ticker: ReturnType<typeof setInterval> | null = null;
export function useNow(): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    listeners.add(setNow);
    if (!ticker) ticker = setInterval(() => listeners.forEach((l) => l(Date.now())), 1000);
    return () => {
      listeners.delete(setNow);
      if (listeners.size === 0 && ticker) {
        clearInterval(ticker);
        ticker = null;
      }
    };
  }, []);
  return now;
}

export type SlaTone = 'ok' | 'warning' | 'breached' | 'paused' | 'fulfilled';

/**
 * The colour of a metric now: red once its due instant has passed (even before the server's breach
 * timer has fired), amber when the server says the warning threshold is crossed, grey while paused.
 */
export function toneOf(m: TicketSlaMetric, now: number): SlaTone {
  if (m.status === 'fulfilled') return 'fulfilled';
  if (m.status === 'breached') return 'breached';
  if (m.status === 'paused') return 'paused';
  if (Date.parse(m.dueAt) <= now) return 'breached';
  if (m.status === 'warning') return 'warning';
  return 'ok';
}

const COLORS: Record<SlaTone, string> = { ok: 'green', warning: 'orange', breached: 'red', paused: 'default', fulfilled: 'default' };

/** "2h 05m", "3d 4h", "45s"; negative means overdue. */
export function formatSpan(ms: number): string {
  const s = Math.floor(Math.abs(ms) / 1000);
  if (s === 0) return '0s';
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sign = ms < 0 ? '-' : '';
  if (d > 0) return `${sign}${d}d ${h}h`;
  if (h > 0) return `${sign}${h}h ${String(m).padStart(2, '0')}m`;
  if (m > 0) return `${sign}${m}m ${String(s % 60).padStart(2, '0')}s`;
  return `${sign}${s % 60}s`;
}

/** The metric that matters most: breached first, then the soonest due among running ones. */
export function headline(summary: TicketSlaSummary, now: number): TicketSlaMetric | null {
  const running = summary.metrics.filter((m) => m.status !== 'fulfilled');
  if (running.length === 0) return null;
  const rank = (m: TicketSlaMetric) => (toneOf(m, now) === 'paused' ? 1 : 0);
  return [...running].sort((a, b) => rank(a) - rank(b) || Date.parse(a.dueAt) - Date.parse(b.dueAt))[0] ?? null;
}

export function MetricBadge({ metric, now, showName = false }: { metric: TicketSlaMetric; now: number; showName?: boolean }) {
  const { t } = useTranslation();
  const tone = toneOf(metric, now);
  const name = t(`sla.metric.${metric.metric}`);
  const text = tone === 'fulfilled' ? t('sla.fulfilled') : tone === 'paused' ? t('sla.paused') : formatSpan(Date.parse(metric.dueAt) - now);
  return (
    <Tooltip
      title={
        <>
          {name} · {t(`sla.tone.${tone}`)}
          <br />
          {t('sla.dueAt', { at: dayjs(metric.dueAt).format('YYYY-MM-DD HH:mm') })}
          {metric.business ? ` · ${t('sla.businessTime')}` : ''}
        </>
      }
    >
      <Tag
        color={COLORS[tone]}
        icon={tone === 'paused' ? <PauseCircleOutlined /> : <ClockCircleOutlined />}
        data-testid={`sla-badge-${metric.metric}`}
        data-tone={tone}
        aria-label={`${name}: ${t(`sla.tone.${tone}`)} ${text}`}
      >
        {showName ? `${name} ` : ''}
        {text}
      </Tag>
    </Tooltip>
  );
}

/** The inbox cell and the ticket header: the headline metric with a live countdown. */
export function SlaBadge({ summary }: { summary: TicketSlaSummary | undefined }) {
  const now = useNow();
  if (!summary) return null;
  const m = headline(summary, now);
  if (!m) return null;
  return <MetricBadge metric={m} now={now} />;
}

export function SlaMetrics({ summary }: { summary: TicketSlaSummary }) {
  const now = useNow();
  return (
    <Space wrap size={4}>
      {summary.metrics.map((m) => (
        <MetricBadge key={`${m.metric}-${m.cycle}`} metric={m} now={now} showName />
      ))}
    </Space>
  );
}
