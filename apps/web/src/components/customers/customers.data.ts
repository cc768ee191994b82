import { useQuery } from '@tanstack/react-query';
import type { Customer, Organization } from '@kefu/contracts/customers';
import { api } from '../../app/api';

// Server state of the customers screens: one query key per resource, shared with the ticket
// page's customer panel (['customer', id]).

export interface CustomerPage {
  items: Customer[];
  nextCursor: string | null;
}

export function useOrganizations() {
  return useQuery({
    queryKey: ['organizations'],
    queryFn: () => api.get<{ items: Organization[] }>('/organizations').then((r) => r.items),
    staleTime: 60_000,
  });
}

export function useCustomer(id: string | undefined) {
  return useQuery({ queryKey: ['customer', id], queryFn: () => api.get<Customer>(`/customers/${id}`), enabled: !!id });
}

/** A page of customers matching `q` (name, email or phone), newest first. */
export function customersQuery(q: string, cursor: string | null, organizationId?: string, limit = 25) {
  return {
    queryKey: ['customers', q, organizationId ?? null, cursor, limit],
    queryFn: () => api.get<CustomerPage>('/customers', { q: q || undefined, organizationId, cursor, limit }),
  };
}

/** Tags are stored without spaces or commas: typing either starts a new tag. */
export const TAG_SEPARATORS = [',', ' ', '，'];
export const LANGUAGE_OPTIONS = [
  { value: 'zh-CN', label: '简体中文' },
  { value: 'en', label: 'English' },
];

export const TAG_PATTERN = /^[^\s,]{1,64}$/;
/** The form rule for a tag list: the server's pattern, checked before sending. */
export function tagsRule(message: string) {
  return {
    validator: (_: unknown, v: string[] | undefined) =>
      !v || v.every((x) => TAG_PATTERN.test(x)) ? Promise.resolve() : Promise.reject(new Error(message)),
  };
}
