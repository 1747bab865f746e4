import { Logger } from '@nestjs/common';
import { context } from '@opentelemetry/api';
import { AsyncLocalContextManager, contextFrom, withCorrelation } from '@serviceledger/platform/observability';
import { JsonLogger } from './json-logger';

describe('JsonLogger (LOG_FORMAT=json)', () => {
  const lines: string[] = [];
  const logger = new JsonLogger(['log', 'warn', 'error'], (line) => lines.push(line));
  const parsed = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  beforeAll(() => context.setGlobalContextManager(new AsyncLocalContextManager()));
  afterAll(() => context.disable());
  beforeEach(() => lines.splice(0));

  it('writes one JSON object a line, with the level, service and Nest context', () => {
    logger.log('Listening on http://0.0.0.0:3000', 'Platform');
    logger.debug('not at this level', 'Platform');
    expect(lines.map((line) => line.endsWith('\n') && !line.slice(0, -1).includes('\n'))).toEqual([true]);
    expect(parsed()).toEqual([{ time: expect.any(String), level: 'info', service: 'serviceledger', context: 'Platform', message: 'Listening on http://0.0.0.0:3000' }]);
  });

  it('puts the trace and correlation ids of the work in hand on its lines, and an error\'s stack', async () => {
    const work = withCorrelation(contextFrom('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'), 'corr-7');
    await context.with(work, async () => {
      await Promise.resolve();
      logger.error('Relay intake: broker down', 'Error: broker down\n    at publish', 'Platform');
    });
    expect(parsed()).toEqual([
      {
        time: expect.any(String),
        level: 'error',
        service: 'serviceledger',
        context: 'Platform',
        message: 'Relay intake: broker down',
        stack: 'Error: broker down\n    at publish',
        trace_id: '4bf92f3577b34da6a3ce929d0e0e4736',
        span_id: '00f067aa0ba902b7',
        correlation_id: 'corr-7',
      },
    ]);
  });

  it('serves as Nest\'s logger: a Logger of any class writes through it', () => {
    Logger.overrideLogger(logger);
    new Logger('Consumer').warn('acknowledged a record of an unknown type');
    new Logger('Consumer').error('set aside a record');
    Logger.overrideLogger(['log', 'warn', 'error']);
    expect(parsed()).toEqual([
      { time: expect.any(String), level: 'warn', service: 'serviceledger', context: 'Consumer', message: 'acknowledged a record of an unknown type' },
      { time: expect.any(String), level: 'error', service: 'serviceledger', context: 'Consumer', message: 'set aside a record' },
    ]);
  });
});
