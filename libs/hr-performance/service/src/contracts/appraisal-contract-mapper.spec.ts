import { EventEnvelope } from '@serviceledger/platform/core';
import { IntegrationMessage } from '@serviceledger/platform/messaging';
import { contractMapperSpec, eventStream } from '@serviceledger/platform/testing';
import { HR_APPRAISAL_CONTRACTS, HR_PROMOTION_CONTRACTS, HR_STAFF_TOPIC } from '@serviceledger/hr-performance/contracts';
import { AppraisalEvent, CareerEvent, appraisalStream, careerStream } from '@serviceledger/hr-performance/domain';
import { mapAppraisalEvent } from './appraisal-contract-mapper';

const AT = '2026-12-03T01:00:00.000Z';
const appraisalEvents = eventStream<AppraisalEvent>(appraisalStream('ts-lead.2026-11'));
const careerEvents = eventStream<CareerEvent>(careerStream('ts-lead'));
const appraisalOf = (event: AppraisalEvent) => appraisalEvents(event, { at: AT, by: 'hr-wu' });
const careerOf = (event: CareerEvent) => careerEvents(event, { at: AT, by: 'hr-wu' });
const mapOne = (event: EventEnvelope) => mapAppraisalEvent(event) as IntegrationMessage | undefined;

const lines = [{ indicatorId: 'onsite', source: 'duty' as const, duty: '現場服務規範', weight: 1, value: 90, normalised: 0.9 }];
const who = { appraisalId: 'ts-lead.2026-11', employeeId: 'ts-lead', departmentId: 'tech-support', postId: 'support-engineer', kind: 'monthly' as const, period: '2026-11', scheme: { postId: 'support-engineer', version: 1 } };
const history = {
  drafted: appraisalOf({ type: 'MonthlyAppraisalDrafted', data: { ...who, facts: { period: '2026-11', messageId: 'm', indicators: {} }, lines, score: null, draftedAt: AT } }),
  assessed: appraisalOf({ type: 'AppraisalAssessed', data: { appraisalId: who.appraisalId, employeeId: 'ts-lead', assessment: '主動跟進客戶', lines, score: 90, assessedBy: 'ts-head', assessedAt: AT } }),
  finalised: appraisalOf({ type: 'AppraisalFinalised', data: { ...who, score: 90, finalisedBy: 'hr-wu', finalisedAt: AT } }),
  flagged: appraisalOf({ type: 'AppraisalFlaggedForReview', data: { appraisalId: who.appraisalId, employeeId: 'ts-lead', departmentId: 'tech-support', adjustment: 1, reason: '漏計回訪', messageId: 'x', flaggedAt: AT } }),
  revised: appraisalOf({ type: 'AppraisalRevised', data: { ...who, revision: 1, reason: '回訪補錄後重評', lines, scoreBefore: 90, score: 95, revisedBy: 'hr-wu', revisedAt: AT } }),
  promoted: careerOf({
    type: 'PromotionDecided',
    data: {
      employeeId: 'ts-lead',
      departmentId: 'tech-support',
      trackId: 'professional',
      trackVersion: 1,
      fromLevel: 'P1',
      toLevel: 'P2',
      effectiveOn: '2026-12-01',
      evidence: { appraisals: [], trainingsCompleted: [] },
      unmet: [{ criterion: 'required-training', detail: 'required-training: not completed network-cert' }],
      exception: { reason: '關鍵項目急需' },
      decidedBy: 'hr-wu',
      decidedAt: AT,
    },
  }),
  raised: careerOf({
    type: 'PayAdjustmentRecorded',
    data: {
      employeeId: 'ts-lead',
      departmentId: 'tech-support',
      outcomeId: 'o',
      percent: 5,
      effectiveOn: '2027-01-01',
      appraisal: { appraisalId: 'ts-lead.2026', revision: 0, kind: 'annual', period: '2026', score: 90 },
      rule: { ruleBookId: 'standard', version: 1, ruleId: 'raise' },
      recordedBy: 'hr-wu',
      recordedAt: AT,
    },
  }),
};

describe('appraisal and promotion contract events', () => {
  const { schemaErrors, publishedTypes, internalTypes, contractTypes } = contractMapperSpec({ contracts: [...HR_APPRAISAL_CONTRACTS, ...HR_PROMOTION_CONTRACTS], map: mapAppraisalEvent });

  it('publishes a finalised appraisal keyed by the employee, without the assessment, valid against its schema', () => {
    const message = mapOne(history.finalised);
    expect(message).toMatchObject({ type: 'serviceledger.hr-performance.appraisal.finalised.v1', topic: HR_STAFF_TOPIC, key: 'ts-lead', subject: 'ts-lead' });
    expect(message!.data).toEqual({ ...who, score: 90, revision: 0, finalisedAt: AT, occurredAt: AT });
    expect(schemaErrors(message!)).toEqual([]);
  });

  it('publishes a revision as the appraisal finalised again with the next revision number, and not its reason', () => {
    const message = mapOne(history.revised);
    expect(message!.data).toMatchObject({ score: 95, revision: 1 });
    expect(JSON.stringify(message!.data)).not.toContain('回訪補錄後重評');
    expect(schemaErrors(message!)).toEqual([]);
  });

  it('publishes a promotion with the criteria that did not hold, and not the exception’s reason', () => {
    const message = mapOne(history.promoted);
    expect(message).toMatchObject({ type: 'serviceledger.hr-performance.promotion.decided.v1', key: 'ts-lead' });
    expect(message!.data).toEqual({
      employeeId: 'ts-lead',
      departmentId: 'tech-support',
      trackId: 'professional',
      trackVersion: 1,
      fromLevel: 'P1',
      toLevel: 'P2',
      effectiveOn: '2026-12-01',
      exception: true,
      unmetCriteria: ['required-training'],
      decidedAt: AT,
      occurredAt: AT,
    });
    expect(schemaErrors(message!)).toEqual([]);
  });

  it('publishes every contract from a whole history, and keeps drafts, assessments, flags and pay adjustments inside', () => {
    const all = Object.values(history);
    expect(publishedTypes(all)).toEqual(contractTypes);
    expect(internalTypes(all)).toEqual(['AppraisalAssessed', 'AppraisalFlaggedForReview', 'MonthlyAppraisalDrafted', 'PayAdjustmentRecorded']);
  });
});
