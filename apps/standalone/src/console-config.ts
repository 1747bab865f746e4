import type { PlatformConfig } from '@serviceledger/platform/nest';

/** What the web console reads from `config.json` beside its files: where to sign in, when not by a pasted token. */
export interface ConsoleConfig {
  signIn?: { authority: string; clientId: string; scope: string };
}

/** The console's configuration from the platform's: sign-in at OIDC_ISSUER with CONSOLE_OIDC_CLIENT_ID, when set. */
export function consoleConfigOf(config: Pick<PlatformConfig, 'OIDC_ISSUER' | 'CONSOLE_OIDC_CLIENT_ID' | 'CONSOLE_OIDC_SCOPE'>): ConsoleConfig {
  if (!config.CONSOLE_OIDC_CLIENT_ID) return {};
  return { signIn: { authority: config.OIDC_ISSUER, clientId: config.CONSOLE_OIDC_CLIENT_ID, scope: config.CONSOLE_OIDC_SCOPE } };
}

/** The origins the console's page fetches from besides its own: the identity provider's, to sign in. */
export function consoleConnectOrigins(console: ConsoleConfig): string[] {
  return console.signIn ? [new URL(console.signIn.authority).origin] : [];
}
