import { EventEnvelope } from '@serviceledger/platform/core';
import { followUpVisitSchedule, meetingActionSchedule, meetingCadenceSchedule, planDraftingSchedule, progressReportSchedule } from './delivery-schedules';

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

  it('closes a watched meeting kind’s period at its end, each closing planning the next (C-1.1)', () => {
    const w49 = { key: '2026-W49', from: '2026-11-30', to: '2026-12-06' };
    const w50 = { key: '2026-W50', from: '2026-12-07', to: '2026-12-13' };
    expect(meetingCadenceSchedule.changes(envelope('MeetingCadenceSet', { kind: 'weekly', version: 1, expectedDepartments: ['tech-support'], period: w49 }))).toEqual([
      { plan: { key: 'cadence:weekly:2026-W49', dueAt: '2026-12-06T16:00:00.000Z', type: 'CloseMeetingPeriod', data: { kind: 'weekly', ...w49 } } },
    ]);
    for (const type of ['MeetingMissed', 'MeetingPeriodClosed']) {
      expect(meetingCadenceSchedule.changes(envelope(type, { kind: 'weekly', period: w49 }))).toEqual([
        { plan: { key: 'cadence:weekly:2026-W50', dueAt: '2026-12-13T16:00:00.000Z', type: 'CloseMeetingPeriod', data: { kind: 'weekly', ...w50 } } },
      ]);
    }
  });

  it('notes a regular meeting in its period when recorded, and leaves project meetings to their case (C-1.1)', () => {
    const heldAt = '2026-12-04T02:00:00.000Z';
    const reports = [{ departmentId: 'tech-support' }];
    expect(meetingCadenceSchedule.changes(envelope('ProjectMeetingRecorded', { meetingId: 'mt-1', kind: 'weekly', heldAt, reports, actions: [] }))).toEqual([
      { plan: { key: 'cadence-note:mt-1', dueAt: heldAt, type: 'NoteCadenceMeeting', data: { kind: 'weekly', meetingId: 'mt-1', heldAt, reportingDepartments: ['tech-support'] } } },
    ]);
    expect(meetingCadenceSchedule.changes(envelope('ProjectMeetingRecorded', { meetingId: 'mt-2', kind: 'project', heldAt, reports, actions: [] }))).toEqual([]);
  });

  it('chases each meeting action at its due date until it is completed (C-1.1)', () => {
    const dueAt = '2026-12-08T09:00:00.000Z';
    expect(meetingActionSchedule.changes(envelope('ProjectMeetingRecorded', { meetingId: 'mt-1', actions: [{ actionNumber: 1, dueAt }] }))).toEqual([
      { plan: { key: 'meeting-action:mt-1:1', dueAt, type: 'MarkMeetingActionOverdue', data: { meetingId: 'mt-1', actionNumber: 1, dueAt } } },
    ]);
    expect(meetingActionSchedule.changes(envelope('MeetingActionCompleted', { meetingId: 'mt-1', actionNumber: 1 }))).toEqual([{ cancel: 'meeting-action:mt-1:1' }]);
    expect(meetingActionSchedule.changes(envelope('MeetingActionOverdue', { meetingId: 'mt-1', actionNumber: 1 }))).toEqual([]);
  });
});
