import { Body, Controller, Delete, Get, Module, NotFoundException, Param, Post, Version, VersioningType } from '@nestjs/common';
import { NestFactory, RouterModule } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AuthorizationCase,
  DUMMY_ID,
  authorizationMatrixCases,
  authorizationMatrixFailures,
  describeAuthorizationMatrix,
} from './authorization-matrix';
import { AuthModule, LocalKeyVerifier, LocalSigningKey, Public, ROLES, RequirePermission, Role, issueLocalToken, loadOrCreateLocalKey } from '@serviceledger/platform/auth';

@Controller('widgets')
class WidgetsController {
  @Get('status')
  @Public()
  status() {
    return { status: 'up' };
  }

  @Post()
  @RequirePermission('demand:register')
  register(@Body() body: unknown) {
    return { registered: body ?? null };
  }

  @Get(':id')
  @RequirePermission('demand:read')
  find(@Param('id') id: string) {
    throw new NotFoundException(`Widget ${id} was not found`);
  }

  @Delete(':id')
  purge() {
    return { purged: true };
  }
}

@Controller('gadgets')
class VersionedController {
  @Get()
  @Version('2')
  @RequirePermission('demand:read')
  list() {
    return [];
  }
}

interface WidgetAppOptions {
  withAuth: boolean;
  key: LocalSigningKey;
  prefix?: string;
  modulePath?: string;
  versioned?: boolean;
}

async function widgetApp(options: WidgetAppOptions) {
  @Module({ controllers: options.versioned ? [WidgetsController, VersionedController] : [WidgetsController] })
  class WidgetModule {}
  @Module({
    imports: [
      WidgetModule,
      ...(options.withAuth ? [AuthModule.forRoot({ useFactory: () => new LocalKeyVerifier(options.key) })] : []),
      ...(options.modulePath ? [RouterModule.register([{ path: options.modulePath, module: WidgetModule }])] : []),
    ],
  })
  class RootModule {}
  const app = await NestFactory.create<NestFastifyApplication>(RootModule, new FastifyAdapter(), { logger: false });
  if (options.prefix) app.setGlobalPrefix(options.prefix);
  if (options.versioned) app.enableVersioning({ type: VersioningType.URI });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

let dataDir: string;
let key: LocalSigningKey;
let app: NestFastifyApplication;

const tokenFor = (role: Role) =>
  issueLocalToken(key, {
    userId: `matrix-${role}`,
    roles: [role],
    departments: ['tech-support'],
    ...(role === 'customer' && { customerId: 'acme' }),
  });

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'auth-matrix-'));
  key = await loadOrCreateLocalKey(dataDir);
  app = await widgetApp({ withAuth: true, key });
});
afterAll(async () => {
  await app.close();
  await rm(dataDir, { recursive: true, force: true });
});

const allowedRoles = (cases: AuthorizationCase[], method: string, path: string) =>
  cases.filter((c) => c.method === method && c.path === path && c.expected === 'allowed').map((c) => c.role);

describe('authorizationMatrixCases', () => {
  it('crosses every role and the anonymous caller with every route', () => {
    const cases = authorizationMatrixCases(app);
    expect(cases).toHaveLength(4 * (ROLES.length + 1));
    expect(new Set(cases.map(({ method, path }) => `${method} ${path}`))).toEqual(
      new Set(['GET /widgets/status', 'POST /widgets', 'GET /widgets/:id', 'DELETE /widgets/:id']),
    );
  });

  it('derives each route’s outcome from the permission table', () => {
    const cases = authorizationMatrixCases(app);
    expect(allowedRoles(cases, 'GET', '/widgets/status')).toEqual([...ROLES, 'anonymous']);
    expect(allowedRoles(cases, 'POST', '/widgets')).toEqual(['customer', 'agent']);
    expect(allowedRoles(cases, 'GET', '/widgets/:id')).toEqual(
      ROLES.filter((role) => !['hr', 'resource-manager', 'risk-officer'].includes(role)),
    );
    expect(allowedRoles(cases, 'DELETE', '/widgets/:id')).toEqual([]);
    expect(cases).toContainEqual({ role: 'anonymous', method: 'POST', path: '/widgets', expected: 'unauthenticated' });
    expect(cases).toContainEqual({ role: 'administrator', method: 'DELETE', path: '/widgets/:id', expected: 'forbidden' });
  });

  it('places routes under the global prefix and their module’s RouterModule path', async () => {
    const prefixed = await widgetApp({ withAuth: true, key, prefix: 'api', modulePath: 'intake' });
    const paths = new Set(authorizationMatrixCases(prefixed).map(({ path }) => path));
    await prefixed.close();
    expect(paths).toEqual(new Set(['/api/intake/widgets/status', '/api/intake/widgets', '/api/intake/widgets/:id']));
  });

  it('fails loudly on a route it cannot place rather than leave it out of the matrix', async () => {
    const versioned = await widgetApp({ withAuth: true, key, versioned: true });
    const discover = () => authorizationMatrixCases(versioned);
    expect(discover).toThrow('VersionedController.list: GET /gadgets is not a route Fastify knows');
    await versioned.close();
  });
});

describe('authorizationMatrixFailures', () => {
  it('names every route where an app answers other than the table promises', async () => {
    const unguarded = await widgetApp({ withAuth: false, key });
    const failures = await authorizationMatrixFailures(unguarded, 'technician', tokenFor);
    await unguarded.close();
    expect(failures).toEqual([
      'POST /widgets: expected forbidden, got 201 {"registered":null}',
      'DELETE /widgets/:id: expected forbidden, got 200 {"purged":true}',
    ]);
  });

  it('calls routes with a dummy id for their parameters', async () => {
    const response = await app.inject({
      method: 'GET',
      url: `/widgets/${DUMMY_ID}`,
      headers: { authorization: `Bearer ${await tokenFor('analyst')}` },
    });
    expect(response.statusCode).toBe(404);
    expect(response.json().message).toBe(`Widget ${DUMMY_ID} was not found`);
  });
});

describeAuthorizationMatrix(() => app, tokenFor);
