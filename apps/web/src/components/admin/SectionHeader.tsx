import type { ReactNode } from 'react';
import { Typography } from 'antd';

/** The heading row of an admin section: title, a line of help, and the section's main action. */
export function SectionHeader({ title, help, extra }: { title: string; help?: string; extra?: ReactNode }) {
  return (
    <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'flex-start', gap: 16, marginBottom: 12 }}>
      <div>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        {help && (
          <Typography.Text type="secondary" style={{ display: 'block', marginTop: 2 }}>
            {help}
          </Typography.Text>
        )}
      </div>
      {extra}
    </div>
  );
}
