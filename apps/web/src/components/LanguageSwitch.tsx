import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { setLanguage, type Lang } from '../app/i18n';

/** 中文 / EN. Without a session (setup, login) the choice is kept in this browser; the header passes onChange to save it on the user too. */
export function LanguageSwitch({ onChange }: { onChange?: (lang: Lang) => void }) {
  const { t, i18n } = useTranslation();
  return (
    <Segmented
      size="small"
      aria-label={t('nav.language')}
      value={i18n.language}
      options={[
        { label: '中文', value: 'zh-CN' },
        { label: 'EN', value: 'en' },
      ]}
      onChange={(v) => (onChange ? onChange(v as Lang) : setLanguage(v as Lang))}
    />
  );
}
