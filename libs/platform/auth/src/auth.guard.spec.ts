import { Controller, Get, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Actor } from '@serviceledger/platform/core';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuthModule } from './auth.module';
import { CurrentActor } from './current-actor.decorator';
import { LocalKeyVerifier } from './local-key-verifier';
import { LocalSigningKey, issueLocalToken, loadOrCreateLocalKey } from './local-signing-key';
import { Public, RequirePermission } from './route-access';
import type { TokenVerifier } from './token-verifier';

@Controller('health')
@Public()
class HealthController {
  @Get('live')
  live() {
    return { status: 'up' };
  }
}

@Controller('demands')
@RequirePermission('demand:read')
class DemandsController {
  @Get()
  list(@CurrentActor() actor: Actor) {
    return { actor };
  }

  @Post()
  @RequirePermission('demand:register')
  register(@CurrentActor() actor: Actor) {
    return { registeredBy: actor.userId };
  }
}

@Controller('reports')
class UndeclaredController {
  @Get()
  everything() {
    return { secrets: true };
  }
}

async function appWith(verifier: TokenVerifier): Promise<NestFastifyApplication> {
  @Module({
    imports: [AuthModule.forRoot({ useFactory: () => verifier })],
    controllers: [HealthController, DemandsController, UndeclaredController],
  })
  class TestModule {}
  const app = await NestFactory.create<NestFastifyApplication>(TestModule, new FastifyAdapter(), { logger: false });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

const agent: Actor = { userId: 'alice', displayName: 'Alice', roles: ['agent'], departments: ['customer-service'] };
const technician: Actor = { userId: 'tom', roles: ['technician'], departments: ['system-maintenance'] };

describe('AuthGuard', () => {
  let dataDir: string;
  let key: LocalSigningKey;
  let app: NestFastifyApplication;
  const bearer = async (actor: Actor, ttl?: string) => ({ authorization: `Bearer ${await issueLocalToken(key, actor, ttl)}` });

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'auth-guard-'));
    key = await loadOrCreateLocalKey(dataDir);
    app = await appWith(new LocalKeyVerifier(key));
  });
  afterAll(async () => {
    await app.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('lets anyone reach a public route', async () => {
    const response = await app.inject({ method: 'GET', url: '/health/live' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'up' });
  });

  it('answers 401 without a token, and says how to authenticate', async () => {
    const response = await app.inject({ method: 'GET', url: '/demands' });
    expect(response.statusCode).toBe(401);
    expect(response.json().message).toBe(
      'Authentication failed (missing): no bearer token was sent; send "Authorization: Bearer <token>"',
    );
    expect(response.headers['www-authenticate']).toBe('Bearer realm="serviceledger"');
  });

  it('answers 401 to credentials of another scheme', async () => {
    const response = await app.inject({ method: 'GET', url: '/demands', headers: { authorization: 'Basic YWxpY2U6c2VjcmV0' } });
    expect(response.statusCode).toBe(401);
    expect(response.json().message).toContain('(missing)');
  });

  it('answers 401 naming the reason when the token is expired', async () => {
    const response = await app.inject({ method: 'GET', url: '/demands', headers: await bearer(agent, '-1m') });
    expect(response.statusCode).toBe(401);
    expect(response.json().message).toBe('Authentication failed (expired): the token has expired');
    expect(response.headers['www-authenticate']).toBe(
      'Bearer realm="serviceledger", error="invalid_token", error_description="expired"',
    );
  });

  it('answers 401 to a token that is not a JWT', async () => {
    const response = await app.inject({ method: 'GET', url: '/demands', headers: { authorization: 'Bearer abc' } });
    expect(response.statusCode).toBe(401);
    expect(response.json().message).toContain('(malformed)');
  });

  it('hands the principal to the handler when the permission is held', async () => {
    const response = await app.inject({ method: 'GET', url: '/demands', headers: await bearer(agent) });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ actor: agent });
  });

  it('lets a route override its controller’s permission', async () => {
    const allowed = await app.inject({ method: 'POST', url: '/demands', headers: await bearer(agent) });
    expect(allowed.statusCode).toBe(201);
    expect(allowed.json()).toEqual({ registeredBy: 'alice' });

    const refused = await app.inject({ method: 'POST', url: '/demands', headers: await bearer(technician) });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().message).toBe('Missing permission demand:register');
  });

  it('refuses a route that declares no permission, even to an administrator', async () => {
    const administrator: Actor = { userId: 'root', roles: ['administrator'], departments: [] };
    const response = await app.inject({ method: 'GET', url: '/reports', headers: await bearer(administrator) });
    expect(response.statusCode).toBe(403);
    expect(response.json().message).toBe('This route declares no required permission, so it is refused to everyone');
  });

  it('does not pass off an unreachable identity provider as bad credentials', async () => {
    const unreachable = await appWith({ verify: () => Promise.reject(new Error('JWKS endpoint unreachable')) });
    const response = await unreachable.inject({ method: 'GET', url: '/demands', headers: { authorization: 'Bearer x.y.z' } });
    await unreachable.close();
    expect(response.statusCode).toBe(500);
  });
});
