import 'reflect-metadata';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { AnalyticsViewSnapshot, analyticsViewSnapshot, compareViewsWithSnapshot } from '@serviceledger/platform/read-models';
import { ANALYTICS_VIEW_SNAPSHOT, READ_MODELS_DOC, analyticsViews, readModelsDoc } from './read-models-doc';

// Writes docs/read-models.md and records the views' columns in docs/read-models.snapshot.json; refuses while a
// recorded view lost or changed a column without a new version (ADR 0024):
//   SWC_NODE_PROJECT=tsconfig.base.json node -r @swc-node/register apps/standalone/src/write-read-models-doc.ts
const snapshot: AnalyticsViewSnapshot = existsSync(ANALYTICS_VIEW_SNAPSHOT) ? JSON.parse(readFileSync(ANALYTICS_VIEW_SNAPSHOT, 'utf8')) : {};
const { breaking } = compareViewsWithSnapshot(snapshot, analyticsViews());
if (breaking.length) {
  process.stderr.write(`Not written: views changed in ways that break analysts' queries; raise their versions instead:\n  ${breaking.join('\n  ')}\n`);
  process.exit(1);
}
writeFileSync(READ_MODELS_DOC, readModelsDoc());
writeFileSync(ANALYTICS_VIEW_SNAPSHOT, `${JSON.stringify(analyticsViewSnapshot(analyticsViews()), null, 2)}\n`);
process.exit(0);
