import { join } from 'node:path';
import { asyncApiDocument, asyncApiTitle } from '@serviceledger/platform/nest';
import { STANDALONE_SERVICES } from './services';

/** Where the AsyncAPI documents are committed, one a service: what each service's deployment serves at /asyncapi.json. */
export const ASYNCAPI_DIR = join(__dirname, '..', '..', '..', 'docs', 'asyncapi');

/** Each service's AsyncAPI document as its file in docs/asyncapi holds it, by file name. */
export function asyncApiFiles(): Record<string, string> {
  return Object.fromEntries(
    STANDALONE_SERVICES.map((service) => [`${service.name}.asyncapi.json`, `${JSON.stringify(asyncApiDocument(asyncApiTitle([service]), [service]), null, 2)}\n`]),
  );
}
