import { UserManager, WebStorageStateStore } from 'oidc-client-ts';
import type { SignInSettings } from './console-config';

/**
 * Signing in at the identity provider with oidc-client-ts: a redirect there (authorization code with PKCE, a
 * public client) and back to the console's own address, where the code is exchanged for the access token the
 * API takes. The provider's state lives in the tab's sessionStorage, like the token.
 */
function userManager(settings: SignInSettings): UserManager {
  return new UserManager({
    authority: settings.authority,
    client_id: settings.clientId,
    scope: settings.scope,
    redirect_uri: `${window.location.origin}${window.location.pathname}`,
    response_type: 'code',
    loadUserInfo: false,
    automaticSilentRenew: false,
    monitorSession: false,
    stateStore: new WebStorageStateStore({ store: window.sessionStorage }),
    userStore: new WebStorageStateStore({ store: window.sessionStorage }),
  });
}

export function beginSignIn(settings: SignInSettings): Promise<void> {
  return userManager(settings).signinRedirect();
}

/** The console was opened by the provider's redirect back: the answer's `state`, with a `code` or an `error`. */
export function isSignInAnswer(search = window.location.search): boolean {
  const parameters = new URLSearchParams(search);
  return parameters.has('state') && (parameters.has('code') || parameters.has('error'));
}

/**
 * Exchanges the answer's code for the access token, and takes the answer off the address bar (a reload must
 * not replay a used code). A refusal or a failed exchange rejects with the provider's reason.
 */
export async function completeSignIn(settings: SignInSettings): Promise<string> {
  try {
    const user = await userManager(settings).signinRedirectCallback();
    return user.access_token;
  } finally {
    window.history.replaceState(null, '', `${window.location.pathname}${window.location.hash}`);
  }
}
