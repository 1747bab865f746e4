import { Type, plainToInstance } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, ValidateIf, validateSync } from 'class-validator';
import { getHeapStatistics } from 'node:v8';
import { authConfigFromEnv } from '@serviceledger/platform/auth';
import { maskedUrl } from './database-errors';
import { failedConstraints } from './validation-messages';

const POSTGRES_URL = /^postgres(ql)?:\/\/\S+$/;
const EVENT_STORE_URL = /^(postgres(ql)?|esdb(\+discover)?):\/\/\S+$/;
const SQL_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/** Everything the platform reads from the environment, validated once at start-up. */
export class PlatformConfig {
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '0.0.0.0';

  /** `text` (the default): Nest's readable lines; `json`: one JSON object a line, with service, trace and correlation ids (production). */
  @IsIn(['text', 'json'])
  LOG_FORMAT: 'text' | 'json' = 'text';

  /** the API's certificate (chain), a PEM file; with TLS_KEY_FILE the API is served over HTTPS only. Both unset: plain HTTP. */
  @ValidateIf((c: PlatformConfig) => c.TLS_KEY_FILE !== '')
  @Matches(/\S/, { message: 'TLS_CERT_FILE is required with TLS_KEY_FILE: the PEM file of the API’s certificate (chain)' })
  TLS_CERT_FILE = '';

  /** The private key of TLS_CERT_FILE, a PEM file. */
  @ValidateIf((c: PlatformConfig) => c.TLS_CERT_FILE !== '')
  @Matches(/\S/, { message: 'TLS_KEY_FILE is required with TLS_CERT_FILE: the PEM file of the certificate’s private key' })
  TLS_KEY_FILE = '';

  /** Where the embedded default keeps its event store, read models and signing key. */
  @IsString()
  DATA_DIR = './data';

  @IsIn(['sqlite', 'memory', 'postgres', 'eventstoredb'])
  EVENT_STORE: 'sqlite' | 'memory' | 'postgres' | 'eventstoredb' = 'sqlite';


  /**
   * Where the event store is: `postgres://user:password@host:port/database` with EVENT_STORE=postgres,
   * `esdb://host:2113?tls=true` (or `esdb+discover://` for a cluster) with EVENT_STORE=eventstoredb.
   */
  @ValidateIf((c: PlatformConfig) => c.EVENT_STORE === 'postgres' || c.EVENT_STORE === 'eventstoredb')
  @Matches(EVENT_STORE_URL, {
    message: 'EVENT_STORE_URL is required with EVENT_STORE=postgres (postgres://user:password@host:port/database) or eventstoredb (esdb://host:2113?tls=true)',
  })
  EVENT_STORE_URL = '';

  /** PostgreSQL schema of the event store's table. */
  @Matches(SQL_NAME, { message: 'EVENT_STORE_SCHEMA must be a plain SQL name (letters, digits, _)' })
  EVENT_STORE_SCHEMA = 'public';

  /**
   * The master key that wraps the data keys of personal fields (ADR 0016): 32 bytes, base64 or hex.
   * Unset: the file DATA_DIR/personal-data/master.key, created on first start (the embedded default).
   */
  @IsOptional()
  @Matches(/^([0-9a-fA-F]{64}|[A-Za-z0-9+/]{43}=)$/, { message: 'PERSONAL_DATA_MASTER_KEY must be 32 bytes, base64 (44 characters) or hex (64)' })
  PERSONAL_DATA_MASTER_KEY: string | undefined = undefined;

  @IsIn(['sqlite', 'postgres'])
  READ_MODEL_DB: 'sqlite' | 'postgres' = 'sqlite';

  /** `postgres://…` of the read-model database; required with READ_MODEL_DB=postgres. */
  @ValidateIf((c: PlatformConfig) => c.READ_MODEL_DB === 'postgres')
  @Matches(POSTGRES_URL, { message: 'READ_MODEL_URL is required with READ_MODEL_DB=postgres: postgres://user:password@host:port/database' })
  READ_MODEL_URL = '';

  /** PostgreSQL schema of the read models, checkpoints, inbox and schedules. */
  @Matches(SQL_NAME, { message: 'READ_MODEL_SCHEMA must be a plain SQL name (letters, digits, _)' })
  READ_MODEL_SCHEMA = 'public';

  /**
   * PostgreSQL schemas at start-up. `verify` (production): refuse to start when a schema is behind this
   * code; the migration Job (`migratePlatformSchemas`) changes them. `migrate`: apply pending migrations
   * at start-up, under the migration locks (development, a single replica).
   */
  @IsIn(['verify', 'migrate'])
  SCHEMA_CHANGES: 'verify' | 'migrate' = 'verify';

  @IsIn(['in-process', 'kafka'])
  MESSAGE_BUS: 'in-process' | 'kafka' = 'in-process';

  /** `host:port[,host:port…]` of the Kafka brokers; required with MESSAGE_BUS=kafka. */
  @ValidateIf((c: PlatformConfig) => c.MESSAGE_BUS === 'kafka')
  @Matches(/^[^\s,:]+:\d+(,[^\s,:]+:\d+)*$/, { message: 'KAFKA_BROKERS is required with MESSAGE_BUS=kafka: host:port[,host:port…]' })
  KAFKA_BROKERS = '';

  @IsString()
  KAFKA_CLIENT_ID = 'serviceledger';

  /** Partitions of the topics the services create (aggregates keep their order: the key is the aggregate id). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  KAFKA_PARTITIONS = 3;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  KAFKA_REPLICATION_FACTOR = 1;

  /** `min.insync.replicas` of the topics the services create (unset: the broker's default); at most the replication factor. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  KAFKA_MIN_INSYNC_REPLICAS: number | undefined = undefined;

  /**
   * How long a response to a request with an Idempotency-Key is kept and replayed to its retries; after
   * that the key may be used afresh (the command id it derives still never appends twice to a stream).
   */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  IDEMPOTENCY_RETENTION_HOURS = 24;

  /** Upper bound of a read-your-writes wait, in ms. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(60000)
  READ_WAIT_MAX_MS = 5000;

  @Type(() => Number)
  @IsInt()
  @Min(10)
  SCHEDULER_POLL_MS = 1000;

  /** What this process runs: any of api, projector, relay, consumer, scheduler. */
  @Matches(/^(api|projector|relay|consumer|scheduler)(,(api|projector|relay|consumer|scheduler))*$/, {
    message: 'ROLES must be a comma-separated list of api, projector, relay, consumer, scheduler',
  })
  ROLES = 'api,projector,relay,consumer,scheduler';

  /** The intake's SMTP listener (issue 3): off while unset, 0 binds a free port. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  INTAKE_SMTP_PORT: number | undefined = undefined;

  /** Service delivery, P-3.1: the set time within which the responsible department drafts the first plan. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  DELIVERY_PLAN_DRAFTING_HOURS = 48;

  /** Service delivery, P-4.3: how often the customer is owed a progress report during delivery. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  DELIVERY_PROGRESS_REPORT_INTERVAL_HOURS = 72;

  /** Service delivery, P-6.1: follow-up visits after acceptance, in days. */
  @Matches(/^\d+(,\d+)*$/, { message: 'DELIVERY_FOLLOW_UP_DAYS must be a comma-separated list of whole days, e.g. 7,30' })
  DELIVERY_FOLLOW_UP_DAYS = '7,30';

  /** Quality monitoring, G-1: the least share, in percent, of a scoring scheme's weight that customer satisfaction carries. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  QUALITY_SATISFACTION_FLOOR_PERCENT = 30;

  /** HR performance, H-2.1 and G-1: the least share, in percent, of an appraisal scheme's weight that customer satisfaction carries. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  HR_APPRAISAL_SATISFACTION_FLOOR_PERCENT = 30;

  /** Where the SMTP listener binds: loopback by default; `0.0.0.0` in a container behind the site's MTA. */
  @IsString()
  INTAKE_SMTP_HOST = '127.0.0.1';

  /** Overload (issue 14): above this mean event-loop delay, requests other than health and metrics are shed with 503; 0: never. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  OVERLOAD_MAX_EVENT_LOOP_DELAY_MS = 500;

  /**
   * Overload: while this many requests are in progress, further ones other than health and metrics are shed
   * with 503 at once (a burst arrives faster than the event-loop delay can be measured); 0: no cap.
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  OVERLOAD_MAX_CONCURRENT_REQUESTS = 500;

  /** Overload: above this much used heap, requests other than health and metrics are shed with 503; 0: never. By default 90 % of V8's heap limit. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  OVERLOAD_MAX_HEAP_USED_MB = Math.floor((getHeapStatistics().heap_size_limit * 0.9) / 2 ** 20);

  /** The window the rate limits below count in, for each principal (each client address on public routes). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  RATE_LIMIT_WINDOW_SECONDS = 60;

  /** Command requests (POST, PUT, PATCH, DELETE) a principal may send per window; 0: no limit. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  RATE_LIMIT_WRITES = 1200;

  /** Expensive reads (recomputations, CSV exports) a principal may make per window; 0: no limit. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  RATE_LIMIT_EXPENSIVE_READS = 60;

  /**
   * The identity provider whose tokens the services accept (production); unset, the embedded default's local
   * key signs them. Read here for the web console's sign-in; the rest of OIDC_* is read with it by
   * platform/auth's `authConfigFromEnv`.
   */
  @ValidateIf((c: PlatformConfig) => c.CONSOLE_OIDC_CLIENT_ID !== '')
  @Matches(/^https?:\/\/\S+$/, { message: 'OIDC_ISSUER is required with CONSOLE_OIDC_CLIENT_ID: the console signs in at that identity provider' })
  OIDC_ISSUER = '';

  /**
   * The web console's client at OIDC_ISSUER: a public client (authorization code with PKCE, no secret) whose
   * redirect URI is the console's address. Set, the console offers to sign in there; unset, it takes a pasted token.
   */
  @IsString()
  CONSOLE_OIDC_CLIENT_ID = '';

  /** The scopes the console asks for; the access token it gets must carry OIDC_AUDIENCE and the principal's claims. */
  @Matches(/\bopenid\b/, { message: 'CONSOLE_OIDC_SCOPE must include openid' })
  CONSOLE_OIDC_SCOPE = 'openid profile';
}

export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError';
}

/** Reads and validates the configuration; the error names each bad variable and why. */
export function loadPlatformConfig(env: NodeJS.ProcessEnv = process.env): PlatformConfig {
  const defaults = new PlatformConfig();
  const known = Object.keys(defaults);
  const given = Object.fromEntries(known.filter((k) => env[k] !== undefined && env[k] !== '').map((k) => [k, env[k]]));
  const config = plainToInstance(PlatformConfig, { ...defaults, ...given });
  const errors = validateSync(config, { forbidUnknownValues: false });
  try {
    authConfigFromEnv(env);
  } catch (error) {
    throw new ConfigurationError(`Invalid configuration: ${(error as Error).message}`);
  }
  const lines = errors.map((e) => `${e.property}=${shown(env[e.property])}: ${failedConstraints(e).join('; ')}`);
  if (config.EVENT_STORE === 'memory' && config.READ_MODEL_DB === 'postgres') {
    // A memory event store starts empty on every run; read models kept elsewhere would outlive it.
    lines.push(`READ_MODEL_DB="postgres": a memory event store (EVENT_STORE=memory) needs READ_MODEL_DB=sqlite`);
  }
  if (lines.length) {
    throw new ConfigurationError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  return config;
}

/** A value as an error message may show it: a password in a connection URL is masked. */
function shown(value: string | undefined): string {
  return JSON.stringify(value === undefined ? undefined : maskedUrl(value));
}
