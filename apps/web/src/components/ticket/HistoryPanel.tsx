import { useQuery } from '@tanstack/react-query';
import { Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import type { TicketEvent } from '@kefu/contracts/tickets';
import { api } from '../../app/api';
import { ErrorState, Loading } from '../States';

function show(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (Array.isArray(v)) return v.join(', ') || '—';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** Every change on the ticket: who, when, which field, old → new. */
export function HistoryPanel({ ticketId }: { ticketId: string }) {
  const { t } = useTranslation();
  const events = useQuery({
    queryKey: ['events', ticketId],
    queryFn: () => api.get<{ items: TicketEvent[] }>(`/tickets/${ticketId}/events`).then((r) => r.items),
  });
  if (events.isPending) return <Loading />;
  if (events.isError) return <ErrorState error={events.error} onRetry={() => void events.refetch()} />;
  return (
    <Timeline
      data-testid="history"
      items={[...events.data].reverse().map((e) => ({
        key: e.id,
        content: (
          <div>
            <Typography.Text strong>
              {e.actor.name ?? t(`thread.author.${e.actor.type === 'user' ? 'agent' : e.actor.type}`, { defaultValue: e.actor.type })}
            </Typography.Text>{' '}
            {t(`events.${e.kind.replace(/\./g, '_')}`, { defaultValue: e.kind })}
            {e.field && (
              <>
                {' '}
                <Typography.Text code>{t(`fieldNames.${e.field}`, { defaultValue: e.field })}</Typography.Text> {show(e.oldValue)} →{' '}
                {show(e.newValue)}
              </>
            )}
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {dayjs(e.createdAt).format('YYYY-MM-DD HH:mm:ss')}
            </Typography.Text>
          </div>
        ),
      }))}
    />
  );
}
