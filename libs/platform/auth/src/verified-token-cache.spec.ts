import type { Actor } from '@serviceledger/platform/core';
import { UnsecuredJWT } from 'jose';
import { AuthenticationError } from './authentication-error';
import { TokenVerifier } from './token-verifier';
import { VerifiedTokenCache } from './verified-token-cache';

const alice: Actor = { userId: 'alice', roles: ['agent'], departments: ['customer-service'] };
const start = Date.UTC(2026, 11, 7, 9, 0, 0);

/** A token's times are all the cache reads of it; the stand-in verifier decides whether it is good. */
const tokenFor = (issuedAt: number, expiresAt: number, who = 'alice') =>
  new UnsecuredJWT({ sub: who }).setIssuedAt(issuedAt / 1000).setExpirationTime(expiresAt / 1000).encode();

function setUp() {
  let now = start;
  const refused = new Set<string>();
  const inner = { verify: jest.fn(async (token: string) => {
    if (refused.has(token)) throw new AuthenticationError('bad-signature');
    return { ...alice, roles: [...alice.roles], departments: [...alice.departments] };
  }) } satisfies TokenVerifier;
  const cache = new VerifiedTokenCache(inner, () => now);
  return { cache, inner, refused, advance: (ms: number) => (now += ms) };
}

describe('VerifiedTokenCache', () => {
  it('checks a token once, and answers the same principal to the requests that repeat it', async () => {
    const { cache, inner } = setUp();
    const token = tokenFor(start, start + 3600_000);
    expect(await cache.verify(token)).toEqual(alice);
    expect(await cache.verify(token)).toEqual(alice);
    expect(inner.verify).toHaveBeenCalledTimes(1);
  });

  it('checks it again after a minute, and refuses it then if the issuer has withdrawn its key', async () => {
    const { cache, inner, refused, advance } = setUp();
    const token = tokenFor(start, start + 3600_000);
    await cache.verify(token);
    advance(59_000);
    await cache.verify(token);
    expect(inner.verify).toHaveBeenCalledTimes(1);
    advance(2_000);
    refused.add(token);
    await expect(cache.verify(token)).rejects.toBeInstanceOf(AuthenticationError);
    expect(inner.verify).toHaveBeenCalledTimes(2);
  });

  it('never takes a token past its expiry on trust', async () => {
    const { cache, inner, refused, advance } = setUp();
    const token = tokenFor(start, start + 10_000);
    await cache.verify(token);
    advance(10_000);
    refused.add(token);
    await expect(cache.verify(token)).rejects.toBeInstanceOf(AuthenticationError);
    expect(inner.verify).toHaveBeenCalledTimes(2);
  });

  it('remembers no refusal: a refused token is checked each time', async () => {
    const { cache, inner, refused } = setUp();
    const token = tokenFor(start, start + 3600_000);
    refused.add(token);
    await expect(cache.verify(token)).rejects.toBeInstanceOf(AuthenticationError);
    await expect(cache.verify(token)).rejects.toBeInstanceOf(AuthenticationError);
    expect(inner.verify).toHaveBeenCalledTimes(2);
  });

  it('gives each caller its own principal: one that changes its roles changes no other request', async () => {
    const { cache } = setUp();
    const token = tokenFor(start, start + 3600_000);
    (await cache.verify(token)).roles.push('administrator');
    expect((await cache.verify(token)).roles).toEqual(['agent']);
  });
});
