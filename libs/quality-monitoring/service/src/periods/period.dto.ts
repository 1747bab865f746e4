import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNumber, IsObject, IsOptional, IsString, Length, Matches, Min } from 'class-validator';
import { ConsistentQuery, IsIdentifier } from '@serviceledger/platform/nest';

export class ScoringSchemeDto {
  @ApiProperty()
  @IsString()
  @Length(1, 120)
  name!: string;

  @ApiProperty({ description: 'Weight (≥ 0) per indicator, e.g. { "responseCompliance": 3, "spotCheckScore": 1 }' })
  @IsObject()
  weights!: Record<string, number>;

  @ApiPropertyOptional({ description: 'Business minutes at which a weighted time indicator (frtAverage, frtP90, ttrAverage, ttrP90) scores 0' })
  @IsOptional()
  @IsObject()
  referenceMinutes?: Record<string, number>;
}

export class ScorecardQuery extends ConsistentQuery {
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
  @IsInt()
  @Min(1)
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
  @IsInt()
  @Min(1)
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
  @IsInt()
  @Min(1)
  version?: number;
}

export class AdjustScorecardDto {
  @ApiProperty()
  @IsString()
  @Length(1, 64)
  departmentId!: string;

  @ApiPropertyOptional({ description: 'Corrected indicator values; the score is re-scored under the closed scheme' })
  @IsOptional()
  @IsObject()
  indicators?: Record<string, number | null>;

  @ApiPropertyOptional({ description: 'A corrected score' })
  @IsOptional()
  @IsNumber()
  score?: number;

  @ApiProperty()
  @IsString()
  @Length(1, 2000)
  reason!: string;
}
