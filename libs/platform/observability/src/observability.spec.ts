import { ObservabilityConfigurationError, startObservability } from './observability';

const options = { serviceName: 'intake', jsonLogs: false };

describe('observability from the OTEL_* variables', () => {
  it('is off by default: nothing traced, no context kept, the process named after its service', () => {
    expect(startObservability({}, options)).toMatchObject({ serviceName: 'intake', tracing: false, propagating: false });
    expect(startObservability({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_TRACES_EXPORTER: 'none' }, options).tracing).toBe(false);
    expect(startObservability({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SDK_DISABLED: 'true' }, options).tracing).toBe(false);
  });

  it('keeps the context for structured logs without tracing, and takes OTEL_SERVICE_NAME over the default', () => {
    expect(startObservability({ OTEL_SERVICE_NAME: 'intake-eu' }, { ...options, jsonLogs: true })).toMatchObject({ serviceName: 'intake-eu', tracing: false, propagating: true });
  });

  it('refuses an exporter or an OTLP protocol it does not have, naming the variable', () => {
    expect(() => startObservability({ OTEL_TRACES_EXPORTER: 'jaeger' }, options)).toThrow(
      new ObservabilityConfigurationError('OTEL_TRACES_EXPORTER="jaeger": one or more of otlp, console, none'),
    );
    expect(() => startObservability({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4317', OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' }, options)).toThrow(
      new ObservabilityConfigurationError('OTEL_EXPORTER_OTLP_PROTOCOL="grpc": the OTLP exporter speaks http/json'),
    );
  });

  it('traces once an OTLP endpoint is set', async () => {
    const started = startObservability({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9', OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' }, options);
    expect(started).toMatchObject({ serviceName: 'intake', tracing: true, propagating: true });
    await started.shutdown();
  });
});
