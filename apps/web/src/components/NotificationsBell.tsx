import { useNavigate } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Dropdown, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import type { Notification } from '@kefu/contracts/tickets';
import { api } from '../app/api';
import { useRealtime } from '../app/realtime';

export function NotificationsBell() {
  const { t } = useTranslation();
  const nav = useNavigate();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['notifications'], queryFn: () => api.get<{ items: Notification[] }>('/notifications', { limit: 20 }) });
  useRealtime((m) => {
    if (m.type === 'event' && m.event.kind.startsWith('message.')) void qc.invalidateQueries({ queryKey: ['notifications'] });
  });
  const items = q.data?.items ?? [];
  const unread = items.filter((n) => !n.readAt).length;
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: items.length
          ? items.map((n) => ({
              key: n.id,
              label: (
                <div style={{ maxWidth: 360, fontWeight: n.readAt ? 'normal' : 600 }}>
                  {t(`notifications.${n.kind}`, { actor: n.actor?.name ?? '', defaultValue: n.kind })} · #{n.ticketNumber} {n.ticketSubject}
                  <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                    {dayjs(n.createdAt).fromNow()}
                  </Typography.Text>
                </div>
              ),
            }))
          : [{ key: 'none', label: t('notifications.none'), disabled: true }],
        onClick: async (e) => {
          const n = items.find((x) => x.id === e.key);
          if (!n) return;
          await api.post(`/notifications/${n.id}/read`).catch(() => undefined);
          void qc.invalidateQueries({ queryKey: ['notifications'] });
          if (n.ticketNumber) nav(`/tickets/${n.ticketNumber}`);
        },
      }}
    >
      <Button type="text" aria-label={t('notifications.title')}>
        <Badge count={unread} size="small">
          <BellOutlined style={{ color: '#fff', fontSize: 16 }} />
        </Badge>
      </Button>
    </Dropdown>
  );
}
