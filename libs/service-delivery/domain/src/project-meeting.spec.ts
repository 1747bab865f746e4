import { actor, commandsOf, deciderSpec, refused } from '@serviceledger/platform/testing/decider-spec';
import { Actor } from '@serviceledger/platform/core';
import {
  ProjectMeetingCommand,
  ProjectMeetingEvent,
  RecordProjectMeeting,
  projectMeeting,
  projectMeetingStream,
} from './project-meeting';

const HELD_AT = '2026-03-09T02:00:00.000Z';
const AT = '2026-03-09T06:00:00.000Z';
const manager = actor('zhang', ['project-manager'], ['software-development']);
const agent = actor('agent-1', ['agent'], ['customer-service']);
const li = actor('li', ['technician'], ['software-development']);
const head = actor('wang', ['department-head'], ['software-development']);
const otherHead = actor('zhou', ['department-head'], ['tech-support']);
/** Who owns each action of the minutes below. */
const owners: Record<number, Actor> = { 1: agent, 2: li };
const command = commandsOf<ProjectMeetingCommand>({ at: AT, actor: manager });
const { when, stateAfter, refusal } = deciderSpec(projectMeeting);

const minutes: RecordProjectMeeting['data'] = {
  meetingId: 'mt-1',
  kind: 'project',
  caseId: 'case-1',
  heldAt: HELD_AT,
  attendees: ['zhang', 'li', 'agent-1'],
  reports: [
    {
      departmentId: 'software-development',
      progress: 'Patch in test',
      problems: 'No test printer',
      solutions: 'Borrowed one',
    },
  ],
  decisions: ['Deploy on Friday'],
  actions: [
    { description: 'Book the deployment window', ownerId: 'agent-1', departmentId: 'software-development', dueAt: '2026-03-11T09:00:00.000Z' },
    { description: 'Write the rollback script', ownerId: 'li', departmentId: 'software-development', dueAt: '2026-03-12T09:00:00.000Z' },
  ],
};
const record = (overrides: Partial<RecordProjectMeeting['data']> = {}) =>
  command('RecordProjectMeeting', { ...minutes, ...overrides });
/** Completed by the action's owner unless another actor is named. */
const complete = (actionNumber = 1, outcome = 'Window booked for Friday 20:00', at = AT, by = owners[actionNumber] ?? manager) =>
  command('CompleteMeetingAction', { meetingId: 'mt-1', actionNumber, outcome }, { at, actor: by });

const RECORDED: ProjectMeetingEvent[] = [
  {
    type: 'ProjectMeetingRecorded',
    data: {
      ...minutes,
      actions: minutes.actions.map((action, index) => ({ ...action, actionNumber: index + 1 })),
      recordedBy: 'zhang',
    },
  },
];
const FIRST_DONE = [...RECORDED, ...when(RECORDED, complete())];

describe('project meeting (C-1.1)', () => {
  it('names its stream after the meeting', () => {
    expect(projectMeetingStream('mt-1')).toBe('service-delivery.meeting-mt-1');
  });

  it('refuses to complete an action of a meeting never recorded', () => {
    expect(refusal([], complete())).toMatchObject({ name: 'NotFoundError', what: 'Meeting', id: 'mt-1' });
  });

  describe('RecordProjectMeeting', () => {
    it('records the minutes with attendees, reports, decisions and numbered actions', () => {
      expect(when([], record())).toEqual(RECORDED);
      expect(stateAfter(RECORDED)?.actions).toEqual([
        { actionNumber: 1, ownerId: 'agent-1', departmentId: 'software-development', dueAt: '2026-03-11T09:00:00.000Z', done: false },
        { actionNumber: 2, ownerId: 'li', departmentId: 'software-development', dueAt: '2026-03-12T09:00:00.000Z', done: false },
      ]);
    });

    it('records a monthly meeting that belongs to no case', () => {
      const [event] = when([], record({ kind: 'monthly', caseId: undefined, actions: [] }));
      expect(event.data).not.toHaveProperty('caseId');
    });

    it.each<[string, Partial<RecordProjectMeeting['data']>]>([
      ['case-required', { caseId: undefined }],
      ['meeting-not-held-yet', { heldAt: '2026-03-10T02:00:00.000Z' }],
      ['invalid-instant', { heldAt: 'Monday morning' }],
      ['attendees-required', { attendees: [] }],
      [
        'report-progress-required',
        { reports: [{ departmentId: 'tech-support', progress: ' ', problems: '', solutions: '' }] },
      ],
      ['decision-required', { decisions: [' '] }],
      ['action-description-required', { actions: [{ description: '', ownerId: 'li', departmentId: 'software-development', dueAt: '2026-03-11T09:00:00.000Z' }] }],
      ['action-owner-required', { actions: [{ description: 'Call', ownerId: ' ', departmentId: 'software-development', dueAt: '2026-03-11T09:00:00.000Z' }] }],
      ['action-due-before-meeting', { actions: [{ description: 'Call', ownerId: 'li', departmentId: 'software-development', dueAt: '2026-03-08T09:00:00.000Z' }] }],
      ['invalid-instant', { actions: [{ description: 'Call', ownerId: 'li', departmentId: 'software-development', dueAt: 'soon' }] }],
      ['action-department-not-reporting', { actions: [{ description: 'Call', ownerId: 'zhou', departmentId: 'tech-support', dueAt: '2026-03-11T09:00:00.000Z' }] }],
      ['action-department-not-reporting', { reports: [], actions: [{ description: 'Call', ownerId: 'li', departmentId: 'software-development', dueAt: '2026-03-11T09:00:00.000Z' }] }],
    ])('refuses with %s', (code, overrides) => {
      expect(refusal([], record(overrides))).toMatchObject(refused(code));
    });

    it('refuses to record the same meeting twice', () => {
      expect(refusal(RECORDED, record())).toMatchObject(refused('meeting-already-recorded'));
    });
  });

  describe('CompleteMeetingAction', () => {
    it('marks an action done with its outcome, on time', () => {
      expect(FIRST_DONE[1]).toEqual({
        type: 'MeetingActionCompleted',
        data: {
          meetingId: 'mt-1',
          actionNumber: 1,
          outcome: 'Window booked for Friday 20:00',
          dueAt: '2026-03-11T09:00:00.000Z',
          late: false,
          completedBy: 'agent-1',
          completedAt: AT,
        },
      });
      expect(stateAfter(FIRST_DONE)?.actions[0].done).toBe(true);
    });

    it('marks an action done late', () => {
      expect(when(RECORDED, complete(2, 'Script written', '2026-03-13T09:00:00.000Z'))[0].data).toMatchObject({ late: true });
    });

    it.each([
      ['unknown-action', complete(3)],
      ['action-already-done', complete(1)],
      ['outcome-required', complete(2, ' ')],
    ])('refuses with %s', (code, cmd) => {
      expect(refusal(FIRST_DONE, cmd)).toMatchObject(refused(code));
    });

    it('lets the head of the department that took the action on complete it for its owner', () => {
      expect(when(RECORDED, complete(2, 'Script written', AT, head))[0].data).toMatchObject({ actionNumber: 2, completedBy: 'wang' });
    });

    it.each<[string, Actor]>([
      ['the meeting’s recorder', manager],
      ['the owner of another action', li],
      ['a head of another department', otherHead],
    ])('refuses the completion of someone else’s action by %s', (_, by) => {
      expect(refusal(RECORDED, complete(1, 'Booked', AT, by))).toMatchObject({
        ...refused('not-action-owner'),
        message: 'Action 1 of meeting mt-1 is completed by its owner agent-1 or a head of software-development (C-1.1)',
      });
    });

    it('leaves an action recorded before actions named their department to its owner alone', () => {
      const [recorded] = RECORDED;
      if (recorded.type !== 'ProjectMeetingRecorded') throw new Error('expected the minutes');
      const undepartmented: ProjectMeetingEvent[] = [
        { ...recorded, data: { ...recorded.data, actions: recorded.data.actions.map(({ departmentId: _, ...action }) => action) } },
      ];
      expect(refusal(undepartmented, complete(2, 'Script written', AT, head))).toMatchObject({
        ...refused('not-action-owner'),
        message: 'Action 2 of meeting mt-1 is completed by its owner li (C-1.1)',
      });
      expect(when(undepartmented, complete(2, 'Script written'))[0].data).toMatchObject({ completedBy: 'li' });
    });
  });

  describe('MarkMeetingActionOverdue', () => {
    const PAST_DUE = '2026-03-11T09:00:00.000Z';
    const overdue = (actionNumber = 1, at = PAST_DUE) =>
      command('MarkMeetingActionOverdue', { meetingId: 'mt-1', actionNumber, dueAt: minutes.actions[actionNumber - 1].dueAt }, { at, actor: actor('service-delivery', [], []) });

    it('marks an open action overdue once its due date passes, naming its owner and department', () => {
      const events = when(RECORDED, overdue());
      expect(events).toEqual([
        { type: 'MeetingActionOverdue', data: { meetingId: 'mt-1', actionNumber: 1, ownerId: 'agent-1', departmentId: 'software-development', dueAt: PAST_DUE } },
      ]);
      expect(stateAfter([...RECORDED, ...events])?.actions[0]).toMatchObject({ done: false, overdue: true });
    });

    it('marks it once, and never a completed action', () => {
      const marked = [...RECORDED, ...when(RECORDED, overdue())];
      expect(when(marked, overdue())).toEqual([]);
      expect(when(FIRST_DONE, overdue())).toEqual([]);
    });

    it('still lets the owner complete an overdue action, late', () => {
      const marked = [...RECORDED, ...when(RECORDED, overdue())];
      const [completed] = when(marked, complete(1, 'Booked at last', '2026-03-11T10:00:00.000Z'));
      expect(completed).toMatchObject({ type: 'MeetingActionCompleted', data: { late: true } });
    });

    it('refuses before the due date', () => {
      expect(refusal(RECORDED, overdue(1, '2026-03-10T09:00:00.000Z'))).toMatchObject(refused('action-not-due-yet'));
    });
  });
});
