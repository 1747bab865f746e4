import { Body, Controller, Get, HttpCode, Put } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { CommandMetadata, NotFoundError } from '@serviceledger/platform/core';
import { RequirePermission } from '@serviceledger/platform/auth';
import { CommandContext, Commands, IdentifierParam } from '@serviceledger/platform/nest';
import { SatisfactionSurvey, latestSurveyVersion, satisfactionSurveys } from '@serviceledger/service-delivery/domain';
import { SatisfactionSurveyDto } from './survey.dto';

/**
 * Satisfaction surveys (P-6.1, C-2.1): how satisfaction is measured is a quality standard, defined by
 * those who manage the standards; everyone who reads delivery may read a survey and its versions.
 */
@Controller('service-delivery/satisfaction-surveys')
export class SatisfactionSurveysController {
  constructor(private readonly commands: Commands) {}

  @ApiOperation({ summary: 'Read a satisfaction survey' })
  @Get(':surveyId')
  @RequirePermission('delivery:read')
  async survey(@IdentifierParam('surveyId') surveyId: string): Promise<SatisfactionSurvey> {
    const survey = await this.commands.state(satisfactionSurveys, surveyId);
    if (!survey) throw new NotFoundError(satisfactionSurveys.name, surveyId);
    return survey;
  }

  /** Defines the survey, or revises it: a change is a new version, the same content again is none. */
  @ApiOperation({ summary: "Define a satisfaction survey's questions" })
  @Put(':surveyId')
  @HttpCode(200)
  @RequirePermission('quality-standards:manage')
  async define(@IdentifierParam('surveyId') surveyId: string, @Body() dto: SatisfactionSurveyDto, @CommandContext() metadata: CommandMetadata) {
    const existing = await this.commands.state(satisfactionSurveys, surveyId);
    const data = { surveyId, name: dto.name, scale: { lowest: dto.scale.lowest, highest: dto.scale.highest }, asksRecommendation: dto.asksRecommendation, commentBelow: dto.commentBelow };
    const { checkpoint, state } = await this.commands.decide(satisfactionSurveys, { type: existing ? 'ReviseSatisfactionSurvey' : 'DefineSatisfactionSurvey', data, metadata });
    return { id: surveyId, checkpoint, version: state ? latestSurveyVersion(state).version : undefined };
  }
}
