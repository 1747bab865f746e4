import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsNumber, IsOptional, IsString, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { IsIdentifier, IsKey, PageQuery } from '@serviceledger/platform/nest';
import { MAX_BONUS_COEFFICIENT, MAX_DECISION_REASON, MAX_PAY_ADJUSTMENT_PERCENT, MAX_RULES, OUTCOME_KINDS, OutcomeKind } from '@serviceledger/hr-performance/domain';

export class OutcomeRuleDto {
  @ApiProperty() @IsIdentifier() ruleId!: string;
  @ApiProperty({ enum: OUTCOME_KINDS }) @IsIn(OUTCOME_KINDS) kind!: OutcomeKind;
  @ApiProperty({ enum: ['monthly', 'annual'] }) @IsIn(['monthly', 'annual']) cycle!: 'monthly' | 'annual';
  @ApiProperty({ minimum: 0, maximum: 100 }) @IsNumber() @Min(0) @Max(100) minScore!: number;
  @ApiPropertyOptional({ minimum: 0, maximum: 100, description: 'The band ends below this score' }) @IsOptional() @IsNumber() @Min(0) @Max(100) maxScore?: number;
  @ApiPropertyOptional() @IsOptional() @IsNumber() @Min(-MAX_PAY_ADJUSTMENT_PERCENT) @Max(MAX_PAY_ADJUSTMENT_PERCENT) payAdjustmentPercent?: number;
  @ApiPropertyOptional() @IsOptional() @IsNumber() @Min(0) @Max(MAX_BONUS_COEFFICIENT) bonusCoefficient?: number;
  @ApiPropertyOptional({ description: 'The training offered' }) @IsOptional() @IsIdentifier() trainingId?: string;
  @ApiPropertyOptional({ enum: ['management', 'professional'] }) @IsOptional() @IsIn(['management', 'professional']) trackId?: string;
}

export class OutcomeRulesDto {
  @ApiProperty({ type: [OutcomeRuleDto] })
  @IsArray()
  @ArrayMaxSize(MAX_RULES)
  @ValidateNested({ each: true })
  @Type(() => OutcomeRuleDto)
  rules!: OutcomeRuleDto[];
}

export class HrApprovalDto {
  @ApiPropertyOptional({ description: 'A pay adjustment’s effective date, YYYY-MM-DD (default: the day of approval)' })
  @IsOptional()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: 'effectiveOn must be YYYY-MM-DD' })
  effectiveOn?: string;
}

export class RejectionDto {
  @ApiProperty()
  @IsString()
  @Length(1, MAX_DECISION_REASON)
  reason!: string;
}

export class OutcomeListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['proposed', 'head-approved', 'approved', 'rejected'] })
  @IsOptional()
  @IsIn(['proposed', 'head-approved', 'approved', 'rejected'])
  status?: string;

  @ApiPropertyOptional() @IsOptional() @IsKey() employee?: string;
  @ApiPropertyOptional() @IsOptional() @IsIdentifier() department?: string;
}
