import { Controller, Get, Inject } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@serviceledger/platform/auth';
import { SERVICE_DEFINITIONS } from '../platform-runtime';
import { PROCESS_ROLES, ServedBy } from '../process-roles';
import { ServiceDefinition } from '../service-definition';
import { AsyncApiDocument, asyncApiDocument } from './asyncapi-document';

/**
 * `/asyncapi.json`: the AsyncAPI 3.0 document of the events this process's services publish, beside the OpenAPI
 * document at `/docs`, for anyone who subscribes to them. Public, like the OpenAPI document, and on every role.
 */
@ApiExcludeController()
@Public()
@ServedBy(...PROCESS_ROLES)
@Controller()
export class AsyncApiController {
  private document?: AsyncApiDocument;

  constructor(@Inject(SERVICE_DEFINITIONS) private readonly services: ServiceDefinition[]) {}

  /** Built on the first request: a service that publishes to a topic without declaring its channel fails here, not at start-up. */
  @Get('asyncapi.json')
  asyncApi(): AsyncApiDocument {
    this.document ??= asyncApiDocument(asyncApiTitle(this.services), this.services);
    return this.document;
  }
}

/** `ServiceLedger intake` for one service's deployment, `ServiceLedger` for the standalone app's six. */
export function asyncApiTitle(services: readonly Pick<ServiceDefinition, 'name'>[]): string {
  return services.length === 1 ? `ServiceLedger ${services[0].name}` : 'ServiceLedger';
}
