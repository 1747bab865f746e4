import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsDefined, IsIn, IsInt, IsNumber, IsOptional, IsString, Length, Max, Min, ValidateNested } from 'class-validator';
import { ConsistentQuery, IsIdentifier, IsKey, PageQuery } from '@serviceledger/platform/nest';
import { BUSINESS_NEED_KINDS, BusinessNeedKind, MAX_PLAN_LINES } from '@serviceledger/resource/domain';
import { IsCalendarDate } from '../calendar-date';

/** An amount in CNY with at most two decimals (fen), up to 100 million: a quarter of one line, or one spend. */
const MAX_YUAN = 100_000_000;
const Yuan = (each = false) =>
  applyDecorators(IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false }, { each }), Min(0, { each }), Max(MAX_YUAN, { each }));

export class BusinessNeedDto {
  @ApiProperty({ enum: BUSINESS_NEED_KINDS, description: 'What kind of business need the line serves' }) @IsIn(BUSINESS_NEED_KINDS) kind!: BusinessNeedKind;
  @ApiProperty({ example: 'remote-support', description: 'The business category (for a category, or a demand trend in it), or the customer id' }) @IsString() @Length(1, 200) reference!: string;
  @ApiProperty({ example: 'Remote-support demands doubled in 2025' }) @IsString() @Length(1, 2000) note!: string;
}

export class RdPlanLineDto {
  @ApiProperty({ example: 'agent' }) @IsIdentifier() lineId!: string;
  @ApiProperty() @IsString() @Length(1, 200) title!: string;
  @ApiProperty({ type: BusinessNeedDto }) @IsDefined() @ValidateNested() @Type(() => BusinessNeedDto) need!: BusinessNeedDto;

  @ApiProperty({ type: [Number], example: [1000, 1000, 500, 500], description: 'The budget of each quarter, Q1 to Q4, in CNY' })
  @IsArray()
  @ArrayMinSize(4)
  @ArrayMaxSize(4)
  @Yuan(true)
  budget!: number[];
}

export class DraftRdPlanDto {
  @ApiProperty({ example: 2026 }) @IsInt() @Min(2000) @Max(2100) year!: number;
  @ApiProperty({ example: 'software-development' }) @IsIdentifier() departmentId!: string;
  @ApiProperty({ example: 'remote-diagnostics' }) @IsIdentifier() projectId!: string;
  @ApiProperty() @IsString() @Length(1, 200) projectName!: string;

  @ApiProperty({ type: [RdPlanLineDto] })
  @ValidateNested({ each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_PLAN_LINES)
  @Type(() => RdPlanLineDto)
  lines!: RdPlanLineDto[];
}

export class RecordRdSpendDto {
  @ApiProperty({ example: 'agent' }) @IsIdentifier() lineId!: string;
  @ApiProperty({ example: 300.5, description: 'CNY, at most two decimals, more than zero' }) @Yuan() @Min(0.01) amount!: number;
  @ApiProperty({ example: '2026-05-20' }) @IsCalendarDate() spentOn!: string;
  @ApiProperty() @IsString() @Length(1, 500) description!: string;
  @ApiPropertyOptional({ description: 'The invoice or voucher number' }) @IsOptional() @IsKey() reference?: string;
}

export class RequestBudgetRevisionDto {
  @ApiProperty({ example: 'agent' }) @IsIdentifier() lineId!: string;

  @ApiProperty({ type: [Number], example: [1000, 1500, 500, 500], description: 'The revised budget of each quarter, Q1 to Q4, in CNY' })
  @IsArray()
  @ArrayMinSize(4)
  @ArrayMaxSize(4)
  @Yuan(true)
  budget!: number[];

  @ApiProperty() @IsString() @Length(1, 2000) reason!: string;
}

export class DecisionReasonDto {
  @ApiProperty() @IsString() @Length(1, 2000) reason!: string;
}

export class RdPlanListQuery extends PageQuery {
  @ApiPropertyOptional({ example: 2026 }) @IsOptional() @Type(() => Number) @IsInt() @Min(2000) @Max(2100) year?: number;
  @ApiPropertyOptional() @IsOptional() @IsIdentifier() department?: string;
  @ApiPropertyOptional() @IsOptional() @IsIdentifier() project?: string;
}

export class RdVarianceQuery extends ConsistentQuery {
  @ApiProperty({ example: 2026 }) @Type(() => Number) @IsInt() @Min(2000) @Max(2100) year!: number;
  @ApiPropertyOptional() @IsOptional() @IsIdentifier() department?: string;
  @ApiPropertyOptional() @IsOptional() @IsIdentifier() project?: string;
}

/** CNY with two decimals → whole fen, the domain's unit. */
export const toFen = (yuan: number): number => Math.round(yuan * 100);
/** Whole fen → CNY. */
export const toYuan = (fen: number): number => fen / 100;
