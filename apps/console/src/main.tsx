import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './console.css';
import { App } from './app';
import { createI18n } from './i18n';
import { type SignInOptions, loadConsoleConfig } from './session/console-config';
import { completeSignIn, isSignInAnswer } from './session/oidc-sign-in';
import { sessionOf, storeSession } from './session/session';

/** Reads config.json and, when the identity provider sent the user back here, finishes their sign-in first. */
async function signInOptions(): Promise<SignInOptions> {
  const { signIn: settings } = await loadConsoleConfig();
  if (!settings || !isSignInAnswer()) return { settings };
  try {
    storeSession(sessionOf(await completeSignIn(settings)));
    return { settings };
  } catch (error) {
    return { settings, failure: error instanceof Error ? error.message : String(error) };
  }
}

void signInOptions().then((signIn) =>
  createRoot(document.getElementById('root') as HTMLElement).render(
    <StrictMode>
      <App i18n={createI18n()} signIn={signIn} />
    </StrictMode>,
  ),
);
