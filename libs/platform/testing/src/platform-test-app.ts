import { Module, Type } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Actor, Clock } from '@serviceledger/platform/core';
import { issueLocalToken, loadOrCreateLocalKey } from '@serviceledger/platform/auth';
import { PlatformModule, ServiceDefinition, createPlatformApp, loadPlatformConfig } from '@serviceledger/platform/nest';

/** Headers of a request sent with `app.inject`. */
export type RequestHeaders = Record<string, string>;

export interface TestApp {
  app: NestFastifyApplication;
  dataDir: string;
  tokenFor(actor: Partial<Actor> & { roles: string[] }): Promise<string>;
  /** The bearer authorization of a token for the actor: what a request on its behalf sends. */
  headersFor(actor: Partial<Actor> & { roles: string[] }): Promise<RequestHeaders>;
  close(): Promise<void>;
}

/** Starts the platform shell with the given services on a fresh data directory (or a given one, to restart). */
export async function startTestApp(options: {
  services: ServiceDefinition[];
  modules: Type<unknown>[];
  env?: Record<string, string>;
  clock?: Clock;
  dataDir?: string;
}): Promise<TestApp> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'sl-app-'));
  // Parallel suites on a small, busy CI machine stall the event loop for seconds, which would shed a spec's
  // requests as overload; specs never shed on event-loop delay unless they are about load shedding and say so.
  const env = { EVENT_STORE: 'memory', OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: '0', ...options.env, DATA_DIR: dataDir, SCHEDULER_POLL_MS: '20' };
  const config = loadPlatformConfig(env);

  @Module({ imports: [PlatformModule.forRoot({ config, services: options.services, clock: options.clock, env }), ...options.modules] })
  class TestRootModule {}

  const app = await createPlatformApp(TestRootModule, 'ServiceLedger test', config);
  const key = await loadOrCreateLocalKey(dataDir);
  const tokenFor: TestApp['tokenFor'] = (actor) => issueLocalToken(key, { userId: 'tester', departments: [], ...actor });
  return {
    app,
    dataDir,
    tokenFor,
    headersFor: async (actor) => ({ authorization: `Bearer ${await tokenFor(actor)}` }),
    async close() {
      await app.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A suite's app: started before its tests, closed after them; `t` and `headers` (the actor's) once started. */
export interface SuiteApp {
  readonly t: TestApp;
  readonly headers: RequestHeaders;
}

/** Starts the app before the suite's tests (with the actor's headers ready) and closes it after them. */
export function useTestApp(options: Parameters<typeof startTestApp>[0], actor: Partial<Actor> & { roles: string[] }): SuiteApp {
  const suite = {} as { t: TestApp; headers: RequestHeaders };
  beforeAll(async () => {
    suite.t = await startTestApp(options);
    suite.headers = await suite.t.headersFor(actor);
  });
  afterAll(() => suite.t.close());
  return suite;
}

