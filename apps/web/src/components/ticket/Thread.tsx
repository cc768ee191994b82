import { Avatar, Space, Tag, Tooltip, Typography } from 'antd';
import { LockOutlined, PaperClipOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import type { Message } from '@kefu/contracts/tickets';
import { EmptyState } from '../States';

const MENTION = /@\[([^\]\n]{1,200})\]\((?:user|group):[0-9a-f-]{36}\)/gi;

/** Message text with @[Name](user:id) mentions shown as highlighted @Name. Text is never HTML. */
function Body({ text }: { text: string }) {
  const parts: React.ReactNode[] = [];
  let last = 0;
  for (const m of text.matchAll(MENTION)) {
    parts.push(text.slice(last, m.index));
    parts.push(
      <Typography.Text key={m.index} strong style={{ color: '#1677ff' }}>
        @{m[1]}
      </Typography.Text>,
    );
    last = (m.index ?? 0) + m[0].length;
  }
  parts.push(text.slice(last));
  return <div className="kefu-message-body">{parts}</div>;
}

export function Thread({ messages }: { messages: Message[] }) {
  const { t } = useTranslation();
  if (messages.length === 0) return <EmptyState text={t('thread.empty')} />;
  return (
    <div style={{ display: 'grid', gap: 12 }} data-testid="thread">
      {messages.map((m) => {
        const cls = m.kind === 'note' ? 'kefu-thread-note' : m.authorType === 'customer' ? 'kefu-thread-customer' : 'kefu-thread-public';
        const author = m.author?.name ?? t(`thread.author.${m.authorType}`);
        return (
          <article
            key={m.id}
            className={cls}
            style={{ borderRadius: 6, padding: 12 }}
            data-kind={m.kind}
            aria-label={`${author} ${t(`thread.kind.${m.kind}`)}`}
          >
            <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 6 }}>
              <Space>
                <Avatar size="small" style={{ background: m.authorType === 'customer' ? '#52c41a' : '#1677ff' }}>
                  {author.slice(0, 1).toUpperCase()}
                </Avatar>
                <Typography.Text strong>{author}</Typography.Text>
                {m.kind === 'note' ? (
                  <Tag icon={<LockOutlined />} color="gold">
                    {t('thread.kind.note')}
                  </Tag>
                ) : (
                  <Tag>{t(`channel.${m.channel}`, { defaultValue: m.channel })}</Tag>
                )}
                {m.deliveryStatus && m.deliveryStatus !== 'sent' && (
                  <Tag color={m.deliveryStatus === 'failed' ? 'red' : 'default'}>
                    {t(`thread.delivery.${m.deliveryStatus}`, { defaultValue: m.deliveryStatus })}
                  </Tag>
                )}
              </Space>
              <Tooltip title={dayjs(m.createdAt).format('YYYY-MM-DD HH:mm:ss')}>
                <Typography.Text type="secondary">{dayjs(m.createdAt).fromNow()}</Typography.Text>
              </Tooltip>
            </Space>
            <Body text={m.body} />
            {m.attachments.length > 0 && (
              <Space wrap style={{ marginTop: 8 }}>
                {m.attachments.map((a) => (
                  <a key={a.id} href={a.url} target="_blank" rel="noreferrer">
                    <PaperClipOutlined /> {a.filename} ({Math.ceil(a.size / 1024)} KB)
                  </a>
                ))}
              </Space>
            )}
          </article>
        );
      })}
    </div>
  );
}
