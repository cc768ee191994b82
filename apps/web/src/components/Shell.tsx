import { useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { Avatar, Button, Dropdown, Input, Layout, Menu, Modal, Space, Table, Typography } from 'antd';
import { CustomerServiceOutlined, LogoutOutlined, QuestionCircleOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api } from '../app/api';
import { setLanguage, type Lang } from '../app/i18n';
import { isAdmin, useMe } from '../app/session';
import { SHORTCUTS, useShortcuts } from '../app/shortcuts';
import { NotificationsBell } from './NotificationsBell';
import { LanguageSwitch } from './LanguageSwitch';

export function Shell() {
  const { t } = useTranslation();
  const me = useMe();
  const nav = useNavigate();
  const location = useLocation();
  const qc = useQueryClient();
  const [help, setHelp] = useState(false);
  const [q, setQ] = useState('');
  const section = location.pathname.split('/')[1] ?? 'inbox';

  useShortcuts({
    '?': () => setHelp(true),
    '/': () => document.getElementById('kefu-global-search')?.focus(),
  });

  const switchLanguage = (lang: Lang) => {
    setLanguage(lang);
    // Saved per user, so the next sign-in (on any machine) opens in the same language.
    void api.patch(`/users/${me.user.id}`, { language: lang }).then(() => qc.invalidateQueries({ queryKey: ['me'] }));
  };

  const logout = async () => {
    await api.post('/auth/logout').catch(() => undefined);
    qc.clear();
    window.location.assign('/login');
  };

  const items = [
    { key: 'inbox', label: t('nav.inbox') },
    { key: 'search', label: t('nav.search') },
    { key: 'customers', label: t('nav.customers') },
    ...(isAdmin(me) ? [{ key: 'admin', label: t('nav.admin') }] : []),
  ];

  return (
    <Layout style={{ height: '100%' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 16, padding: '0 16px', height: 48, lineHeight: '48px' }}>
        <Typography.Text strong style={{ color: '#fff', fontSize: 16, whiteSpace: 'nowrap' }}>
          <CustomerServiceOutlined /> {t('app.name')}
        </Typography.Text>
        <Menu
          theme="dark"
          mode="horizontal"
          selectedKeys={[section]}
          items={items}
          onClick={(e) => nav(`/${e.key}`)}
          style={{ flex: 1, minWidth: 0, lineHeight: '48px' }}
          aria-label={t('nav.main')}
        />
        <Input.Search
          id="kefu-global-search"
          aria-label={t('nav.searchPlaceholder')}
          placeholder={t('nav.searchPlaceholder')}
          value={q}
          onChange={(e) => setQ(e.target.value)}
          onSearch={(v) => v.trim() && nav(`/search?q=${encodeURIComponent(v.trim())}`)}
          style={{ width: 260, marginTop: 8 }}
          size="middle"
        />
        <Space size="middle">
          <LanguageSwitch onChange={switchLanguage} />
          <NotificationsBell />
          <Button
            type="text"
            aria-label={t('shortcuts.title')}
            icon={<QuestionCircleOutlined style={{ color: '#fff' }} />}
            onClick={() => setHelp(true)}
          />
          <Dropdown
            menu={{
              items: [
                { key: 'account', icon: <UserOutlined />, label: t('nav.account') },
                { key: 'logout', icon: <LogoutOutlined />, label: t('auth.logout') },
              ],
              onClick: (e) => (e.key === 'logout' ? void logout() : nav('/account')),
            }}
          >
            <Button type="text" aria-label={t('nav.userMenu')} style={{ color: '#fff' }}>
              <Avatar size="small" style={{ background: '#1677ff' }}>
                {me.user.name.slice(0, 1).toUpperCase()}
              </Avatar>{' '}
              {me.user.name}
            </Button>
          </Dropdown>
        </Space>
      </Layout.Header>
      <Layout.Content style={{ overflow: 'auto', background: '#f5f5f5' }}>
        <Outlet />
      </Layout.Content>
      <Modal open={help} onCancel={() => setHelp(false)} footer={null} title={t('shortcuts.title')}>
        <Table
          size="small"
          pagination={false}
          rowKey="keys"
          dataSource={SHORTCUTS.map((s) => ({ keys: s.keys, label: t(s.label) }))}
          columns={[
            { title: t('shortcuts.key'), dataIndex: 'keys', render: (k: string) => <Typography.Text keyboard>{k}</Typography.Text> },
            { title: t('shortcuts.action'), dataIndex: 'label' },
          ]}
        />
      </Modal>
    </Layout>
  );
}
