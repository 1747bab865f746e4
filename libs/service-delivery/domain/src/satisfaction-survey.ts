import { Aggregate, Command, Decider, NotFoundError, RuleViolation, streamOf } from '@serviceledger/platform/core';
import { requireText } from './required-text';

/**
 * Versioned satisfaction surveys (P-6.1, C-2.1; sla-and-metrics.md: "Surveys are versioned. A response
 * stays bound to the version it answered."): the scale satisfaction is scored on, whether the
 * recommendation (NPS) question is asked, and the score below which the customer's comment is required.
 * One stream per survey; each accepted change is a new version, an identical revision is none. A
 * follow-up visit records the version it answered, so a later revision never re-reads an old answer.
 */

/** Integer scores from lowest to highest, both included. */
export interface SatisfactionScale {
  lowest: number;
  highest: number;
}

/** How likely the customer is to recommend us, for NPS (sla-and-metrics.md: promoters 9–10, detractors 0–6). */
export const RECOMMENDATION_SCALE: SatisfactionScale = { lowest: 0, highest: 10 };

/** A satisfaction scale lies within the recommendation's 0–10; the public contract bounds the score by it. */
export const WIDEST_SATISFACTION_SCALE: SatisfactionScale = RECOMMENDATION_SCALE;

/** The survey a follow-up visit answers when none is named (seeded by the service). */
export const DEFAULT_SATISFACTION_SURVEY = 'follow-up';

export interface SurveyContent {
  surveyId: string;
  name: string;
  scale: SatisfactionScale;
  /** Whether the survey asks how likely the customer is to recommend us (0–10, for NPS). */
  asksRecommendation: boolean;
  /** A satisfaction below this is recorded only with the customer's comment. */
  commentBelow: number;
}

export interface SatisfactionSurveyVersion extends SurveyContent {
  version: number;
  definedAt: string;
  definedBy: string;
}

export interface SatisfactionSurvey {
  surveyId: string;
  versions: SatisfactionSurveyVersion[];
}
export type SatisfactionSurveyState = SatisfactionSurvey | null;

/** What an answer is validated against: one version of one survey. */
export type SurveyTerms = Omit<SatisfactionSurveyVersion, 'name' | 'definedAt' | 'definedBy'>;

export type DefineSatisfactionSurvey = Command<'DefineSatisfactionSurvey', SurveyContent>;
export type ReviseSatisfactionSurvey = Command<'ReviseSatisfactionSurvey', SurveyContent>;
export type SatisfactionSurveyCommand = DefineSatisfactionSurvey | ReviseSatisfactionSurvey;

export type SatisfactionSurveyDefined = { type: 'SatisfactionSurveyDefined'; data: SatisfactionSurveyVersion };
export type SatisfactionSurveyRevised = { type: 'SatisfactionSurveyRevised'; data: SatisfactionSurveyVersion };
export type SatisfactionSurveyEvent = SatisfactionSurveyDefined | SatisfactionSurveyRevised;

/** A survey id: a lower-case identifier, as it names the survey's stream. */
export const SURVEY_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;

export const satisfactionSurvey: Decider<SatisfactionSurveyCommand, SatisfactionSurveyEvent, SatisfactionSurveyState> = {
  initialState: () => null,
  evolve(state, event) {
    return { surveyId: event.data.surveyId, versions: [...(state?.versions ?? []), event.data] };
  },
  decide(command, state) {
    const content = validContent(command.data);
    const { surveyId } = content;
    const defined = { ...content, definedAt: command.metadata.at, definedBy: command.metadata.actor.userId };
    if (command.type === 'DefineSatisfactionSurvey') {
      if (state) throw new RuleViolation('survey-exists', `Satisfaction survey ${surveyId} is defined; revise it instead`);
      return [{ type: 'SatisfactionSurveyDefined', data: { ...defined, version: 1 } }];
    }
    if (!state) throw new NotFoundError('Satisfaction survey', surveyId);
    const current = latestSurveyVersion(state);
    if (sameContent(current, content)) return [];
    return [{ type: 'SatisfactionSurveyRevised', data: { ...defined, version: current.version + 1 } }];
  },
};

/** Satisfaction surveys: a quality standard of the whole installation, no department's. */
export const satisfactionSurveys: Aggregate<SatisfactionSurveyCommand, SatisfactionSurveyEvent, SatisfactionSurveyState> = {
  name: 'Satisfaction survey',
  streamPrefix: 'service-delivery.satisfaction-survey-',
  decider: satisfactionSurvey,
  idOf: (command) => command.data.surveyId,
  creates: ['DefineSatisfactionSurvey'],
};

export const satisfactionSurveyStream = (surveyId: string): string => streamOf(satisfactionSurveys, surveyId);

export function latestSurveyVersion(survey: SatisfactionSurvey): SatisfactionSurveyVersion {
  return survey.versions[survey.versions.length - 1];
}

export function surveyVersion(survey: SatisfactionSurvey, version?: number): SatisfactionSurveyVersion {
  if (version === undefined) return latestSurveyVersion(survey);
  const found = survey.versions.find((v) => v.version === version);
  if (!found) throw new NotFoundError('Satisfaction survey version', `${survey.surveyId} v${version}`);
  return found;
}

/** The terms of a version, as a follow-up visit's answer is bound to them. */
export function surveyTerms({ surveyId, version, scale, asksRecommendation, commentBelow }: SatisfactionSurveyVersion): SurveyTerms {
  return { surveyId, version, scale: { ...scale }, asksRecommendation, commentBelow };
}

export function isOnScale(score: number, scale: SatisfactionScale): boolean {
  return Number.isInteger(score) && score >= scale.lowest && score <= scale.highest;
}

function validContent(data: SurveyContent): SurveyContent {
  const { surveyId, scale, asksRecommendation, commentBelow } = data;
  if (typeof surveyId !== 'string' || !SURVEY_ID_PATTERN.test(surveyId)) {
    throw new RuleViolation('invalid-survey-id', 'A survey id is a lower-case identifier of up to 64 letters, digits and dashes');
  }
  const name = requireText(data.name, 'survey-name-required', `Satisfaction survey ${surveyId} needs a name`);
  const { lowest, highest } = scale ?? {};
  const widest = WIDEST_SATISFACTION_SCALE;
  if (!isOnScale(lowest, widest) || !isOnScale(highest, widest) || lowest >= highest) {
    throw new RuleViolation(
      'invalid-scale',
      `A satisfaction scale runs from a lower to a higher whole score within ${widest.lowest}–${widest.highest}, not ${lowest}–${highest}`,
    );
  }
  // The spec's "a low score requires a comment": at least the lowest score does.
  if (!Number.isInteger(commentBelow) || commentBelow <= lowest || commentBelow > highest) {
    throw new RuleViolation(
      'invalid-comment-threshold',
      `The score below which a comment is required lies above ${lowest} and at most ${highest}, not ${commentBelow}`,
    );
  }
  if (typeof asksRecommendation !== 'boolean') {
    throw new RuleViolation('invalid-recommendation-question', 'Say whether the survey asks the recommendation question');
  }
  return { surveyId, name, scale: { lowest, highest }, asksRecommendation, commentBelow };
}

function sameContent(a: SurveyContent, b: SurveyContent): boolean {
  return (
    a.name === b.name &&
    a.scale.lowest === b.scale.lowest &&
    a.scale.highest === b.scale.highest &&
    a.asksRecommendation === b.asksRecommendation &&
    a.commentBelow === b.commentBelow
  );
}
