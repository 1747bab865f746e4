import { actor, commandsOf, deciderSpec, refused } from '@serviceledger/platform/testing/decider-spec';
import { AttributeAfterSalesProblem, afterSalesAttribution, afterSalesAttributionStream } from './after-sales-attribution';

const AT = '2026-12-01T02:00:00.000Z';
const command = commandsOf<AttributeAfterSalesProblem>({ at: AT, actor: actor('quality-monitoring', [], []) });
const { when, stateAfter, refusal } = deciderSpec(afterSalesAttribution);
const attribute = (messageId: string, stage = 'implementation', resolvedAt = AT) =>
  command('AttributeAfterSalesProblem', { origin: 'intake', problemId: 'd-1', stage, resolvedAt, messageId });

describe('after-sales attribution (P-6.3): every after-sales problem, whichever way it came in, attributed to a process stage', () => {
  it('keeps one stream per problem and way in', () => {
    expect(afterSalesAttributionStream('intake', 'd-1')).toBe('quality-monitoring.attribution-intake-d-1');
    expect(afterSalesAttributionStream('service-delivery', 'p-1')).toBe('quality-monitoring.attribution-service-delivery-p-1');
  });

  it('records the stage a resolution names, once per message, the latest resolution counting', () => {
    const first = when([], attribute('msg-1'));
    expect(first).toEqual([
      { type: 'AfterSalesProblemAttributed', data: { origin: 'intake', problemId: 'd-1', stage: 'implementation', resolvedAt: AT, messageId: 'msg-1' } },
    ]);
    expect(when(first, attribute('msg-1'))).toEqual([]);
    const again = [...first, ...when(first, attribute('msg-2', 'planning', '2026-12-03T02:00:00.000Z'))];
    expect(stateAfter(again).latest).toEqual({ origin: 'intake', problemId: 'd-1', stage: 'planning', resolvedAt: '2026-12-03T02:00:00.000Z' });
  });

  it('refuses a stage the process does not have', () => {
    expect(refusal([], attribute('msg-1', 'billing'))).toMatchObject(refused('unknown-process-stage'));
  });
});
