import { Module } from '@nestjs/common';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPlatformApp } from './bootstrap';
import { loadPlatformConfig } from './platform-config';
import { PlatformModule } from './platform.module';
import { ServiceHost } from './run-service';

/**
 * Writes the OpenAPI document the host's app serves at /docs/openapi.json to a file, for CI to lint and clients to
 * generate from. The app is built as it runs, with the api role only, on a throw-away in-memory store.
 */
export async function writeOpenApiDocument(host: ServiceHost, file: string): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sl-openapi-'));
  const env = { EVENT_STORE: 'memory', ROLES: 'api', DATA_DIR: dataDir };
  const config = loadPlatformConfig(env);

  @Module({ imports: [PlatformModule.forRoot({ config, services: host.services, env }), ...host.modules] })
  class DocumentRootModule {}

  const app = await createPlatformApp(DocumentRootModule, host.title, config);
  try {
    const response = await app.inject({ method: 'GET', url: '/docs/openapi.json' });
    writeFileSync(file, `${JSON.stringify(response.json(), null, 2)}\n`);
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
