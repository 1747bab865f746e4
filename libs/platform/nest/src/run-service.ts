import { Module, Type } from '@nestjs/common';
import { createPlatformApp, listen } from './bootstrap';
import { ConfigurationError, loadPlatformConfig } from './platform-config';
import { PlatformModule } from './platform.module';
import { ServiceDefinition } from './service-definition';
import { startServiceObservability } from './service-observability';

export interface ServiceHost {
  title: string;
  services: ServiceDefinition[];
  modules: Type<unknown>[];
}

/** What every app's main.ts does: validate the configuration, build the app, listen; a bad variable exits 1 naming it. */
export function runService(host: ServiceHost, env: NodeJS.ProcessEnv = process.env): void {
  start(host, env).catch((error: unknown) => {
    process.stderr.write(`${error instanceof ConfigurationError ? error.message : (error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  });
}

async function start(host: ServiceHost, env: NodeJS.ProcessEnv): Promise<void> {
  const config = loadPlatformConfig(env);
  startServiceObservability(host.services, env, config);

  @Module({ imports: [PlatformModule.forRoot({ config, services: host.services, env }), ...host.modules] })
  class RootModule {}

  await listen(await createPlatformApp(RootModule, host.title, config), config.PORT, config.HOST);
}
