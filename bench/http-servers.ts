// The two servers the HTTP measurements drive: the sample-notes service in the platform shell on the embedded
// default (SQLite event store, SQLite read models), and a bare Fastify server that only returns JSON.
import { Module, Type } from '@nestjs/common';
import fastify from 'fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { issueLocalToken, loadOrCreateLocalKey } from '@serviceledger/platform/auth';
import { PlatformModule, ServiceDefinition, createPlatformApp, loadPlatformConfig } from '@serviceledger/platform/nest';
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

/** The same routes, doing nothing but returning JSON. The client sends the same token; nobody checks it. */
export async function startBareServer(): Promise<RunningServer> {
  const app = fastify({ logger: false });
  app.post<{ Params: { id: string } }>('/sample/notes/:id', async (request, reply) => {
    void reply.code(201);
    return { id: request.params.id, checkpoint: '1' };
  });
  app.get<{ Params: { id: string } }>('/sample/notes/:id', async (request) => ({ id: request.params.id, title: 'A benchmark note', status: 'open' }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return { baseUrl: `http://127.0.0.1:${port}`, token: 'not-checked', close: () => app.close() };
}
