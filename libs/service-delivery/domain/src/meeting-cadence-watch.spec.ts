import { actor, commandsOf, deciderSpec, refused } from '@serviceledger/platform/testing/decider-spec';
import { MeetingCadenceCommand, MeetingCadenceEvent, meetingCadenceStream, meetingCadenceWatch } from './meeting-cadence-watch';

// 2026-12-02 is a Wednesday of ISO week 49 (Monday 2026-11-30 to Sunday 2026-12-06, Asia/Shanghai).
const SET_AT = '2026-12-02T02:00:00.000Z';
const WEEK_49 = { key: '2026-W49', from: '2026-11-30', to: '2026-12-06' };
const WEEK_49_ENDS = '2026-12-06T16:00:00.000Z';
const head = actor('director', ['general-manager'], []);
const scheduler = actor('service-delivery', [], []);
const command = commandsOf<MeetingCadenceCommand>({ at: SET_AT, actor: head });
const { when, stateAfter, refusal } = deciderSpec(meetingCadenceWatch);

const set = (expectedDepartments = ['tech-support', 'customer-service']) => command('SetMeetingCadence', { kind: 'weekly', expectedDepartments });
const note = (meetingId: string, reportingDepartments: string[], heldAt = '2026-12-04T02:00:00.000Z') =>
  command('NoteCadenceMeeting', { kind: 'weekly', meetingId, heldAt, reportingDepartments }, { actor: scheduler });
const close = (period = WEEK_49, at = WEEK_49_ENDS) => command('CloseMeetingPeriod', { kind: 'weekly', ...period }, { at, actor: scheduler });

const SET: MeetingCadenceEvent[] = [
  {
    type: 'MeetingCadenceSet',
    data: { kind: 'weekly', version: 1, expectedDepartments: ['customer-service', 'tech-support'], period: WEEK_49, setBy: 'director', setAt: SET_AT },
  },
];

describe('meeting cadence watch (C-1.1)', () => {
  it('keeps one stream per kind', () => {
    expect(meetingCadenceStream('weekly')).toBe('service-delivery.cadence-weekly');
  });

  describe('SetMeetingCadence', () => {
    it('names the departments expected to report, as version 1, from the period in force', () => {
      expect(when([], set())).toEqual(SET);
    });

    it('versions a change, and ignores setting the same departments again', () => {
      expect(when(SET, set(['customer-service', 'tech-support', 'software-development']))[0].data).toMatchObject({ version: 2 });
      expect(when(SET, set(['tech-support', 'customer-service']))).toEqual([]);
    });

    it.each([
      ['expected-departments-required', []],
      ['expected-departments-required', [' ']],
      ['department-expected-twice', ['tech-support', 'tech-support']],
    ])('refuses with %s', (code, departments) => {
      expect(refusal([], set(departments as string[]))).toMatchObject(refused(code));
    });

    it('refuses a cadence for project meetings, which follow their case', () => {
      expect(refusal([], command('SetMeetingCadence', { kind: 'project' as 'weekly', expectedDepartments: ['tech-support'] }))).toMatchObject(
        refused('not-a-cadence-kind'),
      );
    });
  });

  describe('NoteCadenceMeeting', () => {
    it('notes a meeting in its period, and the expected departments that did not report at it', () => {
      expect(when(SET, note('mt-1', ['tech-support', 'finance']))).toEqual([
        { type: 'CadenceMeetingHeld', data: { kind: 'weekly', periodKey: '2026-W49', meetingId: 'mt-1', heldAt: '2026-12-04T02:00:00.000Z' } },
        {
          type: 'DepartmentsDidNotReport',
          data: { kind: 'weekly', periodKey: '2026-W49', meetingId: 'mt-1', heldAt: '2026-12-04T02:00:00.000Z', cadenceVersion: 1, departmentIds: ['customer-service'] },
        },
      ]);
    });

    it('notes a meeting every expected department reported at without more', () => {
      expect(when(SET, note('mt-1', ['tech-support', 'customer-service'])).map((e) => e.type)).toEqual(['CadenceMeetingHeld']);
    });

    it('notes a meeting once, and none of a kind not watched or held before the watch began', () => {
      const noted = [...SET, ...when(SET, note('mt-1', ['tech-support']))];
      expect(when(noted, note('mt-1', ['tech-support']))).toEqual([]);
      expect(when([], note('mt-1', ['tech-support']))).toEqual([]);
      expect(when(SET, note('mt-0', [], '2026-11-27T02:00:00.000Z'))).toEqual([]);
    });
  });

  describe('CloseMeetingPeriod', () => {
    it('raises a missed meeting for a period without one, with the departments that were expected', () => {
      expect(when(SET, close())).toEqual([
        {
          type: 'MeetingMissed',
          data: { kind: 'weekly', period: WEEK_49, cadenceVersion: 1, expectedDepartments: ['customer-service', 'tech-support'], endedAt: WEEK_49_ENDS },
        },
      ]);
    });

    it('closes a period held with its meetings', () => {
      const noted = [...SET, ...when(SET, note('mt-1', ['tech-support', 'customer-service']))];
      expect(when(noted, close())).toEqual([{ type: 'MeetingPeriodClosed', data: { kind: 'weekly', period: WEEK_49, meetingIds: ['mt-1'] } }]);
      expect(stateAfter([...noted, ...when(noted, close())])).toMatchObject({ closedThrough: '2026-W49', held: {} });
    });

    it('closes each period once, and none before the watch began', () => {
      const missed = [...SET, ...when(SET, close())];
      expect(when(missed, close())).toEqual([]);
      expect(when(SET, close({ key: '2026-W48', from: '2026-11-23', to: '2026-11-29' }))).toEqual([]);
    });

    it('keeps a missed meeting raised when a meeting of its period is recorded late, and still names who did not report', () => {
      const missed = [...SET, ...when(SET, close())];
      expect(when(missed, note('mt-late', ['tech-support'])).map((e) => e.type)).toEqual(['DepartmentsDidNotReport']);
      expect(when(missed, note('mt-late', ['tech-support', 'customer-service']))).toEqual([]);
    });

    it('refuses to close a period before it ends', () => {
      expect(refusal(SET, close(WEEK_49, '2026-12-06T15:59:59.000Z'))).toMatchObject(refused('period-not-over'));
    });
  });
});
