import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { createI18n } from './i18n';

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <App i18n={createI18n()} />
  </StrictMode>,
);
