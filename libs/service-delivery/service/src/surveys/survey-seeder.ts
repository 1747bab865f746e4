import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Seed, Seeds } from '@serviceledger/platform/nest';
import {
  DEFAULT_SATISFACTION_SURVEY,
  SatisfactionSurveyCommand,
  SatisfactionSurveyEvent,
  SatisfactionSurveyState,
  satisfactionSurveys,
} from '@serviceledger/service-delivery/domain';

/**
 * The default survey as follow-up visits were scored before surveys were versioned: 1–5, NPS asked, a
 * comment below 3. Seeded so visits are recorded before anyone defines a survey; never once one exists,
 * so a revision is not overwritten.
 */
export const DEFAULT_SURVEY_SEED: Seed<SatisfactionSurveyCommand, SatisfactionSurveyEvent, SatisfactionSurveyState> = {
  aggregate: satisfactionSurveys,
  id: DEFAULT_SATISFACTION_SURVEY,
  isEmpty: (survey) => survey === null,
  commands: [
    {
      key: `satisfaction-survey:${DEFAULT_SATISFACTION_SURVEY}`,
      command: {
        type: 'DefineSatisfactionSurvey',
        data: {
          surveyId: DEFAULT_SATISFACTION_SURVEY,
          name: '回訪滿意度 Follow-up satisfaction',
          scale: { lowest: 1, highest: 5 },
          asksRecommendation: true,
          commentBelow: 3,
        },
      },
    },
  ],
};

/** Sows service-delivery's configuration at start-up. */
@Injectable()
export class SurveySeeder implements OnApplicationBootstrap {
  constructor(private readonly seeds: Seeds) {}

  onApplicationBootstrap(): Promise<void> {
    return this.seeds.sow('service-delivery', [DEFAULT_SURVEY_SEED]);
  }
}
