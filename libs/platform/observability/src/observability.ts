import { context } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { detectResources, envDetector, resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, ConsoleSpanExporter, NodeTracerProvider, SpanExporter } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { AsyncLocalContextManager } from './context-propagation';

/** The exporters OTEL_TRACES_EXPORTER may name; the OTLP one speaks OTLP/HTTP with JSON bodies. */
const EXPORTERS = ['otlp', 'console', 'none'] as const;
const OTLP_PROTOCOL = 'http/json';

export interface ObservabilityOptions {
  /** `service.name` unless OTEL_SERVICE_NAME says otherwise. */
  serviceName: string;
  /** Structured logs want the correlation and trace of the work in hand even when no trace is exported. */
  jsonLogs: boolean;
}

export interface Observability {
  /** The service this process runs, as spans and log lines name it. */
  readonly serviceName: string;
  /** Spans are recorded and exported. */
  readonly tracing: boolean;
  /** The active context follows async work (tracing, or structured logs): request, command and message hooks are worth installing. */
  readonly propagating: boolean;
  /** Exports the spans still buffered and stops. */
  shutdown(): Promise<void>;
}

/** An OTEL_* variable the platform cannot honour; the message names it. */
export class ObservabilityConfigurationError extends Error {
  override readonly name = 'ObservabilityConfigurationError';
}

let current: Observability = { serviceName: 'serviceledger', tracing: false, propagating: false, shutdown: async () => undefined };

/** What this process started (nothing until `startObservability`). */
export function observability(): Observability {
  return current;
}

/**
 * Tracing from the standard OTEL_* variables, off by default: on when OTEL_TRACES_EXPORTER names `otlp` or
 * `console`, or when an OTLP endpoint is set and OTEL_TRACES_EXPORTER is not `none`; OTEL_SDK_DISABLED=true
 * turns it off. The exporter reads OTEL_EXPORTER_OTLP_(TRACES_)ENDPOINT, _HEADERS and _TIMEOUT, the
 * provider OTEL_TRACES_SAMPLER(_ARG) and OTEL_BSP_*. Off, the API's no-op tracer costs next to nothing.
 */
export function startObservability(env: NodeJS.ProcessEnv, options: ObservabilityOptions): Observability {
  const exporters = tracesExporters(env);
  const serviceName = env.OTEL_SERVICE_NAME?.trim() || options.serviceName;
  // OTEL_RESOURCE_ATTRIBUTES adds to the resource; the service's name is OTEL_SERVICE_NAME's or the service's own.
  const resource = detectResources({ detectors: [envDetector] }).merge(resourceFromAttributes({ [ATTR_SERVICE_NAME]: serviceName }));
  if (exporters.length) {
    const provider = new NodeTracerProvider({ resource, spanProcessors: exporters.map((exporter) => new BatchSpanProcessor(exporter)) });
    provider.register();
    current = { serviceName, tracing: true, propagating: true, shutdown: () => provider.shutdown() };
  } else if (options.jsonLogs) {
    context.setGlobalContextManager(new AsyncLocalContextManager());
    current = { serviceName, tracing: false, propagating: true, shutdown: async () => undefined };
  } else {
    current = { ...current, serviceName };
  }
  return current;
}

function tracesExporters(env: NodeJS.ProcessEnv): SpanExporter[] {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return [];
  const named = (env.OTEL_TRACES_EXPORTER ?? '').split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  const unknown = named.filter((name) => !(EXPORTERS as readonly string[]).includes(name));
  if (unknown.length) throw new ObservabilityConfigurationError(`OTEL_TRACES_EXPORTER=${JSON.stringify(env.OTEL_TRACES_EXPORTER)}: one or more of ${EXPORTERS.join(', ')}`);
  if (named.includes('none')) return [];
  const endpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || env.OTEL_EXPORTER_OTLP_ENDPOINT;
  const wanted = named.length ? named : endpoint ? ['otlp'] : [];
  if (wanted.includes('otlp')) {
    for (const name of ['OTEL_EXPORTER_OTLP_TRACES_PROTOCOL', 'OTEL_EXPORTER_OTLP_PROTOCOL']) {
      const protocol = env[name]?.trim();
      if (protocol && protocol !== OTLP_PROTOCOL) throw new ObservabilityConfigurationError(`${name}=${JSON.stringify(protocol)}: the OTLP exporter speaks ${OTLP_PROTOCOL}`);
    }
  }
  return wanted.map((name) => (name === 'otlp' ? new OTLPTraceExporter() : new ConsoleSpanExporter()));
}
