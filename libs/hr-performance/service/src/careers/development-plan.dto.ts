import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, Length, Max, Min, ValidateNested } from 'class-validator';
import { MAX_PLAN_ENTRIES, MAX_REVIEW_INTERVAL_DAYS, POST_TRACKS, PostTrack } from '@serviceledger/hr-performance/domain';

/** A list of short entries: interests, strengths, goals, training opportunities. */
const entries = () => applyDecorators(IsArray(), ArrayMaxSize(MAX_PLAN_ENTRIES), IsString({ each: true }), Length(1, 500, { each: true }));

export class DevelopmentPathDto {
  @ApiProperty({ enum: POST_TRACKS })
  @IsIn(POST_TRACKS)
  track!: PostTrack;

  @ApiProperty({ example: 'M1', description: 'The level aimed at on the track' })
  @IsString()
  @Length(1, 32)
  targetLevel!: string;
}

export class DevelopmentPlanDto {
  @ApiProperty({ type: [String], example: ['Networks'] })
  @entries()
  interests!: string[];

  @ApiProperty({ type: [String], example: ['Calm with customers'] })
  @entries()
  strengths!: string[];

  @ApiProperty({ type: [String], example: ['Lead a support team within three years'] })
  @entries()
  goals!: string[];

  @ApiPropertyOptional({ type: DevelopmentPathDto, description: 'The development path offered: a track and the level aimed at' })
  @IsOptional()
  @ValidateNested()
  @Type(() => DevelopmentPathDto)
  path?: DevelopmentPathDto;

  @ApiProperty({ type: [String], example: ['Team leadership course'], description: 'The training opportunities offered' })
  @entries()
  trainingOpportunities!: string[];

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_REVIEW_INTERVAL_DAYS, default: MAX_REVIEW_INTERVAL_DAYS, description: 'Days between reviews: at least yearly' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_REVIEW_INTERVAL_DAYS)
  reviewIntervalDays?: number;
}

export class PlanReviewDto {
  @ApiProperty({ example: 'On track; added a mentoring goal' })
  @IsString()
  @Length(1, 5000)
  notes!: string;
}
