import { actor, commandsOf, deciderSpec, refused } from '@serviceledger/platform/testing/decider-spec';
import {
  SatisfactionSurveyCommand,
  SatisfactionSurveyEvent,
  SurveyContent,
  latestSurveyVersion,
  satisfactionSurvey,
  satisfactionSurveyStream,
  surveyTerms,
  surveyVersion,
} from './satisfaction-survey';

const AT = '2026-03-02T09:00:00.000Z';
const LATER = '2026-04-01T09:00:00.000Z';
const monitor = actor('qm-zhao', ['quality-monitor'], []);
const command = commandsOf<SatisfactionSurveyCommand>({ at: AT, actor: monitor });
const { when, stateAfter, refusal } = deciderSpec(satisfactionSurvey);

const fivePoint: SurveyContent = { surveyId: 'follow-up', name: '回訪滿意度 Follow-up', scale: { lowest: 1, highest: 5 }, asksRecommendation: true, commentBelow: 3 };
const elevenPoint: SurveyContent = { ...fivePoint, scale: { lowest: 0, highest: 10 }, asksRecommendation: false, commentBelow: 7 };
const DEFINED: SatisfactionSurveyEvent[] = when([], command('DefineSatisfactionSurvey', fivePoint));
const REVISED: SatisfactionSurveyEvent[] = [...DEFINED, ...when(DEFINED, command('ReviseSatisfactionSurvey', elevenPoint, { at: LATER }))];

describe('satisfaction surveys (P-6.1, C-2.1)', () => {
  it('names its stream after the survey', () => {
    expect(satisfactionSurveyStream('follow-up')).toBe('service-delivery.satisfaction-survey-follow-up');
  });

  it('defines version 1, with who defined it and when', () => {
    expect(DEFINED).toEqual([{ type: 'SatisfactionSurveyDefined', data: { ...fivePoint, version: 1, definedAt: AT, definedBy: 'qm-zhao' } }]);
    expect(refusal(DEFINED, command('DefineSatisfactionSurvey', fivePoint))).toMatchObject(refused('survey-exists'));
  });

  it('makes each accepted change a new version and keeps the earlier ones', () => {
    expect(REVISED[1]).toEqual({ type: 'SatisfactionSurveyRevised', data: { ...elevenPoint, version: 2, definedAt: LATER, definedBy: 'qm-zhao' } });
    const survey = stateAfter(REVISED)!;
    expect(latestSurveyVersion(survey).version).toBe(2);
    expect(surveyVersion(survey).scale).toEqual({ lowest: 0, highest: 10 });
    expect(surveyVersion(survey, 1).scale).toEqual({ lowest: 1, highest: 5 });
    expect(() => surveyVersion(survey, 3)).toThrow(expect.objectContaining({ name: 'NotFoundError', what: 'Satisfaction survey version' }));
    expect(surveyTerms(surveyVersion(survey, 1))).toEqual({
      surveyId: 'follow-up',
      version: 1,
      scale: { lowest: 1, highest: 5 },
      asksRecommendation: true,
      commentBelow: 3,
    });
  });

  it('makes no version of an identical revision, the name compared trimmed', () => {
    expect(when(DEFINED, command('ReviseSatisfactionSurvey', { ...fivePoint, name: ` ${fivePoint.name} ` }))).toEqual([]);
    expect(when(REVISED, command('ReviseSatisfactionSurvey', fivePoint))).toHaveLength(1);
  });

  it('refuses to revise a survey never defined', () => {
    expect(refusal([], command('ReviseSatisfactionSurvey', fivePoint))).toMatchObject({ name: 'NotFoundError', what: 'Satisfaction survey', id: 'follow-up' });
  });

  it.each<[string, Partial<SurveyContent>]>([
    ['invalid-survey-id', { surveyId: 'Follow Up' }],
    ['survey-name-required', { name: ' ' }],
    ['invalid-scale', { scale: { lowest: 5, highest: 5 } }],
    ['invalid-scale', { scale: { lowest: 5, highest: 1 } }],
    ['invalid-scale', { scale: { lowest: -1, highest: 5 } }],
    ['invalid-scale', { scale: { lowest: 1, highest: 100 } }],
    ['invalid-scale', { scale: { lowest: 1, highest: 4.5 } }],
    ['invalid-comment-threshold', { commentBelow: 1 }],
    ['invalid-comment-threshold', { commentBelow: 6 }],
    ['invalid-comment-threshold', { commentBelow: 2.5 }],
    ['invalid-recommendation-question', { asksRecommendation: 'yes' as unknown as boolean }],
  ])('refuses with %s', (code, overrides) => {
    expect(refusal([], command('DefineSatisfactionSurvey', { ...fivePoint, ...overrides }))).toMatchObject(refused(code));
    expect(refusal(DEFINED, command('ReviseSatisfactionSurvey', { ...fivePoint, ...overrides }))).toMatchObject(refused(code));
  });
});
