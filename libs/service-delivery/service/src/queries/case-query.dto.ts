import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsISO8601, IsOptional, IsString, Length } from 'class-validator';
import { PageQuery } from '@serviceledger/platform/nest';
import { SERVICE_CASE_STATUSES, ServiceCaseStatus } from '@serviceledger/service-delivery/domain';

export const CASE_SORTS = ['openedAt', '-openedAt', 'updatedAt', '-updatedAt', 'reference', '-reference'] as const;
export type CaseSort = (typeof CASE_SORTS)[number];

const flag = () => Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value));

export class CaseListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: SERVICE_CASE_STATUSES })
  @IsOptional()
  @IsIn(SERVICE_CASE_STATUSES)
  status?: ServiceCaseStatus;

  @ApiPropertyOptional({ description: 'A department taking part in the case' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  department?: string;

  @ApiPropertyOptional({ description: 'The project manager' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  manager?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 64)
  customer?: string;

  @ApiPropertyOptional({ description: 'Only cases with an open milestone past its planned date' })
  @IsOptional()
  @flag()
  @IsBoolean()
  overdueMilestone?: boolean;

  @ApiPropertyOptional({ description: 'Only cases whose progress report is overdue or was missed (P-4.3)' })
  @IsOptional()
  @flag()
  @IsBoolean()
  overdueReport?: boolean;

  @ApiPropertyOptional({ enum: CASE_SORTS, default: '-openedAt' })
  @IsOptional()
  @IsIn(CASE_SORTS)
  sort: CaseSort = '-openedAt';
}

export class ImprovementQuery {
  @ApiProperty({ description: 'From (inclusive), ISO 8601', example: '2026-11-01T00:00:00+08:00' })
  @IsISO8601({ strict: true })
  from!: string;

  @ApiProperty({ description: 'To (exclusive), ISO 8601', example: '2026-12-01T00:00:00+08:00' })
  @IsISO8601({ strict: true })
  to!: string;
}
