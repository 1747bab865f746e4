import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Clock, seedMetadata } from '@serviceledger/platform/core';
import { CLOCK, Decisions } from '@serviceledger/platform/nest';
import {
  DEFAULT_SATISFACTION_SURVEY,
  DefineSatisfactionSurvey,
  satisfactionSurvey,
  satisfactionSurveyStream,
} from '@serviceledger/service-delivery/domain';

/** The default survey as follow-up visits were scored before surveys were versioned: 1–5, NPS asked, a comment below 3. */
export const SEED_SATISFACTION_SURVEY: DefineSatisfactionSurvey['data'] = {
  surveyId: DEFAULT_SATISFACTION_SURVEY,
  name: '回訪滿意度 Follow-up satisfaction',
  scale: { lowest: 1, highest: 5 },
  asksRecommendation: true,
  commentBelow: 3,
};

/**
 * Defines the default survey at start-up when it does not exist, so visits are recorded before anyone
 * defines one; nothing once it does, so a revision is never overwritten. The command id is fixed, so
 * two replicas seeding at once append the seed once.
 */
@Injectable()
export class SurveySeeder implements OnApplicationBootstrap {
  constructor(
    private readonly decisions: Decisions,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const stream = satisfactionSurveyStream(SEED_SATISFACTION_SURVEY.surveyId);
    if (await this.decisions.state(stream, satisfactionSurvey)) return;
    await this.decisions.decide(stream, satisfactionSurvey, {
      type: 'DefineSatisfactionSurvey',
      data: SEED_SATISFACTION_SURVEY,
      metadata: seedMetadata('service-delivery', `satisfaction-survey:${SEED_SATISFACTION_SURVEY.surveyId}`, this.clock.now()),
    });
  }
}
