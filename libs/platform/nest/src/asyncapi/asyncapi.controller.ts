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
  private readonly document: AsyncApiDocument;

  constructor(@Inject(SERVICE_DEFINITIONS) services: ServiceDefinition[]) {
    this.document = asyncApiDocument(asyncApiTitle(services), services);
  }

  @Get('asyncapi.json')
  asyncApi(): AsyncApiDocument {
    return this.document;
  }
}

/** `ServiceLedger intake` for one service's deployment, `ServiceLedger` for the standalone app's six. */
export function asyncApiTitle(services: readonly Pick<ServiceDefinition, 'name'>[]): string {
  return services.length === 1 ? `ServiceLedger ${services[0].name}` : 'ServiceLedger';
}
