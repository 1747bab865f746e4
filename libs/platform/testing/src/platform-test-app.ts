import { Module, Type } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Actor, Clock } from '@serviceledger/platform/core';
import { issueLocalToken, loadOrCreateLocalKey } from '@serviceledger/platform/auth';
import { PlatformModule, ServiceDefinition, createPlatformApp, loadPlatformConfig } from '@serviceledger/platform/nest';

export interface TestApp {
  app: NestFastifyApplication;
  dataDir: string;
  tokenFor(actor: Partial<Actor> & { roles: string[] }): Promise<string>;
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
  const env = { EVENT_STORE: 'memory', ...options.env, DATA_DIR: dataDir, SCHEDULER_POLL_MS: '20' };
  const config = loadPlatformConfig(env);

  @Module({ imports: [PlatformModule.forRoot({ config, services: options.services, clock: options.clock, env }), ...options.modules] })
  class TestRootModule {}

  const app = await createPlatformApp(TestRootModule, 'ServiceLedger test');
  const key = await loadOrCreateLocalKey(dataDir);
  return {
    app,
    dataDir,
    tokenFor: (actor) => issueLocalToken(key, { userId: 'tester', departments: [], ...actor }),
    async close() {
      await app.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
