import type { ReactNode } from 'react';
import { Space, Tag, Tooltip } from 'antd';
import { MailOutlined, PhoneOutlined, UserOutlined, WechatOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Customer } from '@kefu/contracts/customers';

type Identity = Customer['identities'][number];

export const IDENTITY_ICONS: Record<Identity['kind'], ReactNode> = {
  email: <MailOutlined />,
  phone: <PhoneOutlined />,
  wechat: <WechatOutlined />,
  visitor: <UserOutlined />,
};

/** A customer's email addresses, phone numbers and WeChat ids as compact tags. */
export function IdentityTags({ identities, max = 3 }: { identities: readonly Identity[]; max?: number }) {
  const { t } = useTranslation();
  if (identities.length === 0) return <span>—</span>;
  const shown = identities.slice(0, max);
  return (
    <Space size={[0, 4]} wrap>
      {shown.map((i) => (
        <Tooltip key={i.id} title={t(`identity.${i.kind}`)}>
          <Tag icon={IDENTITY_ICONS[i.kind]} style={{ maxWidth: 240, overflow: 'hidden', textOverflow: 'ellipsis' }}>
            {i.value}
          </Tag>
        </Tooltip>
      ))}
      {identities.length > max && <Tag>+{identities.length - max}</Tag>}
    </Space>
  );
}
