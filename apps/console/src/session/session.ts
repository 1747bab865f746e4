import { permissionsOf, type Permission } from './permissions';

/** Who the console acts for: the claims of their bearer token (the services' default claim names). */
export interface Session {
  token: string;
  userId: string;
  displayName?: string;
  roles: string[];
  departments: string[];
  customerId?: string;
  /** When the token expires, in epoch milliseconds. */
  expiresAt: number;
  permissions: ReadonlySet<Permission>;
}

const STORAGE_KEY = 'serviceledger.token';

export class InvalidTokenError extends Error {}

/**
 * Reads a token's claims without verifying them: the API verifies every request, and the console only uses
 * the claims to decide what to show. An expired or unreadable token is refused here, before any request.
 */
export function sessionOf(token: string, now = Date.now()): Session {
  const trimmed = token.trim().replace(/^Bearer\s+/i, '');
  const parts = trimmed.split('.');
  if (parts.length !== 3) throw new InvalidTokenError('not-a-jwt');
  let claims: Record<string, unknown>;
  try {
    claims = JSON.parse(decodeBase64Url(parts[1])) as Record<string, unknown>;
  } catch {
    throw new InvalidTokenError('not-a-jwt');
  }
  const expiresAt = typeof claims.exp === 'number' ? claims.exp * 1000 : 0;
  if (expiresAt <= now) throw new InvalidTokenError('expired');
  if (typeof claims.sub !== 'string') throw new InvalidTokenError('not-a-jwt');
  const roles = strings(claims.roles);
  return {
    token: trimmed,
    userId: claims.sub,
    ...(typeof claims.name === 'string' && { displayName: claims.name }),
    roles,
    departments: strings(claims.departments),
    ...(typeof claims.customer_id === 'string' && { customerId: claims.customer_id }),
    expiresAt,
    permissions: permissionsOf(roles),
  };
}

/** The token lives for the browser tab only: closing it signs out. */
export function storedSession(): Session | undefined {
  const token = sessionStorage.getItem(STORAGE_KEY);
  if (!token) return undefined;
  try {
    return sessionOf(token);
  } catch {
    sessionStorage.removeItem(STORAGE_KEY);
    return undefined;
  }
}

export function storeSession(session: Session | undefined): void {
  if (session) sessionStorage.setItem(STORAGE_KEY, session.token);
  else sessionStorage.removeItem(STORAGE_KEY);
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function decodeBase64Url(text: string): string {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(text.length / 4) * 4, '=');
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}
