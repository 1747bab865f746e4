import type { Actor } from '@serviceledger/platform/core';
import { decodeJwt } from 'jose';
import { parseArgs } from 'node:util';
import { authConfigFromEnv } from './auth-config';
import { issueLocalToken, localSigningKey } from './local-signing-key';
import { ROLES, isRole } from './roles';
import { exceedsMaxLifetime } from './token-lifetime';

const TOKEN_USAGE =
  'Usage: npm run token -- --user <id> --roles <role,...> [--departments <dept,...>] [--name <display name>] ' +
  '[--customer <customerId>] [--ttl 8h]';

/** A working day; shorter when the services accept no token that long (TOKEN_MAX_LIFETIME_SECONDS). */
const DEFAULT_TTL_SECONDS = 8 * 60 * 60;

/** `npm run token`: a token signed by the local key: AUTH_SIGNING_KEY's, else the one under DATA_DIR. */
export async function tokenCommand(args: string[], env: Readonly<Record<string, string | undefined>>): Promise<string> {
  const { values } = parseArgs({
    args,
    options: {
      user: { type: 'string' },
      roles: { type: 'string' },
      departments: { type: 'string' },
      name: { type: 'string' },
      customer: { type: 'string' },
      ttl: { type: 'string' },
    },
  });
  const config = authConfigFromEnv(env);
  if (config.mode !== 'local') {
    throw new Error('OIDC_ISSUER is set: the services accept only tokens from that identity provider');
  }
  if (!values.user) throw new Error(`--user is required\n${TOKEN_USAGE}`);
  const roles = list(values.roles);
  // The verifier ignores unknown roles, so a typo here would give a token that can do nothing.
  const unknown = roles.filter((role) => !isRole(role));
  if (roles.length === 0 || unknown.length > 0) {
    throw new Error(`--roles needs one or more of: ${ROLES.join(', ')}${unknown.length ? ` (unknown: ${unknown.join(', ')})` : ''}`);
  }
  if (roles.includes('customer') && !values.customer) {
    throw new Error('--roles customer needs --customer <customerId>: a customer sees only their own organisation');
  }
  const actor: Actor = {
    userId: values.user,
    roles,
    departments: list(values.departments),
    ...(values.name !== undefined && { displayName: values.name }),
    ...(values.customer !== undefined && { customerId: values.customer }),
  };
  const { maxLifetimeSeconds } = config.tokenLimits;
  const ttl = values.ttl ?? `${Math.min(DEFAULT_TTL_SECONDS, maxLifetimeSeconds)}s`;
  // Measured on the signed token, as the verifier measures it, so every time span jose reads is judged alike.
  const token = await issueLocalToken(await localSigningKey(config), actor, ttl);
  if (exceedsMaxLifetime(decodeJwt(token), config.tokenLimits)) {
    throw new Error(
      `--ttl ${ttl} is longer than the services accept: at most ${maxLifetimeSeconds} seconds (TOKEN_MAX_LIFETIME_SECONDS), e.g. --ttl ${maxLifetimeSeconds}s`,
    );
  }
  return token;
}

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}
