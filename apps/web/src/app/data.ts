import { useQuery } from '@tanstack/react-query';
import type { FieldDefinition, View } from '@kefu/contracts/tickets';
import type { Group, User } from '@kefu/contracts/users';
import { api } from './api';

// Reference data every screen needs (agents, groups, fields, views): cached for the session and
// refreshed when an admin changes them.

export function useUsers() {
  return useQuery({ queryKey: ['users'], queryFn: () => api.get<{ items: User[] }>('/users').then((r) => r.items), staleTime: 60_000 });
}

export function useGroups() {
  return useQuery({ queryKey: ['groups'], queryFn: () => api.get<{ items: Group[] }>('/groups').then((r) => r.items), staleTime: 60_000 });
}

export function useFields() {
  return useQuery({
    queryKey: ['ticket-fields'],
    queryFn: () => api.get<{ items: FieldDefinition[] }>('/ticket-fields').then((r) => r.items),
    staleTime: 60_000,
  });
}

export function useViews() {
  return useQuery({ queryKey: ['views'], queryFn: () => api.get<{ items: View[] }>('/views').then((r) => r.items) });
}

export function byId<T extends { id: string }>(items: readonly T[] | undefined): Map<string, T> {
  return new Map((items ?? []).map((x) => [x.id, x]));
}

export const STATUSES = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'] as const;
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export const TYPES = ['question', 'incident', 'problem', 'task', 'complaint'] as const;
export const CHANNELS = ['email', 'chat', 'portal', 'web', 'phone', 'wechat', 'api'] as const;

export const STATUS_COLORS: Record<string, string> = {
  new: 'gold',
  open: 'red',
  pending: 'blue',
  on_hold: 'default',
  solved: 'green',
  closed: 'default',
};
export const PRIORITY_COLORS: Record<string, string> = { low: 'default', normal: 'blue', high: 'orange', urgent: 'red' };
