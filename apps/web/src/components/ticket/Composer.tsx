import { forwardRef, useImperativeHandle, useRef, useState } from 'react';
import { App, Button, Dropdown, Mentions, Segmented, Space, Upload } from 'antd';
import type { UploadFile } from 'antd';
import { DownOutlined, PaperClipOutlined, SendOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Attachment, Message, Ticket } from '@kefu/contracts/tickets';
import { api } from '../../app/api';
import { useGroups, useUsers } from '../../app/data';
import { useShortcuts } from '../../app/shortcuts';
import { useErrorText } from '../States';

export interface ComposerHandle {
  focus(kind: 'public' | 'note'): void;
}

type Kind = 'public' | 'note';

/**
 * Reply / internal note. In notes, @ autocompletes agents and groups; the chosen names are sent as
 * @[Name](user:id) so the server notifies exactly those people.
 */
export const Composer = forwardRef<ComposerHandle, { ticket: Ticket; onSent: (t: Ticket) => void; onTyping: (typing: boolean) => void }>(
  function Composer({ ticket, onSent, onTyping }, ref) {
    const { t } = useTranslation();
    const { message } = App.useApp();
    const errorText = useErrorText();
    const users = useUsers();
    const groups = useGroups();
    const [kind, setKind] = useState<Kind>('public');
    const [text, setText] = useState('');
    const [files, setFiles] = useState<UploadFile<Attachment>[]>([]);
    const [busy, setBusy] = useState(false);
    const picked = useRef(new Map<string, string>());
    const typingTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
    const box = useRef<HTMLTextAreaElement | null>(null);

    useImperativeHandle(ref, () => ({
      focus(k) {
        setKind(k);
        setTimeout(() => (document.getElementById('kefu-composer') as HTMLTextAreaElement | null)?.focus(), 0);
      },
    }));

    const typing = () => {
      if (!typingTimer.current) onTyping(true);
      else clearTimeout(typingTimer.current);
      typingTimer.current = setTimeout(() => {
        typingTimer.current = null;
        onTyping(false);
      }, 4000);
    };

    const send = async (setStatus?: string) => {
      const raw = text.trim();
      if (!raw || busy) return;
      if (files.some((f) => f.status === 'uploading')) return void message.info(t('composer.uploading'));
      let body = raw;
      if (kind === 'note') {
        for (const [label, target] of picked.current) body = body.split(`@${label}`).join(`@[${label}](${target})`);
      }
      setBusy(true);
      try {
        const r = await api.post<{ message: Message; ticket: Ticket }>(`/tickets/${ticket.id}/messages`, {
          kind,
          body,
          attachmentIds: files.map((f) => f.response?.id).filter((x): x is string => !!x),
          ...(setStatus ? { setStatus } : {}),
        });
        setText('');
        setFiles([]);
        picked.current.clear();
        if (typingTimer.current) clearTimeout(typingTimer.current);
        typingTimer.current = null;
        onTyping(false);
        onSent(r.ticket);
      } catch (e) {
        void message.error(errorText(e));
      } finally {
        setBusy(false);
      }
    };

    useShortcuts({ 'mod+Enter': () => void send() });

    const mentionOptions = [
      ...(users.data ?? []).filter((u) => u.isActive).map((u) => ({ value: u.name, label: u.name, key: `user:${u.id}` })),
      ...(groups.data ?? []).map((g) => ({ value: g.name, label: `${g.name} (${t('ticket.group')})`, key: `group:${g.id}` })),
    ];
    const statusAfter = ['pending', 'on_hold', 'solved'] as const;

    return (
      <div data-testid="composer">
        <Space style={{ marginBottom: 8 }}>
          <Segmented<Kind>
            value={kind}
            onChange={setKind}
            aria-label={t('composer.kind')}
            options={[
              { value: 'public', label: t('composer.reply') },
              { value: 'note', label: t('composer.note') },
            ]}
          />
        </Space>
        <Mentions
          id="kefu-composer"
          ref={(r) => void (box.current = (r?.textarea as HTMLTextAreaElement | undefined) ?? null)}
          aria-label={kind === 'note' ? t('composer.notePlaceholder') : t('composer.replyPlaceholder')}
          rows={4}
          value={text}
          prefix={kind === 'note' ? ['@'] : []}
          options={kind === 'note' ? mentionOptions : []}
          onChange={(v) => {
            setText(v);
            typing();
          }}
          onSelect={(o) => {
            const opt = mentionOptions.find((x) => x.value === o.value);
            if (opt) picked.current.set(opt.value, opt.key);
          }}
          placeholder={kind === 'note' ? t('composer.notePlaceholder') : t('composer.replyPlaceholder')}
          style={{ background: kind === 'note' ? '#fffbe6' : undefined }}
        />
        <Space style={{ marginTop: 8, width: '100%', justifyContent: 'space-between' }}>
          <Upload<Attachment>
            fileList={files}
            onChange={(i) => setFiles(i.fileList)}
            customRequest={async ({ file, onSuccess, onError }) => {
              try {
                onSuccess?.(await api.upload<Attachment>('/attachments', file as File));
              } catch (e) {
                void message.error(errorText(e));
                onError?.(e as Error);
              }
            }}
          >
            <Button icon={<PaperClipOutlined />}>{t('composer.attach')}</Button>
          </Upload>
          <Space.Compact>
            <Button type="primary" loading={busy} icon={<SendOutlined />} onClick={() => void send()} data-testid="send">
              {kind === 'note' ? t('composer.addNote') : t('composer.send')}
            </Button>
            <Dropdown
              disabled={busy}
              menu={{
                items: statusAfter.map((s) => ({ key: s, label: t('composer.sendAnd', { status: t(`status.${s}`) }) })),
                onClick: (e) => void send(e.key),
              }}
            >
              <Button type="primary" icon={<DownOutlined />} aria-label={t('composer.sendAndMenu')} data-testid="send-and" />
            </Dropdown>
          </Space.Compact>
        </Space>
      </div>
    );
  },
);
