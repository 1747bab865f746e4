// The servers the HTTP measurements drive: the sample-notes service in the platform shell on the embedded default
// (SQLite event store, SQLite read models), a bare Fastify server that only returns JSON, and Nest on Fastify with
// the platform's validation and nothing else (the framework's floor for a registration).
import { Body, Controller, HttpCode, Module, Post, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import fastify from 'fastify';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { issueLocalToken, loadOrCreateLocalKey } from '@serviceledger/platform/auth';
import { PlatformModule, ServiceDefinition, createPlatformApp, loadPlatformConfig, platformValidationPipe } from '@serviceledger/platform/nest';
import { RegisterDemandDto } from '@serviceledger/intake/service';
// The platform's own sample service (libs/platform/nest/src/testing), driven here over real HTTP.
// eslint-disable-next-line no-restricted-imports -- the bench measures the platform's sample service, not production code
import { SampleNotesModule, sampleService } from '../libs/platform/nest/src/testing/sample-notes';

export interface RunningServer {
  baseUrl: string;
  token: string;
  /** The Nest application, for a measurement that prepares data through its providers. */
  app?: Awaited<ReturnType<typeof createPlatformApp>>;
  close(): Promise<void>;
}

/**
 * The platform shell as apps/standalone builds it, by default with the sample service and the default configuration
 * (SQLite event store, all roles), on a data directory of its own (events.db, read-models.db, the signing key) that
 * `close` removes. `env` overrides the configuration (another store, fewer roles).
 */
export async function startPlatformServer(
  options: { services?: ServiceDefinition[]; modules?: Type<unknown>[]; env?: Record<string, string> } = {},
): Promise<RunningServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sl-bench-http-'));
  const remove = () => rmSync(dataDir, { recursive: true, force: true });
  // The bench drives thousands of commands a second as one user: the per-user write limit would refuse them.
  const env = { RATE_LIMIT_WRITES: '0', ...options.env, DATA_DIR: dataDir };
  const config = loadPlatformConfig(env);

  @Module({
    imports: [
      PlatformModule.forRoot({ config, services: options.services ?? [sampleService], env }),
      ...(options.modules ?? [SampleNotesModule]),
    ],
  })
  class BenchRootModule {}

  // Quiet start-up logs (bootstrap.ts logs only errors under NODE_ENV=test).
  const previous = process.env.NODE_ENV;
  process.env.NODE_ENV = 'test';
  let app: Awaited<ReturnType<typeof createPlatformApp>>;
  try {
    app = await createPlatformApp(BenchRootModule, 'ServiceLedger bench', config);
  } catch (error) {
    remove();
    throw error;
  } finally {
    if (previous === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = previous;
  }
  const close = async () => {
    try {
      await app.close();
    } finally {
      remove();
    }
  };
  try {
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as AddressInfo;
    const key = await loadOrCreateLocalKey(dataDir);
    const token = await issueLocalToken(key, { userId: 'bench-agent', roles: ['agent'], departments: [] });
    return { baseUrl: `http://127.0.0.1:${port}`, token, app, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** A demand row as the list and the detail answer it, for the bare server's answers to be about the same size. */
const bareDemand = (demandId: string) => ({
  demandId,
  reference: 'SL-2026-000001',
  customerId: '7b7f6a56-3f8e-4a8f-9d55-0f9f2a3d6b11',
  channel: 'phone',
  kind: 'enquiry',
  subject: '打印機無法連線',
  businessCategory: 'technical-support',
  priority: 'P3',
  status: 'registered',
  departmentId: 'tech-support',
  registeredAt: '2026-12-07T08:00:00.000Z',
});

/**
 * The same routes (the sample notes, and intake's demand registration, list and detail), doing nothing but
 * returning JSON. The client sends the same token; nobody checks it.
 */
export async function startBareServer(): Promise<RunningServer> {
  const app = fastify({ logger: false });
  const page = { items: Array.from({ length: 20 }, (_, i) => bareDemand(`00000000-0000-4000-8000-${String(i).padStart(12, '0')}`)), pageSize: 20 };
  app.post('/intake/demands', async (_request, reply) => {
    void reply.code(201);
    return { id: randomUUID(), reference: 'SL-2026-000001', checkpoint: '1' };
  });
  app.get<{ Params: { id: string } }>('/intake/demands/:id', async (request) => ({ ...bareDemand(request.params.id), timeline: [] }));
  app.get('/intake/demands', async () => page);
  app.post<{ Params: { id: string } }>('/sample/notes/:id', async (request, reply) => {
    void reply.code(201);
    return { id: request.params.id, checkpoint: '1' };
  });
  app.get<{ Params: { id: string } }>('/sample/notes/:id', async (request) => ({ id: request.params.id, title: 'A benchmark note', status: 'open' }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return { baseUrl: `http://127.0.0.1:${port}`, token: 'not-checked', close: () => app.close() };
}

@Controller('intake/demands')
class ValidatedRegistrations {
  @Post()
  @HttpCode(201)
  register(@Body() demand: RegisterDemandDto) {
    return { id: randomUUID(), reference: 'SL-2026-000001', checkpoint: '1', kind: demand.kind };
  }
}

@Module({ controllers: [ValidatedRegistrations] })
class NestFloorModule {}

/**
 * What the framework costs a registration before the app does any of its own work: Nest on Fastify, the platform's
 * validation pipe reading the body into the registration's DTO, the same answer as the bare server. No token is
 * checked, nothing is stored or projected.
 */
export async function startNestFloorServer(): Promise<RunningServer> {
  const app = await NestFactory.create<NestFastifyApplication>(NestFloorModule, new FastifyAdapter(), { logger: false });
  app.useGlobalPipes(platformValidationPipe());
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return { baseUrl: `http://127.0.0.1:${port}`, token: 'not-checked', close: () => app.close() };
}
