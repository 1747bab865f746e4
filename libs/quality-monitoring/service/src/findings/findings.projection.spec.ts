import { FindingEvent, findingStream } from '@serviceledger/quality-monitoring/domain';
import { eventStream, projectionSpec } from '@serviceledger/platform/testing';
import { FindingRow, findingsProjection } from './findings.projection';

const raised: FindingEvent = {
  type: 'FindingRaised',
  data: {
    findingId: 'f-1',
    departmentId: 'tech-support',
    responsibleId: 'tech-1',
    subject: 'Visit report missing',
    requirements: 'File a report after every visit',
    caseId: 'd-1',
    processStage: 'implementation',
    raisedAt: '2026-03-02T09:00:00.000Z',
    raisedBy: 'monitor-1',
  },
};
const measures = (round: number, deadline: string): FindingEvent => ({
  type: 'RectificationMeasuresSubmitted',
  data: { findingId: 'f-1', round, measures: 'Checklist at the door', deadline, submittedAt: '2026-03-03T09:00:00.000Z', submittedBy: 'tech-1' },
});
const reported = (round: number): FindingEvent => ({
  type: 'RectificationReported',
  data: { findingId: 'f-1', round, report: 'Done', reportedAt: '2026-03-05T09:00:00.000Z', reportedBy: 'tech-1', overdue: false },
});

describe('findings projection', () => {
  const projection = projectionSpec(findingsProjection);
  const finding = () => projection.rows<FindingRow>('finding').then(([row]) => row);

  it('lists a raised finding by department, status and the process stage it improves', async () => {
    const f1 = eventStream<FindingEvent>(findingStream('f-1'));
    await projection.apply([f1(raised)]);

    expect(await finding()).toEqual({
      findingId: 'f-1',
      departmentId: 'tech-support',
      responsibleId: 'tech-1',
      subject: 'Visit report missing',
      status: 'raised',
      round: 1,
      deadline: null,
      caseId: 'd-1',
      processStage: 'implementation',
      raisedAt: '2026-03-02T09:00:00.000Z',
      passedAt: null,
      state: expect.any(String),
      position: 0,
      updatedAt: '2026-03-02T09:00:00.000Z',
    });
  });

  it('reopens a finding whose re-check failed, for a new round with a new deadline, until it passes', async () => {
    const f1 = eventStream<FindingEvent>(findingStream('f-1'));
    await projection.apply([
      f1(raised),
      f1(measures(1, '2026-03-06T09:00:00.000Z')),
      f1(reported(1)),
      f1({ type: 'FindingRecheckFailed', data: { findingId: 'f-1', round: 1, notes: 'Still missing', failedAt: '2026-03-07T09:00:00.000Z', checkedBy: 'monitor-1' } }),
    ]);
    expect(await finding()).toMatchObject({ status: 'reopened', round: 2, deadline: '2026-03-06T09:00:00.000Z' });

    await projection.apply([
      f1(measures(2, '2026-03-13T09:00:00.000Z')),
      f1(reported(2)),
      f1({ type: 'FindingRecheckPassed', data: { findingId: 'f-1', round: 2, notes: 'Fine now', passedAt: '2026-03-14T09:00:00.000Z', checkedBy: 'monitor-1' } }),
    ]);

    const row = await finding();
    expect(row).toMatchObject({ status: 'passed', round: 2, deadline: '2026-03-13T09:00:00.000Z', passedAt: '2026-03-14T09:00:00.000Z' });
    expect(JSON.parse(row.state).rechecks).toEqual([
      { round: 1, passed: false, notes: 'Still missing', at: '2026-03-07T09:00:00.000Z', by: 'monitor-1' },
      { round: 2, passed: true, notes: 'Fine now', at: '2026-03-14T09:00:00.000Z', by: 'monitor-1' },
    ]);
  });

  it('changes nothing when events are delivered again', async () => {
    const f1 = eventStream<FindingEvent>(findingStream('f-1'));
    const events = [f1(raised), f1(measures(1, '2026-03-06T09:00:00.000Z'))];
    await projection.apply(events);
    const once = await projection.rows('finding');

    await projection.apply(events);

    expect(await projection.rows('finding')).toEqual(once);
  });
});
