import { INestApplication, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import rateLimit from '@fastify/rate-limit';
import { redirectToDocsPage } from './docs-page';
import { problemServerOptions } from './http-errors';
import { measureHttpRequests } from './http-metrics';
import { protectFromOverload } from './overload-protection';
import { PlatformConfig } from './platform-config';
import { checkRequestBodies } from './request-bodies';
import { setSecurityHeaders } from './security-headers';
import { PLATFORM_CONFIG } from './tokens';

/**
 * Builds the Fastify-based Nest app with OpenAPI at /docs; `listen` is left to the caller. Security headers
 * come first so that every answer carries them, load shedding and rate limits included.
 */
export async function createPlatformApp(rootModule: unknown, title: string): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(rootModule as never, new FastifyAdapter({ bodyLimit: 12 * 1024 * 1024, ...problemServerOptions }), {
    logger: process.env.NODE_ENV === 'test' ? ['error'] : ['log', 'warn', 'error'],
  });
  app.enableShutdownHooks();
  const config = app.get<PlatformConfig>(PLATFORM_CONFIG);
  setSecurityHeaders(app);
  measureHttpRequests(app);
  await protectFromOverload(app, config);
  // The limits themselves are applied per principal by RateLimitInterceptor.
  await app.register(rateLimit, { global: false });
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle(title)
      .setDescription('ServiceLedger: a service management regulation run as event-sourced services')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
  redirectToDocsPage(app);
  checkRequestBodies(app, document);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

export async function listen(app: INestApplication, port: number, host: string): Promise<void> {
  await app.listen(port, host);
  new Logger('Platform').log(`Listening on http://${host}:${port} (OpenAPI at /docs)`);
}
