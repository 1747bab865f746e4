import { EventEnvelope } from '@serviceledger/platform/core';
import { IntegrationMessage } from '@serviceledger/platform/messaging';
import { contractMapperSpec, eventStream } from '@serviceledger/platform/testing';
import {
  QUALITY_CHECK_CONTRACTS,
  QUALITY_CHECK_TOPIC,
  QUALITY_FINDING_CONTRACTS,
  QUALITY_FINDING_TOPIC,
} from '@serviceledger/quality-monitoring/contracts';
import { DailyCheckRecorded, FindingEvent, dailyChecks, findingStream } from '@serviceledger/quality-monitoring/domain';
import { mapFindingEvent } from './finding-contract-mapper';

const f1 = eventStream<FindingEvent>(findingStream('f-1'));
const life: EventEnvelope[] = [
  f1({
    type: 'FindingRaised',
    data: { findingId: 'f-1', departmentId: 'tech-support', responsibleId: 'ts-lead', subject: '回訪記錄缺失', requirements: '每次上門後提交報告', caseId: 'd-1', raisedAt: '2026-12-01T02:00:00.000Z', raisedBy: 'qm-zhao' },
  }),
  f1({ type: 'RectificationMeasuresSubmitted', data: { findingId: 'f-1', round: 1, measures: '門口放清單', deadline: '2026-12-04T10:00:00.000Z', submittedAt: '2026-12-01T03:00:00.000Z', submittedBy: 'ts-lead' } }),
  f1({ type: 'RectificationReported', data: { findingId: 'f-1', round: 1, report: '已培訓五人', reportedAt: '2026-12-05T03:00:00.000Z', reportedBy: 'ts-lead', overdue: true } }),
  f1({ type: 'FindingRecheckFailed', data: { findingId: 'f-1', round: 1, notes: '仍有遺漏', failedAt: '2026-12-06T03:00:00.000Z', checkedBy: 'qm-zhao' } }),
  f1({ type: 'FindingRecheckPassed', data: { findingId: 'f-1', round: 2, notes: '已改善', passedAt: '2026-12-10T03:00:00.000Z', checkedBy: 'qm-zhao' } }),
];
const check = (data: Partial<DailyCheckRecorded['data']>) =>
  eventStream<DailyCheckRecorded>(`${dailyChecks.streamPrefix}${data.checkId}`)({
    type: 'DailyCheckRecorded',
    data: { checkId: 'c-1', caseId: 'd-1', departmentId: 'tech-support', kind: 'record-review', checkedAt: '2026-12-01T02:00:00.000Z', checkedBy: 'qm-zhao', ...data },
  });

describe('quality findings and daily checks as contract events (K-3.2 signals)', () => {
  const { schemaErrors, publishedTypes, contractTypes } = contractMapperSpec({ contracts: [...QUALITY_FINDING_CONTRACTS, ...QUALITY_CHECK_CONTRACTS], map: mapFindingEvent });
  const messages = (events: EventEnvelope[]) => events.map((e) => mapFindingEvent(e)).filter((m): m is IntegrationMessage => m !== undefined);

  it('publishes every finding and check contract from a finding’s rounds and a check, each valid against its schema', () => {
    const checks = [check({ personId: 'ts-lead', compliant: false, notes: '記錄不完整' }), check({ checkId: 'c-2', kind: 'spot-check', score: 82.5, scores: [{ itemId: 'greeting', score: 4 }] })];
    expect(publishedTypes([...life, ...checks])).toEqual(contractTypes);
    for (const m of messages([...life, ...checks])) expect(schemaErrors(m)).toEqual([]);
  });

  it('names the department and the responsible person, the deadline, the overdue report and the re-checks, and no free text', () => {
    const published = messages(life);
    expect(published.map((m) => [m.topic, m.key])).toEqual(life.map(() => [QUALITY_FINDING_TOPIC, 'f-1']));
    expect(published.map((m) => m.data)).toEqual([
      { findingId: 'f-1', departmentId: 'tech-support', responsibleId: 'ts-lead', caseId: 'd-1', raisedBy: 'qm-zhao', occurredAt: life[0].occurredAt },
      { findingId: 'f-1', round: 1, deadline: '2026-12-04T10:00:00.000Z', occurredAt: life[1].occurredAt },
      { findingId: 'f-1', round: 1, overdue: true, occurredAt: life[2].occurredAt },
      { findingId: 'f-1', round: 1, passed: false, checkedBy: 'qm-zhao', occurredAt: life[3].occurredAt },
      { findingId: 'f-1', round: 2, passed: true, checkedBy: 'qm-zhao', occurredAt: life[4].occurredAt },
    ]);
    expect(JSON.stringify(published)).not.toMatch(/回訪|清單|培訓|遺漏|改善/);
  });

  it('publishes a check’s result keyed by the case, without its notes or item scores', () => {
    const [review, spot] = messages([check({ personId: 'ts-lead', compliant: false, notes: '記錄不完整' }), check({ checkId: 'c-2', kind: 'spot-check', score: 82.5, scores: [{ itemId: 'greeting', score: 4 }] })]);
    expect(review).toMatchObject({ topic: QUALITY_CHECK_TOPIC, key: 'd-1', data: { checkId: 'c-1', kind: 'record-review', compliant: false, personId: 'ts-lead', departmentId: 'tech-support' } });
    expect(review.data).not.toHaveProperty('notes');
    expect(spot.data).toEqual({ checkId: 'c-2', caseId: 'd-1', departmentId: 'tech-support', kind: 'spot-check', score: 82.5, checkedBy: 'qm-zhao', occurredAt: spot.time });
  });
});
