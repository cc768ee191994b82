import { useMemo, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Popconfirm, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableProps } from 'antd';
import { StopOutlined, UndoOutlined, UserAddOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { canAssignRole, ROLES, type Role } from '@kefu/core/roles';
import type { User } from '@kefu/contracts/users';
import { api } from '../../app/api';
import { byId, useGroups, useUsers } from '../../app/data';
import { useMe } from '../../app/session';
import { SectionHeader } from '../../components/admin/SectionHeader';
import { InviteUserModal, PasswordOnceModal, type Invited } from '../../components/admin/InviteUserModal';
import { ErrorState, useErrorText } from '../../components/States';

/** Users & roles: who works in the workspace, their role, groups and whether they can sign in. */
export function UsersAdmin() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const qc = useQueryClient();
  const { message, modal } = App.useApp();
  const errorText = useErrorText();
  const users = useUsers();
  const groups = useGroups();
  const groupMap = useMemo(() => byId(groups.data), [groups.data]);
  const [inviting, setInviting] = useState(false);
  const [invited, setInvited] = useState<Invited | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const myRole = me.user.role as Role;
  const assignable = ROLES.filter((r) => canAssignRole(myRole, r));

  const patch = async (u: User, body: { role?: Role; isActive?: boolean }, done: string) => {
    setBusy(u.id);
    try {
      await api.patch<User>(`/users/${u.id}`, body);
      await qc.invalidateQueries({ queryKey: ['users'] });
      if (u.id === me.user.id) void qc.invalidateQueries({ queryKey: ['me'] });
      void message.success(done);
    } catch (e) {
      void message.error(errorText(e));
    } finally {
      setBusy(null);
    }
  };

  const changeRole = (u: User, role: Role) => {
    const apply = () => patch(u, { role }, t('users.roleChanged', { name: u.name, role: t(`roles.${role}`) }));
    // Lowering your own role can lock you out of this page: ask first.
    if (u.id === me.user.id)
      modal.confirm({
        title: t('users.ownRoleTitle'),
        content: t('users.ownRoleBody', { role: t(`roles.${role}`) }),
        okText: t('users.changeRole'),
        cancelText: t('common.cancel'),
        onOk: apply,
      });
    else void apply();
  };

  /** Owners are changed only by owners; nobody deactivates themselves. */
  const canManage = (u: User) => u.role !== 'owner' || myRole === 'owner';

  const columns: TableProps<User>['columns'] = [
    {
      title: t('users.name'),
      dataIndex: 'name',
      key: 'name',
      ellipsis: true,
      render: (name: string, u) => (
        <Space size={4}>
          <span>{name}</span>
          {u.id === me.user.id && <Tag color="blue">{t('users.you')}</Tag>}
        </Space>
      ),
    },
    { title: t('auth.email'), dataIndex: 'email', key: 'email', ellipsis: true },
    {
      title: t('users.role'),
      dataIndex: 'role',
      key: 'role',
      width: 150,
      render: (role: Role, u) =>
        canManage(u) && assignable.includes(role) ? (
          <Select<Role>
            size="small"
            aria-label={t('users.roleOf', { name: u.name })}
            value={role}
            style={{ width: 130 }}
            disabled={busy === u.id || !u.isActive}
            onChange={(r) => changeRole(u, r)}
            options={assignable.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
          />
        ) : (
          <Tag>{t(`roles.${role}`)}</Tag>
        ),
    },
    {
      title: t('users.status'),
      dataIndex: 'isActive',
      key: 'status',
      width: 100,
      render: (active: boolean) => (active ? <Tag color="green">{t('users.active')}</Tag> : <Tag>{t('users.inactive')}</Tag>),
    },
    {
      title: t('users.groups'),
      dataIndex: 'groupIds',
      key: 'groups',
      ellipsis: true,
      render: (ids: string[]) => (ids.length ? ids.map((id) => <Tag key={id}>{groupMap.get(id)?.name ?? '…'}</Tag>) : '—'),
    },
    {
      title: t('setup.language'),
      dataIndex: 'language',
      key: 'language',
      width: 90,
      render: (l: string | null) => (l === 'zh-CN' ? '中文' : l === 'en' ? 'English' : '—'),
    },
    {
      title: t('users.added'),
      dataIndex: 'createdAt',
      key: 'added',
      width: 110,
      render: (d: string) => <Tooltip title={dayjs(d).format('YYYY-MM-DD HH:mm')}>{dayjs(d).format('YYYY-MM-DD')}</Tooltip>,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 130,
      render: (_, u) => {
        if (u.id === me.user.id)
          return (
            <Tooltip title={t('users.notYourself')}>
              <Button size="small" icon={<StopOutlined />} disabled>
                {t('users.deactivate')}
              </Button>
            </Tooltip>
          );
        if (!canManage(u)) return null;
        return u.isActive ? (
          <Popconfirm
            title={t('users.deactivateTitle', { name: u.name })}
            description={t('users.deactivateBody')}
            okText={t('users.deactivate')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={() => patch(u, { isActive: false }, t('users.deactivated', { name: u.name }))}
          >
            <Button size="small" danger icon={<StopOutlined />} loading={busy === u.id}>
              {t('users.deactivate')}
            </Button>
          </Popconfirm>
        ) : (
          <Popconfirm
            title={t('users.reactivateTitle', { name: u.name })}
            okText={t('users.reactivate')}
            cancelText={t('common.cancel')}
            onConfirm={() => patch(u, { isActive: true }, t('users.reactivated', { name: u.name }))}
          >
            <Button size="small" icon={<UndoOutlined />} loading={busy === u.id}>
              {t('users.reactivate')}
            </Button>
          </Popconfirm>
        );
      },
    },
  ];

  return (
    <div>
      <SectionHeader
        title={t('admin.users')}
        help={t('users.help')}
        extra={
          <Button type="primary" icon={<UserAddOutlined />} onClick={() => setInviting(true)}>
            {t('users.invite')}
          </Button>
        }
      />
      {users.isError ? (
        <ErrorState error={users.error} onRetry={() => void users.refetch()} />
      ) : (
        <Table<User>
          key={i18n.language}
          size="small"
          rowKey="id"
          tableLayout="fixed"
          loading={users.isPending}
          dataSource={users.data ?? []}
          columns={columns}
          pagination={(users.data?.length ?? 0) > 100 ? { pageSize: 100, showSizeChanger: false } : false}
          locale={{ emptyText: t('users.empty') }}
          onRow={(u) => (u.isActive ? {} : { style: { color: '#8c8c8c' } })}
          data-testid="users-table"
        />
      )}
      <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
        {t('users.rolesHelp')}
      </Typography.Paragraph>
      <InviteUserModal
        open={inviting}
        assignable={assignable}
        onClose={(result) => {
          setInviting(false);
          if (result?.password) setInvited(result);
        }}
      />
      <PasswordOnceModal invited={invited} onClose={() => setInvited(null)} />
    </div>
  );
}
