import { join } from 'node:path';
import { analyticsViewsMarkdown } from '@serviceledger/platform/read-models';
import { STANDALONE_SERVICES } from './services';

/** docs/read-models.md: the analysts' views of the six services. */
export const READ_MODELS_DOC = join(__dirname, '..', '..', '..', 'docs', 'read-models.md');

export function readModelsDoc(): string {
  return analyticsViewsMarkdown(STANDALONE_SERVICES);
}
