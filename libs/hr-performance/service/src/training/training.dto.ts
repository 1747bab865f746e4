import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Max, Min, ValidateIf, ValidateNested } from 'class-validator';
import { IsIdentifier, IsKey, PageQuery } from '@serviceledger/platform/nest';
import {
  MAX_ATTENDEES,
  MAX_PLAN_ITEMS,
  MAX_SCORE,
  ONBOARDING_TOPICS,
  OnboardingTopic,
  REGULAR_TRAINING_KINDS,
  RegularTrainingKind,
  TRAINING_KINDS,
  TrainingKind,
} from '@serviceledger/hr-performance/domain';
import { IsLocalDate } from '../employees/local-date';

/** The years a plan or a matrix may be asked for. */
export const MIN_YEAR = 2000;
export const MAX_YEAR = 2999;

export class PlanItemDto {
  @ApiProperty({ example: 'network-diagnostics', description: 'The training’s id: sessions deliver it, promotion criteria may require it' })
  @IsIdentifier()
  trainingId!: string;

  @ApiProperty({ enum: REGULAR_TRAINING_KINDS })
  @IsIn(REGULAR_TRAINING_KINDS)
  kind!: RegularTrainingKind;

  @ApiProperty({ example: 'Network diagnostics' })
  @IsString()
  @Length(1, 200)
  title!: string;

  @ApiProperty({ type: [String], description: 'The posts that must take it; empty: every post of the department' })
  @IsArray()
  @ArrayMaxSize(50)
  @IsIdentifier({ each: true })
  postIds!: string[];

  @ApiProperty({ example: '2026-06-30' })
  @IsLocalDate()
  dueBy!: string;
}

export class TrainingPlanDto {
  @ApiProperty({ type: [PlanItemDto], description: 'Must hold professional-skills, industry-knowledge and service-awareness trainings' })
  @IsArray()
  @ArrayMaxSize(MAX_PLAN_ITEMS)
  @ValidateNested({ each: true })
  @Type(() => PlanItemDto)
  items!: PlanItemDto[];
}

export class ScheduleSessionDto {
  @ApiProperty({ example: 'network-diagnostics' })
  @IsIdentifier()
  trainingId!: string;

  @ApiProperty({ enum: TRAINING_KINDS })
  @IsIn(TRAINING_KINDS)
  kind!: TrainingKind;

  @ApiPropertyOptional({ enum: ONBOARDING_TOPICS, description: 'The programme topic an onboarding session teaches', example: 'service-process' })
  @ValidateIf((dto: ScheduleSessionDto) => dto.kind === 'onboarding' || dto.topic !== undefined)
  @IsIn(ONBOARDING_TOPICS)
  topic?: OnboardingTopic;

  @ApiProperty({ example: 'Network diagnostics, part 1' })
  @IsString()
  @Length(1, 200)
  title!: string;

  @ApiProperty({ example: 'tech-support', description: 'The department it is organised for' })
  @IsIdentifier()
  departmentId!: string;

  @ApiProperty({ example: '2026-06-09' })
  @IsLocalDate()
  heldOn!: string;

  @ApiProperty({ example: 'Zhao Lei' })
  @IsString()
  @Length(1, 100)
  trainer!: string;
}

export class AttendeeDto {
  @ApiProperty({ example: 'tech-wang' })
  @IsKey()
  employeeId!: string;

  @ApiProperty()
  @IsBoolean()
  attended!: boolean;
}

export class AttendanceDto {
  @ApiProperty({ type: [AttendeeDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_ATTENDEES)
  @ValidateNested({ each: true })
  @Type(() => AttendeeDto)
  attendees!: AttendeeDto[];
}

export class TrainingResultDto {
  @ApiProperty({ example: 'tech-wang' })
  @IsKey()
  employeeId!: string;

  @ApiProperty({ description: 'Whether the assessment was passed: a pass completes the training' })
  @IsBoolean()
  passed!: boolean;

  @ApiPropertyOptional({ minimum: 0, maximum: MAX_SCORE, description: 'The assessment score; absent when not scored' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_SCORE)
  score?: number;
}

export class MatrixQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'tech-support' })
  @IsOptional()
  @IsIdentifier()
  department?: string;

  @ApiPropertyOptional({ example: 2026, description: 'The plans’ year; the current year by default' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(MIN_YEAR)
  @Max(MAX_YEAR)
  year?: number;
}
