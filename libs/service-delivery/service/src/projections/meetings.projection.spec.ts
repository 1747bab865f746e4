import { MeetingCadenceEvent, ProjectMeetingEvent, ServiceCaseEvent, meetingCadenceStream, projectMeetingStream, serviceCaseStream } from '@serviceledger/service-delivery/domain';
import { eventStream, projectionSpec } from '@serviceledger/platform/testing';
import { MeetingActionRow } from './meeting-rows';
import { meetingsProjection } from './meetings.projection';

const caseOpened: ServiceCaseEvent = {
  type: 'ServiceCaseOpened',
  data: {
    caseId: 'case-1',
    demandId: 'd-1',
    reference: 'SR-2026-000001',
    customerId: 'c-1',
    departmentId: 'customer-service',
    ownerId: 'agent-1',
    complexity: 'complex',
    leadDepartmentId: 'network',
    responsibilities: [{ departmentId: 'facilities', responsibility: 'Access' }],
    responsibleDepartmentId: 'network',
    departments: ['customer-service', 'facilities'],
    planDueAt: '2026-03-04T09:00:00.000Z',
    progressReportIntervalHours: 72,
    followUpVisitOffsetsDays: [7, 30],
    openedAt: '2026-03-02T09:00:00.000Z',
  },
};

const recorded: ProjectMeetingEvent = {
  type: 'ProjectMeetingRecorded',
  data: {
    meetingId: 'm-1',
    kind: 'project',
    caseId: 'case-1',
    heldAt: '2026-03-05T10:00:00+08:00',
    attendees: ['pm-1', 'tech-1'],
    reports: [{ departmentId: 'network', progress: 'Cabling done', problems: 'None', solutions: 'None needed' }],
    decisions: ['Go live on Friday'],
    actions: [
      { actionNumber: 1, description: 'Book the downtime', ownerId: 'pm-1', dueAt: '2026-03-06T18:00:00+08:00' },
      { actionNumber: 2, description: 'Tell the customer', ownerId: 'agent-1', dueAt: '2026-03-06T12:00:00+08:00' },
    ],
    recordedBy: 'pm-1',
  },
};
const completed: ProjectMeetingEvent = {
  type: 'MeetingActionCompleted',
  data: { meetingId: 'm-1', actionNumber: 1, outcome: 'Booked for Friday 22:00', dueAt: '2026-03-06T10:00:00.000Z', late: false, completedBy: 'pm-1', completedAt: '2026-03-06T08:00:00.000Z' },
};

describe('meetings projection', () => {
  const projection = projectionSpec(meetingsProjection);

  it('keeps the minutes of a meeting, in UTC, with its reports and open actions', async () => {
    await projection.apply([eventStream<ProjectMeetingEvent>(projectMeetingStream('m-1'))(recorded, { at: '2026-03-05T03:00:00.000Z' })]);

    expect(await projection.rows('meeting')).toEqual([
      {
        meetingId: 'm-1',
        kind: 'project',
        caseId: 'case-1',
        heldAt: '2026-03-05T02:00:00.000Z',
        attendees: '["pm-1","tech-1"]',
        decisions: '["Go live on Friday"]',
        recordedBy: 'pm-1',
        recordedAt: '2026-03-05T03:00:00.000Z',
      },
    ]);
    expect(await projection.rows('report')).toEqual([{ meetingId: 'm-1', reportNumber: 1, departmentId: 'network', progress: 'Cabling done', problems: 'None', solutions: 'None needed' }]);
    expect(await projection.rows('action')).toEqual([
      { meetingId: 'm-1', actionNumber: 1, description: 'Book the downtime', ownerId: 'pm-1', dueAt: '2026-03-06T10:00:00.000Z', done: false, outcome: null, late: null, completedBy: null, completedAt: null, departmentId: null, markedOverdueAt: null },
      { meetingId: 'm-1', actionNumber: 2, description: 'Tell the customer', ownerId: 'agent-1', dueAt: '2026-03-06T04:00:00.000Z', done: false, outcome: null, late: null, completedBy: null, completedAt: null, departmentId: null, markedOverdueAt: null },
    ]);
  });

  it('marks an action done with its outcome, and keeps it done when the minutes are delivered again', async () => {
    const m1 = eventStream<ProjectMeetingEvent>(projectMeetingStream('m-1'));
    const events = [m1(recorded), m1(completed)];
    await projection.apply(events);
    const once = await projection.rows<MeetingActionRow>('action');

    await projection.apply(events.slice(0, 1));
    await projection.apply(events);

    expect(await projection.rows('action')).toEqual(once);
    expect(once[0]).toMatchObject({ done: true, outcome: 'Booked for Friday 22:00', late: false, completedBy: 'pm-1', completedAt: '2026-03-06T08:00:00.000Z' });
    expect(once[1]).toMatchObject({ done: false });
  });

  it('keeps the departments of each case from its opening, to scope its meetings', async () => {
    await projection.apply([eventStream<ServiceCaseEvent>(serviceCaseStream('case-1'))(caseOpened)]);

    expect(await projection.rows('case_department')).toEqual([
      { caseId: 'case-1', departmentId: 'customer-service' },
      { caseId: 'case-1', departmentId: 'facilities' },
      { caseId: 'case-1', departmentId: 'network' },
    ]);
  });

  it('marks an action overdue when the scheduler chases it, and keeps the mark once it is completed late (C-1.1)', async () => {
    const m1 = eventStream<ProjectMeetingEvent>(projectMeetingStream('m-1'));
    const overdue: ProjectMeetingEvent = { type: 'MeetingActionOverdue', data: { meetingId: 'm-1', actionNumber: 2, ownerId: 'agent-1', dueAt: '2026-03-06T04:00:00.000Z' } };
    const lateDone: ProjectMeetingEvent = {
      type: 'MeetingActionCompleted',
      data: { meetingId: 'm-1', actionNumber: 2, outcome: 'Told', dueAt: '2026-03-06T04:00:00.000Z', late: true, completedBy: 'agent-1', completedAt: '2026-03-07T01:00:00.000Z' },
    };
    await projection.apply([m1(recorded), m1(overdue, { at: '2026-03-06T04:00:00.000Z' })]);
    expect((await projection.rows<MeetingActionRow>('action'))[1]).toMatchObject({ done: false, markedOverdueAt: '2026-03-06T04:00:00.000Z' });

    await projection.apply([m1(lateDone)]);
    expect((await projection.rows<MeetingActionRow>('action'))[1]).toMatchObject({ done: true, late: true, markedOverdueAt: '2026-03-06T04:00:00.000Z' });
  });

  it('keeps the cadence as last set, each missed meeting, and each expected department that did not report (C-1.1)', async () => {
    const weekly = eventStream<MeetingCadenceEvent>(meetingCadenceStream('weekly'));
    const period = { key: '2026-W10', from: '2026-03-02', to: '2026-03-08' };
    const set = (version: number, expectedDepartments: string[]): MeetingCadenceEvent => ({
      type: 'MeetingCadenceSet',
      data: { kind: 'weekly', version, expectedDepartments, period, setBy: 'gm', setAt: '2026-03-02T01:00:00.000Z' },
    });
    await projection.apply([
      weekly(set(1, ['network'])),
      weekly(set(2, ['facilities', 'network'])),
      weekly({ type: 'CadenceMeetingHeld', data: { kind: 'weekly', periodKey: period.key, meetingId: 'm-2', heldAt: '2026-03-05T10:00:00+08:00' } }),
      weekly({ type: 'DepartmentsDidNotReport', data: { kind: 'weekly', periodKey: period.key, meetingId: 'm-2', heldAt: '2026-03-05T10:00:00+08:00', cadenceVersion: 2, departmentIds: ['facilities'] } }),
      weekly({ type: 'MeetingPeriodClosed', data: { kind: 'weekly', period, meetingIds: ['m-2'] } }),
      weekly({
        type: 'MeetingMissed',
        data: { kind: 'weekly', period: { key: '2026-W11', from: '2026-03-09', to: '2026-03-15' }, cadenceVersion: 2, expectedDepartments: ['facilities', 'network'], endedAt: '2026-03-15T16:00:00.000Z' },
      }),
    ]);

    expect(await projection.rows('cadence')).toEqual([
      { kind: 'weekly', version: 2, expectedDepartments: '["facilities","network"]', setBy: 'gm', setAt: '2026-03-02T01:00:00.000Z' },
    ]);
    expect(await projection.rows('unreported_department')).toEqual([
      { meetingId: 'm-2', departmentId: 'facilities', kind: 'weekly', periodKey: '2026-W10', heldAt: '2026-03-05T02:00:00.000Z' },
    ]);
    expect(await projection.rows('missed_meeting')).toEqual([
      { kind: 'weekly', periodKey: '2026-W11', periodFrom: '2026-03-09', periodTo: '2026-03-15', endedAt: '2026-03-15T16:00:00.000Z', expectedDepartments: '["facilities","network"]' },
    ]);
  });
});
