import { type JWK, type KeyLike, SignJWT, exportJWK, generateKeyPair } from 'jose';
import { createHash, randomUUID } from 'node:crypto';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The person the provider signs in, with the claims the services and the console read. */
export interface ProviderUser {
  sub: string;
  name: string;
  roles: string[];
  departments: string[];
}

/**
 * A stand-in for the organisation's identity provider, as strict as a real one where the console's part is
 * concerned: discovery, the authorization endpoint (which signs `user` in at once, or refuses when told to),
 * the token endpoint (a public client: the PKCE verifier must match the challenge, a code is used once) and
 * the keys the services verify its access tokens with.
 */
export interface IdentityProvider {
  issuer: string;
  user: ProviderUser;
  /** The next sign-in answers `access_denied`, as when the user declines. */
  refuseNext(): void;
  /** Codes exchanged for tokens so far. */
  readonly exchanges: number;
  close(): Promise<void>;
}

interface PendingCode {
  challenge: string;
  redirectUri: string;
  clientId: string;
}

export async function startIdentityProvider(options: { clientId: string; audience: string; user: ProviderUser }): Promise<IdentityProvider> {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid: 'test-idp', alg: 'ES256', use: 'sig' };
  const codes = new Map<string, PendingCode>();
  let refuse = false;
  let exchanges = 0;
  let issuer = '';

  const server: Server = createServer((request, response) => {
    void answer(request, response).catch((error: unknown) => send(response, 500, { error: 'server_error', error_description: String(error) }));
  });
  const answer = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', issuer);
    if (request.method === 'OPTIONS') return send(response, 204);
    if (url.pathname === '/.well-known/openid-configuration') {
      return send(response, 200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['ES256'],
        code_challenge_methods_supported: ['S256'],
      });
    }
    if (url.pathname === '/jwks') return send(response, 200, { keys: [jwk] });
    if (url.pathname === '/authorize') return authorize(url, response);
    if (url.pathname === '/token' && request.method === 'POST') return token(new URLSearchParams(await body(request)), response);
    return send(response, 404, { error: 'not_found' });
  };

  const authorize = (url: URL, response: ServerResponse) => {
    const query = url.searchParams;
    const redirectUri = query.get('redirect_uri') ?? '';
    const back = new URL(redirectUri);
    back.searchParams.set('state', query.get('state') ?? '');
    if (query.get('client_id') !== options.clientId || query.get('response_type') !== 'code' || query.get('code_challenge_method') !== 'S256') {
      back.searchParams.set('error', 'invalid_request');
    } else if (refuse) {
      refuse = false;
      back.searchParams.set('error', 'access_denied');
    } else {
      const code = randomUUID();
      codes.set(code, { challenge: query.get('code_challenge') ?? '', redirectUri, clientId: options.clientId });
      back.searchParams.set('code', code);
    }
    response.writeHead(302, { location: back.toString() }).end();
  };

  const token = async (form: URLSearchParams, response: ServerResponse) => {
    const pending = codes.get(form.get('code') ?? '');
    codes.delete(form.get('code') ?? '');
    const verifier = form.get('code_verifier') ?? '';
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    if (form.get('grant_type') !== 'authorization_code' || !pending || pending.redirectUri !== form.get('redirect_uri') || pending.clientId !== form.get('client_id') || pending.challenge !== challenge) {
      return send(response, 400, { error: 'invalid_grant' });
    }
    exchanges += 1;
    const { sub, ...claims } = options.user;
    const sign = (payload: object, audience: string) =>
      new SignJWT({ ...payload }).setProtectedHeader({ alg: 'ES256', kid: jwk.kid }).setIssuer(issuer).setAudience(audience).setSubject(sub).setIssuedAt().setExpirationTime('1h').sign(privateKey as KeyLike);
    return send(response, 200, {
      access_token: await sign(claims, options.audience),
      id_token: await sign({ name: claims.name }, options.clientId),
      token_type: 'Bearer',
      expires_in: 3600,
      scope: 'openid profile',
    });
  };

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer,
    user: options.user,
    refuseNext: () => (refuse = true),
    get exchanges() {
      return exchanges;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A single-page app on another origin calls the discovery document and the token endpoint: CORS allows it, as real providers do for public clients. */
function send(response: ServerResponse, status: number, json?: object): void {
  const headers = { 'access-control-allow-origin': '*', 'access-control-allow-headers': 'content-type, authorization', 'access-control-allow-methods': 'GET, POST', 'cache-control': 'no-store' };
  if (json === undefined) response.writeHead(status, headers).end();
  else response.writeHead(status, { ...headers, 'content-type': 'application/json' }).end(JSON.stringify(json));
}

function body(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (text += chunk));
    request.on('end', () => resolve(text));
    request.on('error', reject);
  });
}
