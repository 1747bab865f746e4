import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsNumber, IsOptional, IsString, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { ConsistentQuery, IsIdentifier, IsKey } from '@serviceledger/platform/nest';
import { MAX_DECISION_REASON, MAX_LEVELS, MAX_MONTHS_IN_LEVEL } from '@serviceledger/hr-performance/domain';

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export class MinAppraisalsDto {
  @ApiProperty({ enum: ['monthly', 'annual'] }) @IsIn(['monthly', 'annual']) cycle!: 'monthly' | 'annual';
  @ApiProperty({ minimum: 1, maximum: 24 }) @IsInt() @Min(1) @Max(24) count!: number;
  @ApiProperty({ minimum: 0, maximum: 100 }) @IsNumber() @Min(0) @Max(100) minScore!: number;
}

export class LevelCriteriaDto {
  @ApiPropertyOptional({ type: MinAppraisalsDto, description: 'The latest `count` finalised appraisals of the cycle each score at least `minScore`' })
  @IsOptional()
  @ValidateNested()
  @Type(() => MinAppraisalsDto)
  minAppraisals?: MinAppraisalsDto;

  @ApiProperty({ type: [String], description: 'Training ids to have completed' })
  @IsArray()
  @ArrayMaxSize(20)
  @IsIdentifier({ each: true })
  requiredTraining!: string[];

  @ApiProperty({ minimum: 0, maximum: MAX_MONTHS_IN_LEVEL })
  @IsInt()
  @Min(0)
  @Max(MAX_MONTHS_IN_LEVEL)
  minMonthsInLevel!: number;
}

export class TrackLevelDto {
  @ApiProperty({ description: 'The level (grade), e.g. P2 or M1' }) @IsKey() level!: string;
  @ApiProperty() @IsString() @Length(1, 120) name!: string;
  @ApiProperty({ type: LevelCriteriaDto, description: 'What promotion into this level takes' })
  @ValidateNested()
  @Type(() => LevelCriteriaDto)
  criteria!: LevelCriteriaDto;
}

export class PromotionTrackDto {
  @ApiProperty() @IsString() @Length(1, 120) name!: string;

  @ApiProperty({
    type: [TrackLevelDto],
    description: 'Lowest first',
    example: [
      { level: 'p1', name: '助理工程師', criteria: { requiredTraining: [], minMonthsInLevel: 0 } },
      { level: 'p2', name: '工程師', criteria: { requiredTraining: ['network-diagnostics'], minMonthsInLevel: 12 } },
    ],
  })
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(MAX_LEVELS)
  @ValidateNested({ each: true })
  @Type(() => TrackLevelDto)
  levels!: TrackLevelDto[];
}

export class ExceptionDto {
  @ApiProperty({ description: 'Why the promotion is decided although criteria do not hold' })
  @IsString()
  @Length(1, MAX_DECISION_REASON)
  reason!: string;
}

export class PromotionDto {
  @ApiProperty() @IsKey() employeeId!: string;
  @ApiProperty({ enum: ['management', 'professional'] }) @IsIn(['management', 'professional']) trackId!: 'management' | 'professional';
  @ApiProperty({ description: 'The next level on the track' }) @IsKey() toLevel!: string;
  @ApiProperty({ description: 'YYYY-MM-DD', example: '2027-01-01' }) @Matches(DATE, { message: 'effectiveOn must be YYYY-MM-DD' }) effectiveOn!: string;

  @ApiPropertyOptional({ type: ExceptionDto, description: 'Decide against criteria that do not hold, with the reason' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ExceptionDto)
  exception?: ExceptionDto;

  @ApiPropertyOptional({ description: 'The approved promotion nomination (outcome) this decides' })
  @IsOptional()
  @IsKey()
  outcomeId?: string;
}

export class CareerQuery extends ConsistentQuery {
  @ApiPropertyOptional({ description: 'The date to read the career as of, YYYY-MM-DD (default: today)' })
  @IsOptional()
  @Matches(DATE, { message: 'asOf must be YYYY-MM-DD' })
  asOf?: string;
}
