/** Where the console signs in at the organisation's identity provider (authorization code with PKCE). */
export interface SignInSettings {
  authority: string;
  clientId: string;
  scope: string;
}

/** How the user may sign in besides a pasted token, and why the last try at the identity provider failed. */
export interface SignInOptions {
  settings?: SignInSettings;
  failure?: string;
}

/**
 * The console's `config.json`, beside its files: the standalone app makes it from its configuration
 * (apps/standalone/src/console-config.ts); deployed alone, the operator writes it. Without one, or without
 * `signIn`, the console takes a pasted token.
 */
export interface ConsoleConfig {
  signIn?: SignInSettings;
}

export async function loadConsoleConfig(): Promise<ConsoleConfig> {
  try {
    const response = await fetch('config.json', { headers: { accept: 'application/json' } });
    if (!response.ok) return {};
    const config = (await response.json()) as ConsoleConfig;
    const signIn = config.signIn;
    return signIn && typeof signIn.authority === 'string' && typeof signIn.clientId === 'string' ? { signIn: { ...signIn, scope: signIn.scope || 'openid profile' } } : {};
  } catch {
    return {};
  }
}
