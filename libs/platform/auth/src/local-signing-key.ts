import type { Actor } from '@serviceledger/platform/core';
import { JWK, KeyLike, SignJWT, calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK } from 'jose';
import { randomUUID } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { DEFAULT_CLAIM_MAPPING } from './claims';

/** The embedded default is its own issuer: one key pair kept under DATA_DIR. */
export const LOCAL_ISSUER = 'serviceledger-local';
export const LOCAL_AUDIENCE = 'serviceledger';
export const LOCAL_ALGORITHM = 'ES256';

export interface LocalSigningKey {
  kid: string;
  privateKey: KeyLike;
  publicJwk: JWK;
}

export function localKeyPath(dataDir: string): string {
  return join(dataDir, 'auth', 'signing-key.json');
}

/** Reads the local signing key, creating it on first use. */
export async function loadOrCreateLocalKey(dataDir: string): Promise<LocalSigningKey> {
  const path = localKeyPath(dataDir);
  return signingKeyOf((await readJwk(path)) ?? (await createJwk(path)), path);
}

/**
 * The key of a local installation: the one every process shares (`AUTH_SIGNING_KEY`, required as soon as
 * tokens must work across processes that do not share DATA_DIR, such as pods), else the one under DATA_DIR.
 */
export function localSigningKey(config: { dataDir: string; signingKey?: JWK }): Promise<LocalSigningKey> {
  return config.signingKey ? signingKeyOf(config.signingKey, 'AUTH_SIGNING_KEY') : loadOrCreateLocalKey(config.dataDir);
}

async function signingKeyOf(jwk: JWK, source: string): Promise<LocalSigningKey> {
  return {
    kid: requiredString(jwk.kid, source),
    privateKey: (await importJWK(jwk, LOCAL_ALGORITHM)) as KeyLike,
    publicJwk: { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y, kid: jwk.kid, alg: LOCAL_ALGORITHM, use: 'sig' },
  };
}

/** Signs a token for the principal, valid for `ttl` (a jose time span: '8h', '30m', '-1h' for an expired one). */
export async function issueLocalToken(key: LocalSigningKey, actor: Actor, ttl = '8h'): Promise<string> {
  const claims = DEFAULT_CLAIM_MAPPING;
  return new SignJWT({
    [claims.roles]: actor.roles,
    [claims.departments]: actor.departments,
    ...(actor.displayName !== undefined && { [claims.displayName]: actor.displayName }),
    ...(actor.customerId !== undefined && { [claims.customerId]: actor.customerId }),
  })
    .setProtectedHeader({ alg: LOCAL_ALGORITHM, kid: key.kid, typ: 'JWT' })
    .setIssuer(LOCAL_ISSUER)
    .setAudience(LOCAL_AUDIENCE)
    .setSubject(actor.userId)
    .setIssuedAt()
    .setExpirationTime(ttl)
    .sign(key.privateKey);
}

async function readJwk(path: string): Promise<JWK | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as JWK;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Writes the new key to a private temporary file and links it into place: the app and the token
 * command may start together, and neither may read half a key or overwrite the other's.
 */
async function createJwk(path: string): Promise<JWK> {
  const { privateKey } = await generateKeyPair(LOCAL_ALGORITHM, { extractable: true });
  const exported = await exportJWK(privateKey);
  const jwk: JWK = { ...exported, kid: await calculateJwkThumbprint(exported), alg: LOCAL_ALGORITHM, use: 'sig' };
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const temporary = `${path}.${randomUUID()}.tmp`;
  await writeFile(temporary, `${JSON.stringify(jwk, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  try {
    await link(temporary, path);
    return jwk;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return (await readJwk(path)) as JWK;
  } finally {
    await unlink(temporary);
  }
}

function requiredString(value: unknown, source: string): string {
  if (typeof value !== 'string' || value === '') throw new Error(`The signing key in ${source} has no key id`);
  return value;
}
