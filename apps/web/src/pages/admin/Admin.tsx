import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { Layout, Menu, Result, Typography } from 'antd';
import {
  AppstoreOutlined,
  CalendarOutlined,
  FieldTimeOutlined,
  FormOutlined,
  SettingOutlined,
  TagsOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { isAdmin, useMe } from '../../app/session';
import { UsersAdmin } from './Users';
import { GroupsAdmin } from './Groups';
import { FieldsAdmin } from './Fields';
import { TagsAdmin } from './Tags';
import { WorkspaceAdmin } from './Workspace';
import { CalendarsAdminPage } from '../sla/CalendarsAdmin';
import { SlaPoliciesAdminPage } from '../sla/SlaPoliciesAdmin';

const SECTIONS = [
  { key: 'users', icon: <UserOutlined />, element: <UsersAdmin /> },
  { key: 'groups', icon: <TeamOutlined />, element: <GroupsAdmin /> },
  { key: 'fields', icon: <FormOutlined />, element: <FieldsAdmin /> },
  { key: 'tags', icon: <TagsOutlined />, element: <TagsAdmin /> },
  { key: 'sla', icon: <FieldTimeOutlined />, element: <SlaPoliciesAdminPage /> },
  { key: 'calendars', icon: <CalendarOutlined />, element: <CalendarsAdminPage /> },
  { key: 'workspace', icon: <SettingOutlined />, element: <WorkspaceAdmin /> },
] as const;

/** /admin/*: workspace administration for owners and admins, one sub-route per section. */
export function AdminPage() {
  const { t } = useTranslation();
  const me = useMe();
  const nav = useNavigate();
  const location = useLocation();
  if (!isAdmin(me)) return <Result status="403" title="403" subTitle={t('admin.forbidden')} />;
  const section = location.pathname.split('/')[2] ?? 'users';

  return (
    <Layout style={{ height: 'calc(100vh - 48px)' }}>
      <Layout.Sider width={210} theme="light" style={{ borderRight: '1px solid #f0f0f0', overflow: 'auto' }}>
        <Typography.Title level={5} style={{ padding: '12px 16px 0' }}>
          <AppstoreOutlined /> {t('admin.title')}
        </Typography.Title>
        <Menu
          mode="inline"
          selectedKeys={[section]}
          aria-label={t('admin.menu')}
          style={{ border: 0 }}
          items={SECTIONS.map((s) => ({ key: s.key, icon: s.icon, label: t(`admin.${s.key}`) }))}
          onClick={(e) => nav(`/admin/${e.key}`)}
        />
      </Layout.Sider>
      <Layout.Content style={{ padding: 16, overflow: 'auto' }}>
        <Routes>
          <Route index element={<Navigate to="users" replace />} />
          {SECTIONS.map((s) => (
            <Route key={s.key} path={`${s.key}/*`} element={s.element} />
          ))}
          <Route path="*" element={<Result status="404" title={t('common.notFoundTitle')} subTitle={t('common.notFound')} />} />
        </Routes>
      </Layout.Content>
    </Layout>
  );
}
