import { LogLevel, LoggerService } from '@nestjs/common';
import { existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { EventStoreSchemaBehindError } from '@serviceledger/platform/postgres';
import { ReadModelSchemaBehindError } from '@serviceledger/platform/read-models';
import { connectionFailureOf, maskedUrl } from './database-errors';
import { ConfigurationError, PlatformConfig } from './platform-config';

/** A PostgreSQL database the process connects to, as the configuration names it. */
export interface ConfiguredDatabase {
  /** What it holds, for the message: `the event store`, `the read models`, `the personal-data keys`. */
  holds: string;
  urlVariable: 'EVENT_STORE_URL' | 'READ_MODEL_URL';
  schemaVariable: 'EVENT_STORE_SCHEMA' | 'READ_MODEL_SCHEMA';
}

export const EVENT_STORE_DATABASE: ConfiguredDatabase = { holds: 'the event store', urlVariable: 'EVENT_STORE_URL', schemaVariable: 'EVENT_STORE_SCHEMA' };
export const READ_MODEL_DATABASE: ConfiguredDatabase = { holds: 'the read models', urlVariable: 'READ_MODEL_URL', schemaVariable: 'READ_MODEL_SCHEMA' };
/** Beside EventStoreDB, the personal-data keys are in the read models' database. */
export const DATA_KEY_DATABASE: ConfiguredDatabase = { holds: 'the personal-data keys', urlVariable: 'READ_MODEL_URL', schemaVariable: 'READ_MODEL_SCHEMA' };

/**
 * Runs a step of the start (or of the migration step) against a database, turning what the operator fixes outside
 * the code into a ConfigurationError, which is reported in one line without a stack: the database cannot be
 * reached or refuses the connection (naming its URL variable, the password masked), or its schema is behind this
 * code (naming the migration step to run). Anything else is thrown as it is.
 */
export async function connectingTo<T>(database: ConfiguredDatabase, config: PlatformConfig, step: () => Promise<T>, doing: 'start' | 'migrate' = 'start'): Promise<T> {
  try {
    return await step();
  } catch (error) {
    throw startupFailureOf(error, database, config, doing) ?? error;
  }
}

export function startupFailureOf(error: unknown, database: ConfiguredDatabase, config: PlatformConfig, doing: 'start' | 'migrate' = 'start'): ConfigurationError | undefined {
  if (error instanceof ConfigurationError) return error;
  const connection = connectionFailureOf(error);
  if (connection !== undefined) {
    const url = maskedUrl(config[database.urlVariable]);
    return new ConfigurationError(`Cannot ${doing}: no connection to the database of ${database.holds} at ${database.urlVariable}=${JSON.stringify(url)}: ${connection}`);
  }
  const schema = `${database.schemaVariable}=${JSON.stringify(config[database.schemaVariable])}`;
  if (error instanceof EventStoreSchemaBehindError) {
    return new ConfigurationError(
      `Cannot start: the event store schema (${schema}) is behind this code: migration(s) ${error.pending.join(', ')} not applied. ${runTheMigrationStep()}`,
    );
  }
  if (error instanceof ReadModelSchemaBehindError) {
    return new ConfigurationError(
      `Cannot start: the read-model schema (${schema}) is behind this code: ${error.statements.length} statement(s) not applied. ${runTheMigrationStep()}`,
    );
  }
  if ((error as { code?: unknown })?.code === '42P01') {
    // Beside EventStoreDB the data-key table comes from the migration step too: missing, it was never run.
    return new ConfigurationError(`Cannot ${doing}: a table of ${database.holds} is missing from ${schema} (${(error as Error).message}). ${runTheMigrationStep()}`);
  }
  return undefined;
}

/** What an operator runs when a schema is behind: this process's own migration script, where it is beside it (the image's `node migrate.js`). */
export function runTheMigrationStep(entry: string | undefined = process.argv[1]): string {
  const script = entry && /(^|[/\\])main\.js$/.test(entry) ? join(dirname(entry), 'migrate.js') : undefined;
  const command = script && existsSync(script) ? `node ${relative(process.cwd(), script) || script}` : 'node dist/apps/<service>/src/migrate.js';
  return `Run the release's migration step first: ${command} (docs/operations.md › Migrate)`;
}

/**
 * The app's logger, less one line: Nest logs an error that stops the app being built (as its ExceptionHandler)
 * before it throws it to the caller. A ConfigurationError is the operator's to fix, and the caller tells it in one
 * line without a stack (`exitOnStartFailure`): logged here as well, it would come twice, once with a stack.
 */
export class StartupFailuresToldOnce implements LoggerService {
  constructor(private readonly inner: LoggerService) {}

  log(message: unknown, ...rest: unknown[]): void {
    this.inner.log(message, ...rest);
  }

  error(message: unknown, ...rest: unknown[]): void {
    if (message instanceof ConfigurationError && rest[rest.length - 1] === 'ExceptionHandler') return;
    this.inner.error(message, ...rest);
  }

  warn(message: unknown, ...rest: unknown[]): void {
    this.inner.warn(message, ...rest);
  }

  debug(message: unknown, ...rest: unknown[]): void {
    this.inner.debug?.(message, ...rest);
  }

  verbose(message: unknown, ...rest: unknown[]): void {
    this.inner.verbose?.(message, ...rest);
  }

  fatal(message: unknown, ...rest: unknown[]): void {
    this.inner.fatal?.(message, ...rest);
  }

  setLogLevels(levels: LogLevel[]): void {
    this.inner.setLogLevels?.(levels);
  }
}

/**
 * How a start, or the migration step, that failed ends: exit 1, after one line for a ConfigurationError (a
 * variable, a database or a key the operator must see to: no stack helps there), the stack for anything else.
 */
export function exitOnStartFailure(error: unknown, write: (text: string) => void = (text) => process.stderr.write(text)): void {
  write(`${error instanceof ConfigurationError ? error.message : ((error as Error).stack ?? String(error))}\n`);
  process.exit(1);
}
