import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';

export const ICS_MEDIA_TYPE = 'text/calendar';

/** Lets an iCalendar file be sent as it is (`Content-Type: text/calendar`), handed over as text. */
@Injectable()
export class IcsBodyParser implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (typeof fastify?.addContentTypeParser !== 'function' || fastify.hasContentTypeParser(ICS_MEDIA_TYPE)) return;
    fastify.addContentTypeParser(ICS_MEDIA_TYPE, { parseAs: 'string' }, (_request, body, done) => done(null, body));
  }
}
