import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { MAX_INBOUND_EMAIL_BYTES } from './email-intake';

export const RFC822_MEDIA_TYPE = 'message/rfc822';

/**
 * Teaches Fastify to hand a `message/rfc822` body over as the bytes it arrived as: a message's
 * 8-bit parts may be in any charset (GBK, GB18030 …), which only the MIME parser may decode. The
 * limit is the SMTP listener's, so both channels take the same messages. Other content types keep
 * their parsers and the app's limit.
 */
@Injectable()
export class Rfc822BodyParser implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    // Absent where the module runs without an HTTP server (a worker process, a unit test's module).
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (typeof fastify?.addContentTypeParser !== 'function' || fastify.hasContentTypeParser(RFC822_MEDIA_TYPE)) return;
    fastify.addContentTypeParser(
      RFC822_MEDIA_TYPE,
      { parseAs: 'buffer', bodyLimit: MAX_INBOUND_EMAIL_BYTES },
      (_request, body, done) => done(null, body),
    );
  }
}
