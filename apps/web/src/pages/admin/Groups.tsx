import { useMemo, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Avatar, Button, Form, Input, Modal, Select, Table, Tooltip } from 'antd';
import type { TableProps } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import type { CreateGroupRequest, Group } from '@kefu/contracts/users';
import { ApiError, api } from '../../app/api';
import { byId, useGroups, useUsers } from '../../app/data';
import { SectionHeader } from '../../components/admin/SectionHeader';
import { ErrorState, useErrorText } from '../../components/States';

interface GroupForm {
  name: string;
  description?: string;
  memberIds?: string[];
}

/** Groups (teams): tickets are routed to a group, then to one of its members. */
export function GroupsAdmin() {
  const { t, i18n } = useTranslation();
  const groups = useGroups();
  const users = useUsers();
  const userMap = useMemo(() => byId(users.data), [users.data]);
  const [editing, setEditing] = useState<Group | 'new' | null>(null);

  const columns: TableProps<Group>['columns'] = [
    { title: t('groups.name'), dataIndex: 'name', key: 'name', width: 200, ellipsis: true },
    { title: t('groups.description'), dataIndex: 'description', key: 'description', ellipsis: true, render: (d: string) => d || '—' },
    {
      title: t('groups.members'),
      dataIndex: 'memberIds',
      key: 'members',
      width: 260,
      render: (ids: string[]) =>
        ids.length ? (
          <Avatar.Group max={{ count: 6 }} size="small">
            {ids.map((id) => {
              const name = userMap.get(id)?.name ?? '…';
              return (
                <Tooltip key={id} title={name}>
                  <Avatar size="small" style={{ background: '#1677ff' }} aria-label={name}>
                    {name.slice(0, 1).toUpperCase()}
                  </Avatar>
                </Tooltip>
              );
            })}
          </Avatar.Group>
        ) : (
          '—'
        ),
    },
    {
      title: t('customers.created'),
      dataIndex: 'createdAt',
      key: 'created',
      width: 110,
      render: (d: string) => dayjs(d).format('YYYY-MM-DD'),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 80,
      render: (_, g) => (
        <Button size="small" icon={<EditOutlined />} aria-label={t('groups.editNamed', { name: g.name })} onClick={() => setEditing(g)} />
      ),
    },
  ];

  return (
    <div>
      <SectionHeader
        title={t('admin.groups')}
        help={t('groups.help')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('groups.new')}
          </Button>
        }
      />
      {groups.isError ? (
        <ErrorState error={groups.error} onRetry={() => void groups.refetch()} />
      ) : (
        <Table<Group>
          key={i18n.language}
          size="small"
          rowKey="id"
          tableLayout="fixed"
          loading={groups.isPending}
          dataSource={groups.data ?? []}
          columns={columns}
          pagination={false}
          locale={{ emptyText: t('groups.empty') }}
          data-testid="groups-table"
        />
      )}
      <GroupModal group={editing} onClose={() => setEditing(null)} />
    </div>
  );
}

function GroupModal({ group, onClose }: { group: Group | 'new' | null; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const users = useUsers();
  const errorText = useErrorText();
  const [form] = Form.useForm<GroupForm>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const existing = group && group !== 'new' ? group : null;
  // Deactivated agents cannot join a group; ones already in it stay listed.
  const agents = (users.data ?? []).filter((u) => u.isActive || existing?.memberIds.includes(u.id));

  const close = () => {
    setError(null);
    onClose();
  };

  const submit = async (v: GroupForm) => {
    setBusy(true);
    setError(null);
    const memberIds = v.memberIds ?? [];
    const body: CreateGroupRequest = { name: v.name.trim(), description: v.description ?? '', memberIds };
    // Members are sent only when they changed: a deactivated member left in place stays a member.
    const same = existing && memberIds.length === existing.memberIds.length && memberIds.every((id) => existing.memberIds.includes(id));
    try {
      if (existing) await api.patch<Group>(`/groups/${existing.id}`, same ? { name: body.name, description: body.description } : body);
      else await api.post<Group>('/groups', body);
      await qc.invalidateQueries({ queryKey: ['groups'] });
      void qc.invalidateQueries({ queryKey: ['users'] });
      void message.success(existing ? t('common.saved') : t('groups.created', { name: body.name }));
      close();
    } catch (e) {
      const text = errorText(e);
      if (e instanceof ApiError && e.code === 'group_name_taken') form.setFields([{ name: 'name', errors: [text] }]);
      else setError(text);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={group !== null}
      title={existing ? t('groups.edit') : t('groups.new')}
      onCancel={close}
      onOk={() => form.submit()}
      okText={existing ? t('common.save') : t('common.create')}
      confirmLoading={busy}
      destroyOnHidden
    >
      {error && <Alert type="error" title={error} showIcon style={{ marginBottom: 12 }} />}
      <Form<GroupForm>
        form={form}
        layout="vertical"
        onFinish={submit}
        requiredMark={false}
        initialValues={
          existing ? { name: existing.name, description: existing.description, memberIds: existing.memberIds } : { memberIds: [] }
        }
      >
        <Form.Item name="name" label={t('groups.name')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
          <Input autoFocus maxLength={100} />
        </Form.Item>
        <Form.Item name="description" label={t('groups.description')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.Item name="memberIds" label={t('groups.members')}>
          <Select
            aria-label={t('groups.members')}
            mode="multiple"
            showSearch={{ optionFilterProp: 'label' }}
            loading={users.isPending}
            options={agents.map((u) => ({ value: u.id, label: u.isActive ? u.name : `${u.name} (${t('users.inactive')})` }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
