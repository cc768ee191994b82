import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from '../locales/en.json';
import zhCN from '../locales/zh-CN.json';
import pagesEn from '../locales/pages.en.json';
import pagesZhCN from '../locales/pages.zh-CN.json';
import slaEn from '../locales/sla.en.json';
import slaZhCN from '../locales/sla.zh-CN.json';
import emailEn from '../locales/email.en.json';
import emailZhCN from '../locales/email.zh-CN.json';
import chatEn from '../locales/chat.en.json';
import chatZhCN from '../locales/chat.zh-CN.json';
import kbEn from '../locales/kb.en.json';
import kbZhCN from '../locales/kb.zh-CN.json';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Lang = (typeof LANGUAGES)[number];

/** Language follows the browser (zh → zh-CN, anything else → en) until the user picks one. */
export function browserLanguage(): Lang {
  const stored = localStorage.getItem('kefu.lang');
  if (stored === 'zh-CN' || stored === 'en') return stored;
  return (navigator.languages?.[0] ?? navigator.language ?? 'en').toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

type Tree = { [k: string]: string | Tree };
/** Locale files are split by area (shell and tickets; search, customers and admin; SLA admin); merged here. */
export function mergeLocales(...trees: Tree[]): Tree {
  const out: Tree = {};
  for (const tree of trees) {
    for (const [k, v] of Object.entries(tree)) {
      const cur = out[k];
      out[k] = typeof v === 'object' && typeof cur === 'object' ? mergeLocales(cur, v) : v;
    }
  }
  return out;
}

/** Keys that are missing in a locale are collected here; the browser tests fail when it is not empty. */
export const missingKeys = new Set<string>();
declare global {
  interface Window {
    __kefuMissingKeys?: Set<string>;
  }
}
window.__kefuMissingKeys = missingKeys;

void i18n.use(initReactI18next).init({
  resources: {
    en: { translation: mergeLocales(en, pagesEn, slaEn, emailEn, chatEn, kbEn) },
    'zh-CN': { translation: mergeLocales(zhCN, pagesZhCN, slaZhCN, emailZhCN, chatZhCN, kbZhCN) },
  },
  lng: browserLanguage(),
  fallbackLng: false,
  interpolation: { escapeValue: false },
  returnNull: false,
  saveMissing: true,
  missingKeyHandler: (lngs, _ns, key) => {
    for (const l of lngs) missingKeys.add(`${l}:${key}`);
  },
});

export function setLanguage(lang: Lang): void {
  localStorage.setItem('kefu.lang', lang);
  document.documentElement.lang = lang;
  void i18n.changeLanguage(lang);
}
document.documentElement.lang = i18n.language;

export default i18n;
