import { actor, commandsOf, deciderSpec, refused } from '@serviceledger/platform/testing/decider-spec';
import {
  FollowUpVisitCommand,
  FollowUpVisitEvent,
  RecordFollowUpVisit,
  ScheduleFollowUpVisit,
  followUpVisit,
  followUpVisitStream,
} from './follow-up-visit';
import { ProcessStage } from './process-stage';
import { SurveyTerms } from './satisfaction-survey';

const ACCEPTED_AT = '2026-03-25T09:00:00.000Z';
const DUE = '2026-04-01T09:00:00.000Z';
const VISITED_AT = '2026-04-02T10:00:00.000Z';
const agent = actor('agent-1', ['agent'], ['customer-service']);
const command = commandsOf<FollowUpVisitCommand>({ at: VISITED_AT, actor: agent });
const { when, stateAfter, refusal } = deciderSpec(followUpVisit);

const schedule: ScheduleFollowUpVisit['data'] = {
  visitId: 'case-1-visit-1',
  caseId: 'case-1',
  visitNumber: 1,
  customerId: 'c-1',
  departmentId: 'software-development',
  acceptedAt: ACCEPTED_AT,
  dueAt: DUE,
};
const SCHEDULED: FollowUpVisitEvent[] = [{ type: 'FollowUpVisitScheduled', data: schedule }];
const DUE_NOW: FollowUpVisitEvent[] = [
  ...SCHEDULED,
  { type: 'FollowUpVisitDue', data: { visitId: 'case-1-visit-1', caseId: 'case-1', dueAt: DUE } },
];

/** The default survey's first version (1–5, the recommendation asked, a comment below 3), and a 0–10 v2 without it. */
const SURVEY_V1: SurveyTerms = { surveyId: 'follow-up', version: 1, scale: { lowest: 1, highest: 5 }, asksRecommendation: true, commentBelow: 3 };
const SURVEY_V2: SurveyTerms = { surveyId: 'follow-up', version: 2, scale: { lowest: 0, highest: 10 }, asksRecommendation: false, commentBelow: 7 };

const markDue = (dueAt = DUE, at = DUE) => command('MarkFollowUpVisitDue', { visitId: 'case-1-visit-1', dueAt }, { at });
const record = (overrides: Partial<RecordFollowUpVisit['data']> = {}) =>
  command('RecordFollowUpVisit', {
    visitId: 'case-1-visit-1',
    channel: 'phone',
    survey: SURVEY_V1,
    satisfaction: 4,
    recommendation: 9,
    comments: ' Printing is fine; the manual is thin ',
    findings: [{ description: 'The manual does not cover error codes', stage: 'implementation' }],
    ...overrides,
  });
const cancel = (reason = 'Customer unreachable after three calls') =>
  command('CancelFollowUpVisit', { visitId: 'case-1-visit-1', reason });

const RECORDED = [...DUE_NOW, ...when(DUE_NOW, record())];
const CANCELLED = [...SCHEDULED, ...when(SCHEDULED, cancel())];

describe('follow-up visit (P-6.1, P-6.3)', () => {
  it('names its stream after the visit', () => {
    expect(followUpVisitStream('case-1-visit-1')).toBe('service-delivery.visit-case-1-visit-1');
  });

  it.each<FollowUpVisitCommand>([markDue(), record(), cancel()])('refuses $type for a visit never scheduled', (cmd) => {
    expect(refusal([], cmd)).toMatchObject({ name: 'NotFoundError', what: 'Follow-up visit', id: 'case-1-visit-1' });
  });

  describe('ScheduleFollowUpVisit', () => {
    it('schedules a visit after the acceptance', () => {
      expect(when([], command('ScheduleFollowUpVisit', schedule))).toEqual(SCHEDULED);
      expect(stateAfter(SCHEDULED)).toMatchObject({ status: 'scheduled', dueAt: DUE });
    });

    it('refuses a visit before the case was accepted', () => {
      const early = command('ScheduleFollowUpVisit', { ...schedule, dueAt: '2026-03-20T09:00:00.000Z' });
      expect(refusal([], early)).toMatchObject({
        ...refused('visit-before-acceptance'),
        message: expect.stringContaining('(P-6.1)'),
      });
    });

    it('refuses to schedule the same visit twice', () => {
      const again = command('ScheduleFollowUpVisit', schedule);
      expect(refusal(SCHEDULED, again)).toMatchObject(refused('visit-already-scheduled'));
    });
  });

  describe('MarkFollowUpVisitDue (scheduler)', () => {
    it('makes the visit due at its time', () => {
      expect(when(SCHEDULED, markDue())).toEqual([DUE_NOW[1]]);
      expect(stateAfter(DUE_NOW)?.status).toBe('due');
    });

    it.each([
      ['already due', DUE_NOW],
      ['recorded', RECORDED],
      ['cancelled', CANCELLED],
    ])('does nothing for a visit %s', (_status, given) => {
      expect(when(given, markDue())).toEqual([]);
    });

    it('does nothing for a due time the visit does not have', () => {
      expect(when(SCHEDULED, markDue('2026-04-05T09:00:00.000Z', '2026-04-05T09:00:00.000Z'))).toEqual([]);
    });

    it('refuses a due command sent before its time', () => {
      expect(refusal(SCHEDULED, markDue(DUE, '2026-03-30T09:00:00.000Z'))).toMatchObject(refused('visit-not-yet-due'));
    });
  });

  describe('RecordFollowUpVisit', () => {
    it('records satisfaction, recommendation, comments and findings tagged with their process stage', () => {
      expect(when(DUE_NOW, record())).toEqual([
        {
          type: 'FollowUpVisitRecorded',
          data: {
            visitId: 'case-1-visit-1',
            caseId: 'case-1',
            visitNumber: 1,
            channel: 'phone',
            survey: { surveyId: 'follow-up', version: 1, scale: { lowest: 1, highest: 5 } },
            satisfaction: 4,
            recommendation: 9,
            comments: 'Printing is fine; the manual is thin',
            findings: [{ description: 'The manual does not cover error codes', stage: 'implementation' }],
            dueAt: DUE,
            visitedBy: 'agent-1',
            visitedAt: VISITED_AT,
          },
        },
      ]);
      expect(stateAfter(RECORDED)?.status).toBe('completed');
    });

    it('records a visit made before it fell due, without a recommendation score', () => {
      const [event] = when(SCHEDULED, record({ recommendation: undefined, findings: [] }));
      expect(event.data).not.toHaveProperty('recommendation');
    });

    it('records a low score when the customer said why', () => {
      expect(when(DUE_NOW, record({ satisfaction: 2, comments: 'Printer on floor 2 fails again' }))).toHaveLength(1);
    });

    it.each<[string, Partial<RecordFollowUpVisit['data']>]>([
      ['invalid-satisfaction', { satisfaction: 0 }],
      ['invalid-satisfaction', { satisfaction: 6 }],
      ['invalid-satisfaction', { satisfaction: 3.5 }],
      ['invalid-recommendation', { recommendation: 11 }],
      ['invalid-recommendation', { recommendation: -1 }],
      ['low-score-needs-comment', { satisfaction: 2, comments: ' ' }],
      ['finding-description-required', { findings: [{ description: '', stage: 'planning' }] }],
      ['unknown-process-stage', { findings: [{ description: 'Slow', stage: 'billing' as ProcessStage }] }],
    ])('refuses with %s', (code, overrides) => {
      expect(refusal(DUE_NOW, record(overrides))).toMatchObject(refused(code));
    });

    it.each([
      ['visit-completed', RECORDED],
      ['visit-cancelled', CANCELLED],
    ])('refuses with %s', (code, given) => {
      expect(refusal(given, record())).toMatchObject(refused(code));
    });

    describe('bound to the survey version it answered', () => {
      it('keeps a response recorded under v1 on v1 once v2 exists: the event carries the version and its scale', () => {
        const [underV1] = when(DUE_NOW, record());
        const [underV2] = when(DUE_NOW, record({ survey: SURVEY_V2, satisfaction: 8, recommendation: undefined }));
        expect(underV1.data).toMatchObject({ survey: { surveyId: 'follow-up', version: 1, scale: { lowest: 1, highest: 5 } }, satisfaction: 4 });
        expect(underV2.data).toMatchObject({ survey: { surveyId: 'follow-up', version: 2, scale: { lowest: 0, highest: 10 } }, satisfaction: 8 });
      });

      it('scores satisfaction on the scale of the version answered', () => {
        expect(refusal(DUE_NOW, record({ satisfaction: 8 }))).toMatchObject({
          ...refused('invalid-satisfaction'),
          message: expect.stringContaining('1 to 5 on survey follow-up v1'),
        });
        expect(when(DUE_NOW, record({ survey: SURVEY_V2, satisfaction: 0, recommendation: undefined, comments: 'Nobody came' }))).toHaveLength(1);
        expect(refusal(DUE_NOW, record({ survey: SURVEY_V2, satisfaction: 11, recommendation: undefined }))).toMatchObject(refused('invalid-satisfaction'));
      });

      it('asks for a comment below the threshold of the version answered', () => {
        const withoutComment = { comments: undefined };
        expect(when(DUE_NOW, record({ ...withoutComment, satisfaction: 3 }))).toHaveLength(1);
        expect(refusal(DUE_NOW, record({ ...withoutComment, satisfaction: 2 }))).toMatchObject(refused('low-score-needs-comment'));
        const v2 = { ...withoutComment, survey: SURVEY_V2, recommendation: undefined };
        expect(when(DUE_NOW, record({ ...v2, satisfaction: 7 }))).toHaveLength(1);
        expect(refusal(DUE_NOW, record({ ...v2, satisfaction: 6 }))).toMatchObject({
          ...refused('low-score-needs-comment'),
          message: expect.stringContaining('below 7 on survey follow-up v2'),
        });
      });

      it('takes a recommendation only where the version asks for it', () => {
        expect(refusal(DUE_NOW, record({ survey: SURVEY_V2, satisfaction: 9, recommendation: 9 }))).toMatchObject(refused('recommendation-not-asked'));
        expect(when(DUE_NOW, record({ survey: { ...SURVEY_V2, asksRecommendation: true }, satisfaction: 9, recommendation: 10 }))[0].data).toMatchObject({
          recommendation: 10,
        });
      });
    });
  });

  describe('CancelFollowUpVisit', () => {
    it('cancels a visit with a reason', () => {
      expect(CANCELLED[1]).toEqual({
        type: 'FollowUpVisitCancelled',
        data: {
          visitId: 'case-1-visit-1',
          caseId: 'case-1',
          reason: 'Customer unreachable after three calls',
          cancelledBy: 'agent-1',
          cancelledAt: VISITED_AT,
        },
      });
      expect(stateAfter(CANCELLED)?.status).toBe('cancelled');
    });

    it.each([
      ['reason-required', DUE_NOW, cancel(' ')],
      ['visit-completed', RECORDED, cancel()],
      ['visit-cancelled', CANCELLED, cancel()],
    ])('refuses with %s', (code, given, cmd) => {
      expect(refusal(given, cmd)).toMatchObject(refused(code));
    });
  });
});
