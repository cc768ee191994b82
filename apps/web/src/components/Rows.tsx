import type { CSSProperties, ReactNode } from 'react';
import { Spin } from 'antd';
import { EmptyState } from './States';

/**
 * A plain list of rows (antd 6 deprecates its List): loading, empty text, and a divider between
 * rows. `onClick` makes rows buttons for the keyboard and screen readers too.
 */
export function Rows<T>({
  items,
  render,
  rowKey,
  loading,
  empty,
  onClick,
  selectedKey,
  style,
}: {
  items: readonly T[];
  render: (item: T) => ReactNode;
  rowKey: (item: T) => string;
  loading?: boolean;
  empty: string;
  onClick?: (item: T) => void;
  selectedKey?: string | null;
  style?: CSSProperties;
}) {
  if (loading) return <Spin description="" style={{ display: 'block', padding: 16 }} />;
  if (items.length === 0) return <EmptyState text={empty} />;
  return (
    <div style={style} role="list">
      {items.map((item) => {
        const key = rowKey(item);
        return (
          <div
            key={key}
            role={onClick ? 'button' : 'listitem'}
            tabIndex={onClick ? 0 : undefined}
            onClick={onClick ? () => onClick(item) : undefined}
            onKeyDown={onClick ? (e) => e.key === 'Enter' && onClick(item) : undefined}
            style={{
              padding: '8px 4px',
              borderBottom: '1px solid #f0f0f0',
              cursor: onClick ? 'pointer' : undefined,
              background: selectedKey === key ? '#e6f4ff' : undefined,
            }}
          >
            {render(item)}
          </div>
        );
      })}
    </div>
  );
}
