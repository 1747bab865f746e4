export type { CatchUpTuning } from './catch-up-subscription';
export { DEFAULT_CATCH_UP_TUNING } from './catch-up-subscription';
export { eventStoreDbCheckpoints, formatCheckpoint, parseCheckpoint } from './checkpoints';
export type { EsdbClient, EsdbRead, EsdbSubscription } from './client';
export { connect } from './client';
export type { EventStoreDbEventStoreOptions } from './eventstoredb-event-store';
export { EventStoreDbEventStore } from './eventstoredb-event-store';
