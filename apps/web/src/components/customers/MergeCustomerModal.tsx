import { useEffect, useState } from 'react';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Descriptions, Modal, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Customer } from '@kefu/contracts/customers';
import { api } from '../../app/api';
import { useErrorText } from '../States';
import { IdentityTags } from './IdentityTags';
import { customersQuery } from './customers.data';

function useDebouncedValue<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setV(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return v;
}

/**
 * Merges a duplicate (the source) into the customer on screen (the target): the source's
 * identities, tickets and tags move here and the source is retired. Cannot be undone.
 */
export function MergeCustomerModal({ target, open, onClose }: { target: Customer; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [search, setSearch] = useState('');
  const [source, setSource] = useState<Customer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const q = useDebouncedValue(search.trim(), 250);
  const found = useQuery({ ...customersQuery(q, null, undefined, 20), enabled: open && q.length > 0, placeholderData: keepPreviousData });
  const matches = (found.data?.items ?? []).filter((c) => c.id !== target.id);
  // The chosen one stays an option when a new search no longer finds it (its label is shown).
  const candidates = source && !matches.some((c) => c.id === source.id) ? [source, ...matches] : matches;

  const close = () => {
    setSearch('');
    setSource(null);
    setError(null);
    onClose();
  };

  const merge = async () => {
    if (!source) return;
    setBusy(true);
    setError(null);
    try {
      const next = await api.post<Customer>(`/customers/${target.id}/merge`, { sourceId: source.id });
      qc.setQueryData(['customer', target.id], next);
      void qc.invalidateQueries({ queryKey: ['customer', source.id] });
      void qc.invalidateQueries({ queryKey: ['customers'] });
      void qc.invalidateQueries({ queryKey: ['tickets'] });
      void message.success(t('customers.merged', { source: source.name, target: target.name }));
      close();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('customers.mergeTitle', { name: target.name })}
      onCancel={close}
      onOk={() => void merge()}
      okText={t('customers.mergeConfirm')}
      okButtonProps={{ danger: true, disabled: !source }}
      confirmLoading={busy}
      destroyOnHidden
      width={560}
    >
      <Typography.Paragraph type="secondary">{t('customers.mergeExplain', { name: target.name })}</Typography.Paragraph>
      {error && <Alert type="error" title={error} showIcon style={{ marginBottom: 12 }} />}
      <Select
        aria-label={t('customers.mergeFind')}
        placeholder={t('customers.mergeFind')}
        style={{ width: '100%' }}
        showSearch={{ filterOption: false, onSearch: setSearch, searchValue: search }}
        value={source?.id}
        loading={found.isFetching}
        notFoundContent={q ? t('common.noResults') : t('customers.mergeTypeToSearch')}
        onChange={(id: string) => setSource(candidates.find((c) => c.id === id) ?? null)}
        options={candidates.map((c) => ({
          value: c.id,
          label: `${c.name}${c.identities[0] ? ` · ${c.identities[0].value}` : ''}`,
        }))}
      />
      {source && (
        <>
          <Alert
            type="warning"
            showIcon
            style={{ marginTop: 16 }}
            title={t('customers.mergeWarning', { source: source.name, target: target.name })}
          />
          <Descriptions
            size="small"
            column={1}
            style={{ marginTop: 12 }}
            items={[
              { key: 'name', label: t('customers.name'), children: source.name },
              { key: 'ids', label: t('customers.identities'), children: <IdentityTags identities={source.identities} max={6} /> },
              { key: 'tags', label: t('ticket.tags'), children: source.tags.join(', ') || '—' },
            ]}
          />
        </>
      )}
    </Modal>
  );
}
