import { useCallback, useState } from 'react';
import { Button, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** Cursor paging as the API does it (nextCursor): a stack of the cursors that led to this page. */
export function useCursorPages() {
  const [stack, setStack] = useState<(string | null)[]>([null]);
  return {
    cursor: stack[stack.length - 1] ?? null,
    page: stack.length,
    next: useCallback((c: string | null | undefined) => c && setStack((s) => [...s, c]), []),
    previous: useCallback(() => setStack((s) => (s.length > 1 ? s.slice(0, -1) : s)), []),
    reset: useCallback(() => setStack([null]), []),
  };
}

export function CursorPager({
  pages,
  nextCursor,
  size,
}: {
  pages: ReturnType<typeof useCursorPages>;
  nextCursor: string | null | undefined;
  size?: 'small';
}) {
  const { t } = useTranslation();
  return (
    <Space style={{ marginTop: 12, justifyContent: 'flex-end', width: '100%' }}>
      <Typography.Text type="secondary">{t('inbox.page', { page: pages.page })}</Typography.Text>
      <Button size={size} disabled={pages.page <= 1} onClick={pages.previous}>
        {t('common.previous')}
      </Button>
      <Button size={size} disabled={!nextCursor} onClick={() => pages.next(nextCursor)}>
        {t('common.next')}
      </Button>
    </Space>
  );
}
