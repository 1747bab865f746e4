import { Inject, Logger, Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PLATFORM_CONFIG, PlatformConfig, securityHeaders } from '@serviceledger/platform/nest';
import { consoleConfigOf, consoleConnectOrigins } from './console-config';

/** Where `npm run build` (and `npm start`, when it is missing) puts the web console's static build; like DATA_DIR, under the working directory. */
export const CONSOLE_DIR = resolve('dist', 'apps', 'console');

/**
 * The web console (apps/console) at `/`: its built files, one route each, so that the API's prefixes, /docs
 * and the problem-details 404 of every other path stay as they are, and its `config.json`, made from the
 * platform's configuration. Without a build the API runs alone.
 */
@Module({})
export class ConsoleStaticModule implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    // Processes without the HTTP API (the worker thread, the migration step) have no adapter and serve nothing.
    if (!this.adapterHost.httpAdapter) return;
    if (!existsSync(join(CONSOLE_DIR, 'index.html'))) {
      new Logger('Console').warn(`No console build in ${CONSOLE_DIR}: the API runs without it (npm run build builds it)`);
      return;
    }
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    const consoleConfig = consoleConfigOf(this.config);
    // The console's page may fetch from the identity provider it signs in at; the API's answers may not.
    const headers = securityHeaders(consoleConnectOrigins(consoleConfig));
    await fastify.register(async (scope) => {
      scope.addHook('onSend', async (_request, reply) => {
        void reply.headers(headers);
      });
      scope.get('/config.json', async () => consoleConfig);
      await scope.register(fastifyStatic, { root: CONSOLE_DIR, prefix: '/', wildcard: false, decorateReply: false });
    });
  }
}
