import 'reflect-metadata';
import { ConfigurationError, createPlatformApp, listen, loadPlatformConfig } from '@serviceledger/platform/nest';
import { StandaloneModule } from './standalone.module';

async function main(): Promise<void> {
  const config = loadPlatformConfig(process.env);
  const app = await createPlatformApp(StandaloneModule.forRoot(config, process.env), 'ServiceLedger');
  await listen(app, config.PORT, config.HOST);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigurationError ? error.message : (error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
