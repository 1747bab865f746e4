import { ConsoleLogger, INestApplication, LogLevel, Logger } from '@nestjs/common';
import { Server as TlsServer } from 'node:tls';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import rateLimit from '@fastify/rate-limit';
import { redirectToDocsPage } from './docs-page';
import { problemServerOptions } from './http-errors';
import { measureHttpRequests } from './http-metrics';
import { traceHttpRequests } from './http-tracing';
import { JsonLogger } from './json-logger';
import { buildOpenApiDocument } from './openapi';
import { protectFromOverload } from './overload-protection';
import { PlatformConfig } from './platform-config';
import { checkRequestBodies } from './request-bodies';
import { setSecurityHeaders } from './security-headers';
import { stopOnSignals } from './shutdown';
import { StartupFailuresToldOnce } from './start-up-failures';
import { tlsCredentialsOf } from './tls-credentials';

/**
 * Builds the Fastify-based Nest app with OpenAPI at /docs; `listen` is left to the caller. A signal that ends the
 * process stops the app gracefully, logged (`stopOnSignals`). `config` is the one the root module's PlatformModule
 * was given. Security headers come first so that every answer carries them,
 * load shedding and rate limits included. With TLS_CERT_FILE and TLS_KEY_FILE the server speaks only
 * HTTPS: a plain HTTP request to its port fails the handshake and is answered nothing.
 */
export async function createPlatformApp(rootModule: unknown, title: string, config: PlatformConfig): Promise<NestFastifyApplication> {
  const https = tlsCredentialsOf(config, 'TLS_CERT_FILE', 'TLS_KEY_FILE');
  const adapter = new FastifyAdapter({ bodyLimit: 12 * 1024 * 1024, ...problemServerOptions, ...(https ? { https } : {}) });
  const levels: LogLevel[] = process.env.NODE_ENV === 'test' ? ['error'] : ['log', 'warn', 'error'];
  // abortOnError false: a failure while building the app, or in a call on it (inject, listen), is thrown to the
  // caller (runService exits 1 with it) instead of Nest calling process.exit, which in a test ends the whole run.
  // Nest logs it first: a ConfigurationError is left to runService's one line (StartupFailuresToldOnce).
  const logger = config.LOG_FORMAT === 'json' ? new JsonLogger(levels) : new ConsoleLogger({ logLevels: levels });
  const app = await NestFactory.create<NestFastifyApplication>(rootModule as never, adapter, {
    logger: new StartupFailuresToldOnce(logger),
    abortOnError: false,
  });
  // Where Nest's own shutdown hooks were (enableShutdownHooks): the same stop, with a line as it starts and ends.
  const stopListening = stopOnSignals(app);
  app.getHttpAdapter().getInstance().addHook('onClose', (_instance, done) => {
    stopListening();
    done();
  });
  setSecurityHeaders(app);
  measureHttpRequests(app);
  traceHttpRequests(app);
  await protectFromOverload(app, config);
  // The limits themselves are applied per principal by RateLimitInterceptor.
  await app.register(rateLimit, { global: false });
  const document = buildOpenApiDocument(app, title, config);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
  redirectToDocsPage(app);
  checkRequestBodies(app, document);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

export async function listen(app: INestApplication, port: number, host: string): Promise<void> {
  await app.listen(port, host);
  const scheme = app.getHttpServer() instanceof TlsServer ? 'https' : 'http';
  new Logger('Platform').log(`Listening on ${scheme}://${host}:${port} (OpenAPI at /docs)`);
}
