import { serverSuiteDecision } from './kafka-broker';

describe('serverSuiteDecision: a suite whose server is missing', () => {
  const missing = 'No Kafka broker reachable at 127.0.0.1:9092.';

  it('runs whenever the server is reachable, in CI or not', () => {
    expect(serverSuiteDecision(true, missing, {})).toEqual({ run: true });
    expect(serverSuiteDecision(true, missing, { CI: 'true' })).toEqual({ run: true });
  });

  it('fails the run under CI=true (or any CI value but false/0), with the reason', () => {
    for (const CI of ['true', '1', 'TRUE', 'github-actions']) {
      expect(serverSuiteDecision(false, missing, { CI })).toEqual({ run: false, skip: false, reason: missing });
    }
  });

  it('is skipped with the reason when CI is unset, empty, false or 0', () => {
    for (const env of [{}, { CI: '' }, { CI: 'false' }, { CI: ' False ' }, { CI: '0' }]) {
      expect(serverSuiteDecision(false, missing, env)).toEqual({ run: false, skip: true, reason: missing });
    }
  });
});
