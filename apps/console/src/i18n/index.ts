import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { problemCodesEn } from './problem-codes/en';
import { problemCodesZhCN } from './problem-codes/zh-CN';
import { problemCodesZhTW } from './problem-codes/zh-TW';
import { zhCN } from './zh-CN';
import { zhTW } from './zh-TW';

/** The console's languages; Traditional Chinese is the default. */
export const LANGUAGES = [
  { code: 'zh-TW', label: '繁體中文' },
  { code: 'zh-CN', label: '简体中文' },
  { code: 'en', label: 'English' },
] as const;

export type Language = (typeof LANGUAGES)[number]['code'];

const STORAGE_KEY = 'serviceledger.language';

export function storedLanguage(): Language {
  const stored = localStorage.getItem(STORAGE_KEY);
  return LANGUAGES.find((language) => language.code === stored)?.code ?? 'zh-TW';
}

export function rememberLanguage(language: Language): void {
  localStorage.setItem(STORAGE_KEY, language);
}

export function createI18n(language: Language = storedLanguage()) {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    lng: language,
    fallbackLng: 'en',
    // A refusal's code has its sentence in its own namespace, apart from the screens' texts.
    resources: {
      'zh-TW': { translation: zhTW, problemCodes: problemCodesZhTW },
      'zh-CN': { translation: zhCN, problemCodes: problemCodesZhCN },
      en: { translation: en, problemCodes: problemCodesEn },
    },
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  return instance;
}
