import { Body, Controller, Get, HttpCode, Param, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CommandMetadata, HandleResult, NotFoundError } from '@serviceledger/platform/core';
import { RequirePermission } from '@serviceledger/platform/auth';
import { CommandContext, Decide, Decisions } from '@serviceledger/platform/nest';
import {
  SatisfactionSurvey,
  SatisfactionSurveyState,
  latestSurveyVersion,
  satisfactionSurvey,
  satisfactionSurveyStream,
} from '@serviceledger/service-delivery/domain';
import { SatisfactionSurveyDto } from './survey.dto';

/**
 * Satisfaction surveys (P-6.1, C-2.1): how satisfaction is measured is a quality standard, defined by
 * those who manage the standards; everyone who reads delivery may read a survey and its versions.
 */
@ApiTags('service-delivery: satisfaction surveys')
@ApiBearerAuth()
@Controller('service-delivery/satisfaction-surveys')
export class SatisfactionSurveysController {
  constructor(
    private readonly commands: CommandBus,
    private readonly decisions: Decisions,
  ) {}

  @Get(':surveyId')
  @RequirePermission('delivery:read')
  async survey(@Param('surveyId') surveyId: string): Promise<SatisfactionSurvey> {
    const survey = await this.decisions.state(satisfactionSurveyStream(surveyId), satisfactionSurvey);
    if (!survey) throw new NotFoundError('Satisfaction survey', surveyId);
    return survey;
  }

  /** Defines the survey, or revises it: a change is a new version, the same content again is none. */
  @Put(':surveyId')
  @HttpCode(200)
  @RequirePermission('quality-standards:manage')
  async define(@Param('surveyId') surveyId: string, @Body() dto: SatisfactionSurveyDto, @CommandContext() metadata: CommandMetadata) {
    const stream = satisfactionSurveyStream(surveyId);
    const existing = await this.decisions.state(stream, satisfactionSurvey);
    const data = { surveyId, name: dto.name, scale: { lowest: dto.scale.lowest, highest: dto.scale.highest }, asksRecommendation: dto.asksRecommendation, commentBelow: dto.commentBelow };
    const result: HandleResult<SatisfactionSurveyState> = await this.commands.execute(
      new Decide(stream, satisfactionSurvey, { type: existing ? 'ReviseSatisfactionSurvey' : 'DefineSatisfactionSurvey', data, metadata }),
    );
    return { id: surveyId, checkpoint: result.checkpoint, version: result.state ? latestSurveyVersion(result.state).version : undefined };
  }
}
