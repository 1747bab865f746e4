import type { Actor } from '@serviceledger/platform/core';
import type { JWTPayload } from 'jose';
import { AuthenticationError } from './authentication-error';
import { isRole } from './roles';

/**
 * Where each part of the principal is found in the token's claims. A dotted path reads a nested
 * claim, as identity providers put roles in different places (Keycloak: `realm_access.roles`).
 */
export interface ClaimMapping {
  userId: string;
  displayName: string;
  roles: string;
  departments: string;
  customerId: string;
}

/** The claims the embedded default issues, and the defaults for an OIDC provider. */
export const DEFAULT_CLAIM_MAPPING: ClaimMapping = {
  userId: 'sub',
  displayName: 'name',
  roles: 'roles',
  departments: 'departments',
  customerId: 'customer_id',
};

/** The default mapping with the given claims replaced; an override left undefined keeps the default. */
export function claimMappingWith(overrides: Partial<ClaimMapping> = {}): ClaimMapping {
  const given = Object.entries(overrides).filter(([, path]) => typeof path === 'string' && path !== '');
  return { ...DEFAULT_CLAIM_MAPPING, ...Object.fromEntries(given) };
}

export function actorFromClaims(claims: JWTPayload, mapping: ClaimMapping): Actor {
  const userId = readClaim(claims, mapping.userId);
  if (typeof userId !== 'string' || userId === '') throw new AuthenticationError('malformed');
  const displayName = readClaim(claims, mapping.displayName);
  const customerId = readClaim(claims, mapping.customerId);
  return {
    userId,
    ...(typeof displayName === 'string' && { displayName }),
    roles: stringsIn(readClaim(claims, mapping.roles)).filter(isRole),
    departments: stringsIn(readClaim(claims, mapping.departments)),
    ...(typeof customerId === 'string' && { customerId }),
  };
}

function readClaim(claims: JWTPayload, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((value, key) => (isObject(value) ? value[key] : undefined), claims);
}

/** Providers send a list claim as an array, or as a single string when it has one value. */
function stringsIn(value: unknown): string[] {
  const values = Array.isArray(value) ? value : [value];
  return [...new Set(values.filter((item): item is string => typeof item === 'string' && item !== ''))];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
