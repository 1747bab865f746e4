import { join } from 'node:path';
import { AnalyticsViewDefinition, analyticsViewsMarkdown } from '@serviceledger/platform/read-models';
import { STANDALONE_SERVICES } from './services';

const DOCS = join(__dirname, '..', '..', '..', 'docs');

/** docs/read-models.md: the analysts' views of the six services. */
export const READ_MODELS_DOC = join(DOCS, 'read-models.md');

/** The views' columns as released, which the views' compatibility gate compares with (ADR 0024). */
export const ANALYTICS_VIEW_SNAPSHOT = join(DOCS, 'read-models.snapshot.json');

export function analyticsViews(): AnalyticsViewDefinition[] {
  return STANDALONE_SERVICES.flatMap((service) => [...(service.analyticsViews ?? [])]);
}

export function readModelsDoc(): string {
  return analyticsViewsMarkdown(STANDALONE_SERVICES);
}
