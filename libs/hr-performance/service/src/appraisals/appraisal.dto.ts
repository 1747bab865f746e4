import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsNumber, IsObject, IsOptional, IsString, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { ConsistentQuery, IsIdentifier, IsKey, PageQuery } from '@serviceledger/platform/nest';
import { MAX_APPRAISAL_INDICATORS, MAX_APPRAISAL_TEXT, MAX_APPRAISAL_WEIGHT, MAX_REFERENCE_MINUTES, QUALITY_INDICATORS } from '@serviceledger/hr-performance/domain';

const MONTH_OR_YEAR = /^\d{4}(-(0[1-9]|1[0-2]))?$/;

export class SchemeLineDto {
  @ApiProperty({ description: 'The line’s id within the scheme, a lower-case identifier' })
  @IsIdentifier()
  indicatorId!: string;

  @ApiProperty({ enum: ['quality', 'duty'] })
  @IsIn(['quality', 'duty'])
  source!: 'quality' | 'duty';

  @ApiPropertyOptional({ enum: QUALITY_INDICATORS, description: 'A quality line: the per-person indicator quality monitoring publishes' })
  @IsOptional()
  @IsIn(QUALITY_INDICATORS)
  indicator?: (typeof QUALITY_INDICATORS)[number];

  @ApiPropertyOptional({ description: 'A duty line: one of the post’s duties, as the post names it' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  duty?: string;

  @ApiProperty({ minimum: 0, maximum: MAX_APPRAISAL_WEIGHT })
  @IsNumber()
  @Min(0)
  @Max(MAX_APPRAISAL_WEIGHT)
  weight!: number;
}

export class ReferenceMinutesDto {
  @ApiPropertyOptional() @IsOptional() @IsNumber() @Min(1) @Max(MAX_REFERENCE_MINUTES) frtAverage?: number;
  @ApiPropertyOptional() @IsOptional() @IsNumber() @Min(1) @Max(MAX_REFERENCE_MINUTES) frtP90?: number;
  @ApiPropertyOptional() @IsOptional() @IsNumber() @Min(1) @Max(MAX_REFERENCE_MINUTES) ttrAverage?: number;
  @ApiPropertyOptional() @IsOptional() @IsNumber() @Min(1) @Max(MAX_REFERENCE_MINUTES) ttrP90?: number;
}

export class AppraisalSchemeDto {
  @ApiProperty()
  @IsString()
  @Length(1, 120)
  name!: string;

  @ApiProperty({
    type: [SchemeLineDto],
    description:
      'The post’s indicators with their weights. Customer satisfaction (satisfaction, satisfiedShare, nps) must carry at least ' +
      'HR_APPRAISAL_SATISFACTION_FLOOR_PERCENT (default 30) % of the total: 409 satisfaction-below-floor otherwise (一(三)1 客戶至上)',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_APPRAISAL_INDICATORS)
  @ValidateNested({ each: true })
  @Type(() => SchemeLineDto)
  lines!: SchemeLineDto[];

  @ApiPropertyOptional({ type: ReferenceMinutesDto, description: 'Business minutes at which a weighted time indicator scores 0' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ReferenceMinutesDto)
  referenceMinutes?: ReferenceMinutesDto;
}

export class AssessmentDto {
  @ApiProperty({ description: 'The head’s qualitative assessment' })
  @IsString()
  @Length(1, MAX_APPRAISAL_TEXT)
  assessment!: string;

  @ApiProperty({ description: 'The rating (0 … 100) of each duty line, by its indicatorId, e.g. { "onsite": 90 }' })
  @IsObject()
  ratings!: Record<string, number>;
}

export class AnnualReviewDto {
  @ApiProperty() @IsString() @Length(1, MAX_APPRAISAL_TEXT) goalsMet!: string;
  @ApiProperty() @IsString() @Length(1, MAX_APPRAISAL_TEXT) strengths!: string;
  @ApiProperty() @IsString() @Length(1, MAX_APPRAISAL_TEXT) developmentNeeds!: string;
}

export class AnnualAppraisalDto {
  @ApiProperty({ description: 'The employee appraised' })
  @IsKey()
  employeeId!: string;

  @ApiProperty({ description: 'The year, YYYY' })
  @Matches(/^\d{4}$/, { message: 'year must be YYYY' })
  year!: string;
}

export class RevisionDto {
  @ApiProperty({ description: 'Why the finalised appraisal is revised' })
  @IsString()
  @Length(1, MAX_APPRAISAL_TEXT)
  reason!: string;

  @ApiPropertyOptional({ description: 'A monthly appraisal: duty ratings changed, by indicatorId' })
  @IsOptional()
  @IsObject()
  ratings?: Record<string, number>;
}

export class AppraisalListQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'A month (YYYY-MM) or a year (YYYY)' })
  @IsOptional()
  @Matches(MONTH_OR_YEAR, { message: 'period must be YYYY-MM or YYYY' })
  period?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsIdentifier()
  department?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsKey()
  employee?: string;

  @ApiPropertyOptional({ enum: ['draft', 'assessed', 'finalised'] })
  @IsOptional()
  @IsIn(['draft', 'assessed', 'finalised'])
  status?: 'draft' | 'assessed' | 'finalised';

  @ApiPropertyOptional({ description: 'Only appraisals flagged for review (true) or not (false)' })
  @IsOptional()
  @Type(() => String)
  @IsIn(['true', 'false'])
  needsReview?: 'true' | 'false';
}

export class AppraisalDetailQuery extends ConsistentQuery {
  @ApiPropertyOptional({ description: 'Why the assessment and review are read (recorded); without it they are withheld, except from the employee' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  reason?: string;
}

export class RescoringQuery extends ConsistentQuery {
  @ApiProperty({ description: 'The scheme version of the appraisal’s post to re-score under' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  version!: number;
}

export class PeriodQuery extends ConsistentQuery {
  @ApiProperty({ description: 'A month (YYYY-MM) or a year (YYYY)' })
  @Matches(MONTH_OR_YEAR, { message: 'period must be YYYY-MM or YYYY' })
  period!: string;
}

export class AppraisalAccessQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Whose appraisals were read' })
  @IsOptional()
  @IsKey()
  employee?: string;
}
