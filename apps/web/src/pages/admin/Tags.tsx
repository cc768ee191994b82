import { useEffect, useState } from 'react';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Modal, Popconfirm, Space, Table, Tag } from 'antd';
import type { TableProps } from 'antd';
import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TagChangeResult, TagCount, TagList } from '@kefu/contracts/tags';
import { ApiError, api } from '../../app/api';
import { SectionHeader } from '../../components/admin/SectionHeader';
import { ErrorState, useErrorText } from '../../components/States';

const TAG_PATTERN = /^[^\s,]{1,64}$/;

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setV(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return v;
}

/** Ticket tags with how many tickets use each; admins rename (or merge) and delete them everywhere at once. */
export function TagsAdmin() {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [filter, setFilter] = useState('');
  const q = useDebounced(filter.trim(), 250);
  const [renaming, setRenaming] = useState<TagCount | null>(null);
  const tags = useQuery({
    queryKey: ['tags', q],
    queryFn: () => api.get<TagList>('/tags', { q: q || undefined }).then((r) => r.items),
    placeholderData: keepPreviousData,
  });

  const remove = async (tag: TagCount) => {
    try {
      const r = await api.post<TagChangeResult>('/tags/delete', { tag: tag.tag });
      void message.success(t('tags.deleted', { tag: tag.tag, n: r.updated }));
    } catch (e) {
      void message.error(errorText(e));
    } finally {
      void qc.invalidateQueries({ queryKey: ['tags'] });
      void qc.invalidateQueries({ queryKey: ['tickets'] });
    }
  };

  const columns: TableProps<TagCount>['columns'] = [
    { title: t('tags.tag'), dataIndex: 'tag', key: 'tag', ellipsis: true, render: (tag: string) => <Tag color="blue">{tag}</Tag> },
    { title: t('tags.tickets'), dataIndex: 'count', key: 'count', width: 120, align: 'right' },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 110,
      render: (_, x) => (
        <Space size={4}>
          <Button size="small" icon={<EditOutlined />} aria-label={t('tags.renameNamed', { tag: x.tag })} onClick={() => setRenaming(x)} />
          <Popconfirm
            title={t('tags.deleteTitle', { tag: x.tag })}
            description={t('tags.deleteBody', { n: x.count })}
            okText={t('common.delete')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={() => remove(x)}
          >
            <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('tags.deleteNamed', { tag: x.tag })} />
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <div style={{ maxWidth: 760 }}>
      <SectionHeader title={t('admin.tags')} help={t('tags.help')} />
      <Input.Search
        aria-label={t('tags.search')}
        placeholder={t('tags.search')}
        allowClear
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
        style={{ width: 320, marginBottom: 12 }}
      />
      {tags.isError ? (
        <ErrorState error={tags.error} onRetry={() => void tags.refetch()} />
      ) : (
        <Table<TagCount>
          key={i18n.language}
          size="small"
          rowKey="tag"
          tableLayout="fixed"
          loading={tags.isPending || (tags.isFetching && tags.isPlaceholderData)}
          dataSource={tags.data ?? []}
          columns={columns}
          pagination={(tags.data?.length ?? 0) > 50 ? { pageSize: 50, showSizeChanger: false } : false}
          locale={{ emptyText: q ? t('common.noResults') : t('tags.empty') }}
          data-testid="tags-table"
        />
      )}
      <RenameTagModal tag={renaming} known={tags.data ?? []} onClose={() => setRenaming(null)} />
    </div>
  );
}

function RenameTagModal({ tag, known, onClose }: { tag: TagCount | null; known: readonly TagCount[]; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<{ to: string }>();
  const to = (Form.useWatch('to', form) ?? '').trim().toLowerCase();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const target = known.find((k) => k.tag === to && k.tag !== tag?.tag);

  const close = () => {
    setError(null);
    onClose();
  };

  const submit = async (v: { to: string }) => {
    if (!tag) return;
    setBusy(true);
    setError(null);
    try {
      const r = await api.post<TagChangeResult>('/tags/rename', { from: tag.tag, to: v.to.trim() });
      void message.success(t('tags.renamed', { from: tag.tag, to: v.to.trim().toLowerCase(), n: r.updated }));
      close();
    } catch (e) {
      const text = errorText(e);
      if (e instanceof ApiError && (e.code === 'tag_unchanged' || e.code === 'validation_failed'))
        form.setFields([{ name: 'to', errors: [text] }]);
      else setError(text);
    } finally {
      setBusy(false);
      void qc.invalidateQueries({ queryKey: ['tags'] });
      void qc.invalidateQueries({ queryKey: ['tickets'] });
    }
  };

  return (
    <Modal
      open={tag !== null}
      title={t('tags.renameTitle', { tag: tag?.tag ?? '' })}
      onCancel={close}
      onOk={() => form.submit()}
      okText={target ? t('tags.mergeSubmit') : t('tags.renameSubmit')}
      confirmLoading={busy}
      destroyOnHidden
    >
      {error && <Alert type="error" title={error} showIcon style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} initialValues={{ to: tag?.tag ?? '' }}>
        <Form.Item
          name="to"
          label={t('tags.newName')}
          extra={t('tags.renameHint', { n: tag?.count ?? 0 })}
          rules={[
            { required: true, message: t('validation.required') },
            { pattern: TAG_PATTERN, message: t('tags.invalid') },
          ]}
        >
          <Input autoFocus maxLength={64} autoComplete="off" />
        </Form.Item>
      </Form>
      {target && (
        <Alert type="warning" showIcon title={t('tags.mergeWarning', { from: tag?.tag ?? '', to: target.tag, n: target.count })} />
      )}
    </Modal>
  );
}
