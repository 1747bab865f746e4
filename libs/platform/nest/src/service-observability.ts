import { ObservabilityConfigurationError, startObservability } from '@serviceledger/platform/observability';
import { ConfigurationError, PlatformConfig } from './platform-config';
import { ServiceDefinition } from './service-definition';

/**
 * Tracing from the OTEL_* variables and the log context for LOG_FORMAT=json, before the app is built. A
 * process of one service is named after it; the embedded default, running them all, is `serviceledger`.
 */
export function startServiceObservability(services: readonly ServiceDefinition[], env: NodeJS.ProcessEnv, config: PlatformConfig): void {
  try {
    startObservability(env, { serviceName: services.length === 1 ? services[0].name : 'serviceledger', jsonLogs: config.LOG_FORMAT === 'json' });
  } catch (error) {
    if (error instanceof ObservabilityConfigurationError) throw new ConfigurationError(`Invalid configuration: ${error.message}`);
    throw error;
  }
}
