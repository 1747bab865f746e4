import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsNumber, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { AsOfQuery, ConsistentQuery, IsIdentifier } from '@serviceledger/platform/nest';
import {
  INDICATORS,
  INDICATOR_RANGES,
  Indicator,
  MAX_REFERENCE_MINUTES,
  MAX_WEIGHT,
  SCORE_RANGE,
  TIME_INDICATORS,
} from '@serviceledger/quality-monitoring/domain';
import { IsBoundedNumbers } from '../bounded-numbers';
import { IsVersionNumber } from '../version-number';

const isIndicator = (name: string): name is Indicator => (INDICATORS as readonly string[]).includes(name);
const weightRange = (name: string) => (isIndicator(name) ? { min: 0, max: MAX_WEIGHT } : undefined);
const referenceRange = (name: string) => ((TIME_INDICATORS as readonly string[]).includes(name) ? { min: 1, max: MAX_REFERENCE_MINUTES } : undefined);
const indicatorRange = (name: string) => (isIndicator(name) ? INDICATOR_RANGES[name] : undefined);

export class ScoringSchemeDto {
  @ApiProperty()
  @IsString()
  @Length(1, 120)
  name!: string;

  @ApiProperty({
    description:
      `Weight (0 … ${MAX_WEIGHT}) per indicator, e.g. { "satisfaction": 4, "nps": 1, "responseCompliance": 3, "spotCheckScore": 1 }. ` +
      'Customer satisfaction (satisfaction, satisfiedShare, nps) must carry at least QUALITY_SATISFACTION_FLOOR_PERCENT (default 30) % ' +
      'of the total: 409 satisfaction-below-floor otherwise (G-1, 以客戶滿意度為衡量服務質量的核心標準)',
  })
  @IsBoundedNumbers(weightRange)
  weights!: Record<string, number>;

  @ApiPropertyOptional({
    description: `Business minutes (1 … ${MAX_REFERENCE_MINUTES}) at which a weighted time indicator (frtAverage, frtP90, ttrAverage, ttrP90) scores 0`,
  })
  @IsOptional()
  @IsBoundedNumbers(referenceRange)
  referenceMinutes?: Record<string, number>;
}

export class ScorecardQuery extends AsOfQuery {
  @ApiPropertyOptional({ enum: ['live', 'closed', 'adjusted'], description: 'Default: adjusted for a closed period, live otherwise' })
  @IsOptional()
  @IsIn(['live', 'closed', 'adjusted'])
  view?: 'live' | 'closed' | 'adjusted';

  @ApiPropertyOptional({ description: 'Live view: the scoring scheme (default: standard)' })
  @IsOptional()
  @IsIdentifier()
  scheme?: string;

  @ApiPropertyOptional({ description: 'Live view: the scheme version (default: the latest)' })
  @IsOptional()
  @Type(() => Number)
  @IsVersionNumber()
  version?: number;
}

export class RecomputationQuery extends ConsistentQuery {
  @ApiPropertyOptional({
    description: 'The scoring scheme to re-score under (default: the scheme and version the official figures were scored under; with only a version: standard)',
  })
  @IsOptional()
  @IsIdentifier()
  scheme?: string;

  @ApiPropertyOptional({ description: 'Its version (default, when a scheme is named: the latest)' })
  @IsOptional()
  @Type(() => Number)
  @IsVersionNumber()
  version?: number;

  @ApiPropertyOptional({
    description:
      'Re-run the clocks under other policies: "current" (the active policies as they stand now), or pinned versions over those, e.g. "standard-sla-p3@2,ola-network@1". Left out: the clocks as they ran.',
  })
  @IsOptional()
  @Matches(/^(current|[^,@\s]+@[1-9]\d*(,[^,@\s]+@[1-9]\d*)*)$/, { message: 'policies is "current" or a list of policyId@version' })
  policies?: string;
}

export class PersonQuery extends ConsistentQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  person?: string;
}

export class ExportQuery extends ConsistentQuery {
  @ApiPropertyOptional({ description: 'One period (YYYY-MM or YYYY-Qn), closed or still open (its live scorecards); default: every closed period' })
  @IsOptional()
  @Matches(/^\d{4}-(0[1-9]|1[0-2]|Q[1-4])$/)
  period?: string;
}

export class ClosePeriodDto {
  @ApiPropertyOptional({ description: 'Default: standard' })
  @IsOptional()
  @IsIdentifier()
  schemeId?: string;

  @ApiPropertyOptional({ description: 'Default: the latest version' })
  @IsOptional()
  @IsVersionNumber()
  version?: number;
}

export class AdjustScorecardDto {
  @ApiProperty()
  @IsString()
  @Length(1, 64)
  departmentId!: string;

  @ApiPropertyOptional({ description: 'Corrected indicator values, each within what the indicator can be, or null; the score is re-scored under the closed scheme' })
  @IsOptional()
  @IsBoundedNumbers(indicatorRange, { nullable: true })
  indicators?: Record<string, number | null>;

  @ApiPropertyOptional({ description: 'A corrected score', minimum: SCORE_RANGE.min, maximum: SCORE_RANGE.max })
  @IsOptional()
  @IsNumber()
  @Min(SCORE_RANGE.min)
  @Max(SCORE_RANGE.max)
  score?: number;

  @ApiProperty()
  @IsString()
  @Length(1, 2000)
  reason!: string;
}
