import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsDefined, IsIn, IsOptional, IsString, Length, ValidateNested } from 'class-validator';
import { IsIdentifier, IsKey, PageQuery } from '@serviceledger/platform/nest';
import { LEAVING_REASONS, LeavingReason } from '@serviceledger/hr-performance/domain';
import { IsLocalDate } from './local-date';

export class RecruitmentAssessmentDto {
  @ApiProperty({ description: 'Whether the candidate has the professional knowledge the standards ask for' })
  @IsBoolean()
  knowledge!: boolean;

  @ApiProperty({ description: 'Whether the candidate has the skills the standards ask for' })
  @IsBoolean()
  skills!: boolean;

  @ApiProperty({ description: 'Whether the candidate shows the service attitude the standards ask for' })
  @IsBoolean()
  serviceAttitude!: boolean;
}

export class HireEmployeeDto {
  @ApiProperty({ example: 'tech-wang', description: 'The identity provider’s subject: the userId of the employee’s tokens' })
  @IsKey()
  employeeId!: string;

  @ApiProperty({ example: 'Wang Fang', description: 'Personal data: encrypted in the log, erasable after leaving' })
  @IsString()
  @Length(1, 100)
  name!: string;

  @ApiProperty({ example: 'support-engineer' })
  @IsIdentifier()
  postId!: string;

  @ApiProperty({ example: 'P1', description: 'Grade or level in the post’s track' })
  @IsString()
  @Length(1, 32)
  level!: string;

  @ApiProperty({ example: '2026-11-02' })
  @IsLocalDate()
  hiredOn!: string;

  @ApiProperty({ type: RecruitmentAssessmentDto, description: 'How the candidate measured up to the post’s recruitment standards in force (H-1.1): a hire meets all three' })
  @IsDefined()
  @ValidateNested()
  @Type(() => RecruitmentAssessmentDto)
  assessment!: RecruitmentAssessmentDto;
}

export class PlacementDto {
  @ApiProperty({ example: 'field-engineer' })
  @IsIdentifier()
  postId!: string;

  @ApiProperty({ example: 'P2' })
  @IsString()
  @Length(1, 32)
  level!: string;

  @ApiProperty({ example: '2027-03-01' })
  @IsLocalDate()
  from!: string;
}

export class LeavingDto {
  @ApiProperty({ example: '2027-01-31' })
  @IsLocalDate()
  leftOn!: string;

  @ApiProperty({ enum: LEAVING_REASONS })
  @IsIn(LEAVING_REASONS)
  reason!: LeavingReason;
}

export const EMPLOYMENT_STATES = ['employed', 'left'] as const;

export class EmployeeListQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'tech-support' })
  @IsOptional()
  @IsIdentifier()
  department?: string;

  @ApiPropertyOptional({ example: 'support-engineer' })
  @IsOptional()
  @IsIdentifier()
  post?: string;

  @ApiPropertyOptional({ enum: EMPLOYMENT_STATES, default: 'employed' })
  @IsOptional()
  @IsIn(EMPLOYMENT_STATES)
  state: (typeof EMPLOYMENT_STATES)[number] = 'employed';
}

export class DepartmentQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'tech-support' })
  @IsOptional()
  @IsIdentifier()
  department?: string;
}
