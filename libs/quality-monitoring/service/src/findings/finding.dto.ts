import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsISO8601, IsOptional, IsString, Length } from 'class-validator';
import { IsIdentifier, IsKey, PageQuery } from '@serviceledger/platform/nest';
import { FindingStatus, PROCESS_STAGES } from '@serviceledger/quality-monitoring/domain';

export const FINDING_STATUSES: FindingStatus[] = ['raised', 'measures-submitted', 'reported', 'reopened', 'passed'];

export class RaiseFindingDto {
  @ApiProperty({ example: 'tech-support' })
  @IsIdentifier()
  departmentId!: string;

  @ApiProperty({ example: 'ts-lead' })
  @IsKey()
  responsibleId!: string;

  @ApiProperty()
  @IsString()
  @Length(1, 200)
  subject!: string;

  @ApiProperty({ description: 'What must be rectified' })
  @IsString()
  @Length(1, 5000)
  requirements!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 5000)
  suggestions?: string;

  @ApiPropertyOptional({ description: 'The demand the finding came from' })
  @IsOptional()
  @IsKey()
  caseId?: string;

  @ApiPropertyOptional({ enum: PROCESS_STAGES, description: 'The process stage it improves, answering after-sales findings (P-6.3)' })
  @IsOptional()
  @IsIn(PROCESS_STAGES)
  processStage?: string;
}

export class MeasuresDto {
  @ApiProperty()
  @IsString()
  @Length(1, 5000)
  measures!: string;

  @ApiProperty({ example: '2026-12-04T18:00:00+08:00' })
  @IsISO8601({ strict: true })
  deadline!: string;
}

export class ReportDto {
  @ApiProperty()
  @IsString()
  @Length(1, 10000)
  report!: string;
}

export class RecheckDto {
  @ApiProperty()
  @IsBoolean()
  passed!: boolean;

  @ApiProperty()
  @IsString()
  @Length(1, 5000)
  notes!: string;
}

export class FindingListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: FINDING_STATUSES })
  @IsOptional()
  @IsIn(FINDING_STATUSES)
  state?: FindingStatus;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 64)
  department?: string;

  @ApiPropertyOptional({ enum: PROCESS_STAGES, description: 'The improvements raised against a process stage (P-6.3)' })
  @IsOptional()
  @IsIn(PROCESS_STAGES)
  stage?: string;
}
