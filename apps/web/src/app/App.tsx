import { useEffect } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, Result, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import relativeTime from 'dayjs/plugin/relativeTime';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from './api';
import { SessionProvider, useSessionQuery } from './session';
import { Shell } from '../components/Shell';
import { ErrorState } from '../components/States';
import { SetupPage } from '../pages/Setup';
import { LoginPage } from '../pages/Login';
import { InboxPage } from '../pages/Inbox';
import { TicketPage } from '../pages/Ticket';
import { SearchPage } from '../pages/Search';
import { CustomersPage, CustomerPage } from '../pages/Customers';
import { AccountPage } from '../pages/Account';
import { AdminPage } from '../pages/admin/Admin';

dayjs.extend(relativeTime);

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      retry: (count, e) => !(e instanceof ApiError && e.status >= 400 && e.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});

function Gate() {
  const { t } = useTranslation();
  const location = useLocation();
  const setup = useQuery({ queryKey: ['setup'], queryFn: () => api.get<{ needed: boolean }>('/setup'), staleTime: Infinity });
  const session = useSessionQuery();
  if (setup.isPending || session.isPending) return <Spin fullscreen description={t('common.loading')} />;
  if (setup.isError) return <ErrorState error={setup.error} onRetry={() => void setup.refetch()} />;
  if (session.isError) return <ErrorState error={session.error} onRetry={() => void session.refetch()} />;
  if (setup.data.needed) {
    return (
      <Routes>
        <Route path="/setup" element={<SetupPage />} />
        <Route path="*" element={<Navigate to="/setup" replace />} />
      </Routes>
    );
  }
  const me = session.data;
  if (!me) {
    return (
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route path="*" element={<Navigate to="/login" replace state={{ from: location.pathname }} />} />
      </Routes>
    );
  }
  return (
    <SessionProvider me={me}>
      <Routes>
        <Route element={<Shell />}>
          <Route path="/" element={<Navigate to="/inbox" replace />} />
          <Route path="/inbox" element={<InboxPage />} />
          <Route path="/inbox/:view" element={<InboxPage />} />
          <Route path="/tickets/:number" element={<TicketPage />} />
          <Route path="/search" element={<SearchPage />} />
          <Route path="/customers" element={<CustomersPage />} />
          <Route path="/customers/:id" element={<CustomerPage />} />
          <Route path="/account" element={<AccountPage />} />
          <Route path="/admin/*" element={<AdminPage />} />
          <Route path="/login" element={<Navigate to="/inbox" replace />} />
          <Route path="/setup" element={<Navigate to="/inbox" replace />} />
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </SessionProvider>
  );
}

function NotFound() {
  const { t } = useTranslation();
  return <Result status="404" title={t('common.notFoundTitle')} subTitle={t('common.notFound')} />;
}

export function App() {
  const { i18n } = useTranslation();
  const zh = i18n.language === 'zh-CN';
  useEffect(() => {
    dayjs.locale(zh ? 'zh-cn' : 'en');
  }, [zh]);
  return (
    <ConfigProvider locale={zh ? zhCN : enUS} theme={{ token: { borderRadius: 4 }, components: { Table: { cellPaddingBlockSM: 6 } } }}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            <Gate />
          </BrowserRouter>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
