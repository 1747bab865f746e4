import { Type, plainToInstance } from 'class-transformer';
import { IsIn, IsInt, IsString, Matches, Max, Min, validateSync } from 'class-validator';
import { authConfigFromEnv } from '@serviceledger/platform/auth';

/** Everything the platform reads from the environment, validated once at start-up. */
export class PlatformConfig {
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '0.0.0.0';

  /** Where the embedded default keeps its event store, read models and signing key. */
  @IsString()
  DATA_DIR = './data';

  @IsIn(['sqlite', 'memory'])
  EVENT_STORE: 'sqlite' | 'memory' = 'sqlite';

  @IsIn(['sqlite'])
  READ_MODEL_DB = 'sqlite' as const;

  @IsIn(['in-process'])
  MESSAGE_BUS = 'in-process' as const;

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
  if (errors.length) {
    const lines = errors.map((e) => `${e.property}=${JSON.stringify(env[e.property])}: ${Object.values(e.constraints ?? {}).join('; ')}`);
    throw new ConfigurationError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  return config;
}
