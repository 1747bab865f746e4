import { EventEnvelope } from '@serviceledger/platform/core';
import { followUpVisitSchedule, planDraftingSchedule, progressReportSchedule } from './delivery-schedules';

const CASE = 'case-1';
const envelope = (type: string, data: object) => ({ type, data }) as EventEnvelope;

describe('service-delivery due times', () => {
  it('plans the drafting deadline when the plan opens and drops it once a version is submitted (P-3.1)', () => {
    const dueAt = '2026-12-03T01:00:00.000Z';
    expect(planDraftingSchedule.changes(envelope('ServicePlanOpened', { caseId: CASE, draftingDueAt: dueAt }))).toEqual([
      { plan: { key: `plan-drafting:${CASE}`, dueAt, type: 'MarkPlanDraftingOverdue', data: { caseId: CASE, dueAt } } },
    ]);
    expect(planDraftingSchedule.changes(envelope('PlanVersionSubmitted', { caseId: CASE, version: 1 }))).toEqual([{ cancel: `plan-drafting:${CASE}` }]);
    expect(planDraftingSchedule.changes(envelope('PlanChangesRequested', { caseId: CASE, version: 1 }))).toEqual([]);
  });

  it('plans each progress report due time as a row of its own (P-4.3)', () => {
    const first = '2026-12-04T01:00:00.000Z';
    const next = '2026-12-07T01:00:00.000Z';
    expect(progressReportSchedule.changes(envelope('DeliveryStarted', { caseId: CASE, nextReportDueAt: first }))).toEqual([
      { plan: { key: `report:${CASE}:${first}`, dueAt: first, type: 'MarkProgressReportMissed', data: { caseId: CASE, dueAt: first } } },
    ]);
    expect(progressReportSchedule.changes(envelope('ProgressReportMissed', { caseId: CASE, dueAt: first, nextReportDueAt: next }))).toEqual([
      { plan: { key: `report:${CASE}:${next}`, dueAt: next, type: 'MarkProgressReportMissed', data: { caseId: CASE, dueAt: next } } },
    ]);
    expect(progressReportSchedule.changes(envelope('AcceptanceOrganised', { caseId: CASE, round: 1 }))).toEqual([]);
  });

  it('makes a visit due at its date and forgets it once recorded or cancelled (P-6.1)', () => {
    const dueAt = '2026-12-10T01:00:00.000Z';
    const visitId = `${CASE}-visit-1`;
    expect(followUpVisitSchedule.changes(envelope('FollowUpVisitScheduled', { visitId, caseId: CASE, dueAt }))).toEqual([
      { plan: { key: `visit:${visitId}`, dueAt, type: 'MarkFollowUpVisitDue', data: { visitId, dueAt } } },
    ]);
    expect(followUpVisitSchedule.changes(envelope('FollowUpVisitRecorded', { visitId, caseId: CASE }))).toEqual([{ cancel: `visit:${visitId}` }]);
    expect(followUpVisitSchedule.changes(envelope('FollowUpVisitCancelled', { visitId, caseId: CASE }))).toEqual([{ cancel: `visit:${visitId}` }]);
    expect(followUpVisitSchedule.changes(envelope('FollowUpVisitDue', { visitId, caseId: CASE, dueAt }))).toEqual([]);
  });
});
