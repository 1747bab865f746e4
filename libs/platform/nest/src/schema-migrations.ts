import { DeadLetterTable, InboxTable } from '@serviceledger/platform/messaging';
import { migrateDataKeyTable, migrateEventStore, pendingDataKeyMigrations, pendingEventStoreMigrations } from '@serviceledger/platform/postgres';
import { ProjectionHost, migrateReadModels } from '@serviceledger/platform/read-models';
import { DueCommandTable } from '@serviceledger/platform/scheduler';
import { IdempotencyTable } from './idempotency-table';
import { PlatformConfig, loadPlatformConfig } from './platform-config';
import { ServiceDefinition } from './service-definition';
import { ConfiguredDatabase, DATA_KEY_DATABASE, EVENT_STORE_DATABASE, READ_MODEL_DATABASE, connectingTo, exitOnStartFailure } from './start-up-failures';

/** Every read-model table of these services: projections (both slots) and the platform's own tables. */
export function platformEntities(services: ServiceDefinition[]) {
  const projections = services.flatMap((s) => s.projections ?? []);
  return [...ProjectionHost.entities(projections), InboxTable, DeadLetterTable, DueCommandTable, IdempotencyTable];
}

/** The analysts' views of these services (ADR 0024), which the read-model migration creates. */
export function analyticsViewsOf(services: ServiceDefinition[]) {
  return services.flatMap((s) => s.analyticsViews ?? []);
}

/**
 * The migration step of a release (a Kubernetes Job, before the services start): brings the
 * PostgreSQL event store and read-model schemas to this code (beside EventStoreDB, the personal-data keys'
 * table in the read-model schema), then the services' own storage beside their projections (`storage`). Nothing
 * to do for SQLite or memory. Returns the event store (or data-key) migration ids and the read-model DDL applied
 * (or pending, on a dry run).
 */
export async function migratePlatformSchemas(
  config: PlatformConfig,
  services: ServiceDefinition[],
  options: { allowDestructive?: boolean; dryRun?: boolean } = {},
): Promise<{ eventStore: string[]; readModels: string[] }> {
  const store = { connectionString: config.EVENT_STORE_URL, schema: config.EVENT_STORE_SCHEMA };
  const keys = { connectionString: config.READ_MODEL_URL, schema: config.READ_MODEL_SCHEMA };
  // A database that cannot be reached or refuses the connection is told in one line naming its variable.
  const on = <T>(database: ConfiguredDatabase, step: () => Promise<T>) => connectingTo(database, config, step, 'migrate');
  const eventStore =
    config.EVENT_STORE === 'postgres'
      ? await on(EVENT_STORE_DATABASE, () => (options.dryRun ? pendingEventStoreMigrations(store) : migrateEventStore(store)))
      : config.EVENT_STORE === 'eventstoredb' && config.READ_MODEL_DB === 'postgres'
        ? await on(DATA_KEY_DATABASE, () => (options.dryRun ? pendingDataKeyMigrations(keys) : migrateDataKeyTable(keys)))
        : [];
  const readModels =
    config.READ_MODEL_DB === 'postgres'
      ? (
          await on(READ_MODEL_DATABASE, () =>
            migrateReadModels({ type: 'postgres', url: config.READ_MODEL_URL, schema: config.READ_MODEL_SCHEMA }, platformEntities(services), {
              ...options,
              analyticsViews: analyticsViewsOf(services),
            }),
          )
        ).statements
      : [];
  const storage: string[] = [];
  if (config.READ_MODEL_DB === 'postgres') {
    const target = { url: config.READ_MODEL_URL, schema: config.READ_MODEL_SCHEMA, dryRun: options.dryRun ?? false };
    for (const step of services.flatMap((s) => s.storage ?? [])) storage.push(...(await on(READ_MODEL_DATABASE, () => step(target))));
  }
  return { eventStore, readModels: [...readModels, ...storage] };
}

/**
 * What every app's migrate.ts does (the release's migration Job): `--dry-run` prints the pending
 * changes, `--allow-destructive` permits dropping tables or columns.
 */
export function runMigrations(services: ServiceDefinition[], argv = process.argv.slice(2), env: NodeJS.ProcessEnv = process.env): void {
  const dryRun = argv.includes('--dry-run');
  // In the chain: an invalid configuration exits 1 naming the variable, as a database that cannot be reached does.
  Promise.resolve()
    .then(() => migratePlatformSchemas(loadPlatformConfig(env), services, { dryRun, allowDestructive: argv.includes('--allow-destructive') }))
    .then(({ eventStore, readModels }) => {
      const verb = dryRun ? 'pending' : 'applied';
      process.stdout.write(`event store migrations ${verb}: ${eventStore.length ? eventStore.join(', ') : 'none'}\n`);
      process.stdout.write(`read-model statements ${verb}: ${readModels.length}\n${readModels.map((s) => `  ${s}`).join('\n')}\n`);
    })
    .catch((error: unknown) => exitOnStartFailure(error));
}
