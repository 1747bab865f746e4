import { eventStream, projectionSpec } from '@serviceledger/platform/testing';
import { OutcomeEvent, outcomeStream } from '@serviceledger/hr-performance/domain';
import { OutcomeRow, outcomesProjection } from './outcomes.projection';

const id = 'ts-lead.2026-11.r0.bonus-good';
const proposed: OutcomeEvent = {
  type: 'OutcomeProposed',
  data: {
    outcomeId: id,
    employeeId: 'ts-lead',
    departmentId: 'tech-support',
    kind: 'bonus',
    proposal: { bonusCoefficient: 1.2 },
    appraisal: { appraisalId: 'ts-lead.2026-11', revision: 0, kind: 'monthly', period: '2026-11', score: 89.5 },
    rule: { ruleBookId: 'standard', version: 1, ruleId: 'bonus-good' },
    proposedAt: '2026-12-03T01:00:00.000Z',
  },
};
const approved = (stage: 'head' | 'hr', by: string): OutcomeEvent => ({ type: 'OutcomeApproved', data: { outcomeId: id, employeeId: 'ts-lead', stage, approvedBy: by, approvedAt: '2026-12-04T01:00:00.000Z' } });

describe('outcomes projection', () => {
  const projection = projectionSpec(outcomesProjection);
  const outcome = () => projection.rows<OutcomeRow>('outcome').then(([row]) => row);

  it('lists an outcome by status, department and person, awaiting the head, then HR, then approved', async () => {
    const stream = eventStream<OutcomeEvent>(outcomeStream(id));
    await projection.apply([stream(proposed)]);
    expect(await outcome()).toEqual({
      outcomeId: id,
      employeeId: 'ts-lead',
      departmentId: 'tech-support',
      kind: 'bonus',
      status: 'proposed',
      appraisalId: 'ts-lead.2026-11',
      period: '2026-11',
      proposedAt: '2026-12-03T01:00:00.000Z',
      state: expect.any(String),
    });
    await projection.apply([stream(approved('head', 'ts-head'))]);
    expect(await outcome()).toMatchObject({ status: 'head-approved' });
    await projection.apply([stream(approved('hr', 'hr-wu'))]);
    const row = await outcome();
    expect(row.status).toBe('approved');
    expect(JSON.parse(row.state)).toMatchObject({ rule: { version: 1, ruleId: 'bonus-good' }, decisions: [{ stage: 'head', by: 'ts-head' }, { stage: 'hr', by: 'hr-wu' }] });
  });

  it('changes nothing when events are delivered again', async () => {
    const stream = eventStream<OutcomeEvent>(outcomeStream(id));
    const events = [stream(proposed), stream(approved('head', 'ts-head'))];
    await projection.apply(events);
    const once = await projection.rows('outcome');
    await projection.apply(events);
    expect(await projection.rows('outcome')).toEqual(once);
  });
});
