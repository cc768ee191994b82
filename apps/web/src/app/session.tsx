import { createContext, useContext, useEffect, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { MeResponse } from '@kefu/contracts/users';
import { api, ApiError, setCsrfToken } from './api';
import { setLanguage, type Lang } from './i18n';
import { realtime } from './realtime';

export type Me = MeResponse;

const SessionContext = createContext<Me | null>(null);

/** The signed-in agent; only rendered inside RequireSession. */
export function useMe(): Me {
  const me = useContext(SessionContext);
  if (!me) throw new Error('useMe outside a session');
  return me;
}

export function useSessionQuery() {
  return useQuery({
    queryKey: ['me'],
    queryFn: async () => {
      try {
        const me = await api.get<Me>('/auth/me');
        setCsrfToken(me.csrfToken);
        return me;
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) return null;
        throw e;
      }
    },
    staleTime: 5 * 60_000,
    retry: false,
  });
}

export function SessionProvider({ me, children }: { me: Me; children: ReactNode }) {
  const qc = useQueryClient();
  useEffect(() => {
    const lang = me.user.language as Lang | null;
    if (lang === 'zh-CN' || lang === 'en') setLanguage(lang);
  }, [me.user.language]);
  useEffect(() => {
    realtime.onReconnect = () => void qc.invalidateQueries();
    realtime.start();
    // Reference data changes (a colleague invited, a group renamed) reach every open tab.
    const off = realtime.subscribe((m) => {
      if (m.type !== 'event') return;
      const kind = m.event.kind;
      if (kind.startsWith('user.')) void qc.invalidateQueries({ queryKey: ['users'] });
      else if (kind.startsWith('group.')) void qc.invalidateQueries({ queryKey: ['groups'] });
      else if (kind.startsWith('field.')) void qc.invalidateQueries({ queryKey: ['ticket-fields'] });
      else if (kind.startsWith('view.')) void qc.invalidateQueries({ queryKey: ['views'] });
    });
    return () => {
      off();
      realtime.stop();
    };
  }, [me.user.id, qc]);
  return <SessionContext.Provider value={me}>{children}</SessionContext.Provider>;
}

export function isAdmin(me: Me): boolean {
  return me.user.role === 'owner' || me.user.role === 'admin';
}
