import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { IsIdentifier, IsKey, PageQuery } from '@serviceledger/platform/nest';
import { ImprovementMeasureStatus, PROCESS_STAGES } from '@serviceledger/quality-monitoring/domain';

const IMPROVEMENT_STATUSES: ImprovementMeasureStatus[] = ['open', 'done'];

export class RecordImprovementMeasureDto {
  @ApiProperty({ enum: PROCESS_STAGES, description: 'The stage of the service process it improves' })
  @IsIn(PROCESS_STAGES)
  stage!: string;

  @ApiProperty({ example: 'tech-support', description: 'The department that answers for it' })
  @IsIdentifier()
  departmentId!: string;

  @ApiProperty({ example: 'ts-head' })
  @IsKey()
  ownerId!: string;

  @ApiProperty() @IsString() @Length(1, 5000) description!: string;

  @ApiPropertyOptional({ description: 'What it answers: the period analysed, a pattern of problems' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  basis?: string;

  @ApiProperty({ example: '2026-12-31', description: 'A local date (Asia/Shanghai)' })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: 'dueOn must be a date, YYYY-MM-DD' })
  dueOn!: string;
}

export class FollowUpDto {
  @ApiProperty() @IsString() @Length(1, 5000) note!: string;
}

export class CompleteImprovementDto {
  @ApiProperty() @IsString() @Length(1, 5000) outcome!: string;
}

/** A quality finding raised from a measure: against the measure's stage, of its department unless named. */
export class FindingFromMeasureDto {
  @ApiPropertyOptional({ example: 'tech-support', description: "Defaults to the measure's department" })
  @IsOptional()
  @IsIdentifier()
  departmentId?: string;

  @ApiProperty({ example: 'ts-lead' })
  @IsKey()
  responsibleId!: string;

  @ApiProperty() @IsString() @Length(1, 200) subject!: string;
  @ApiProperty() @IsString() @Length(1, 5000) requirements!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 5000) suggestions?: string;
}

export class ImprovementListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: PROCESS_STAGES })
  @IsOptional()
  @IsIn(PROCESS_STAGES)
  stage?: string;

  @ApiPropertyOptional({ enum: IMPROVEMENT_STATUSES })
  @IsOptional()
  @IsIn(IMPROVEMENT_STATUSES)
  status?: ImprovementMeasureStatus;
}
