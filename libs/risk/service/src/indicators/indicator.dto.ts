import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min, ValidateBy, ValidateIf, ValidateNested } from 'class-validator';
import { IsIdentifier, IsKey } from '@serviceledger/platform/nest';
import { CALENDAR_UNITS, CalendarUnit, GROUP_KINDS, GroupKind, IndicatorDefinition, MAX_ROLLING_DAYS, MAX_THRESHOLD, RISK_CATEGORIES, RiskCategory, SignalValue } from '@serviceledger/risk/domain';

/** A contract event type: `serviceledger.<service>.<event>.v<n>`. */
const CONTRACT_TYPE = /^serviceledger\.[a-z0-9-]+\.[a-z0-9.-]+\.v[1-9]\d{0,2}$/;
/** A year and month, `YYYY-MM`. */
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const MAX_VALUE_LENGTH = 200;

/** Each value a string (200 characters at most), a number, a boolean or null. */
function AreSignalValues(): PropertyDecorator {
  return ValidateBy({
    name: 'areSignalValues',
    validator: {
      validate: (values: unknown) =>
        Array.isArray(values) &&
        values.every((v) => v === null || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v)) || (typeof v === 'string' && v.length <= MAX_VALUE_LENGTH)),
      defaultMessage: () => `$property must hold strings of at most ${MAX_VALUE_LENGTH} characters, numbers, booleans or null`,
    },
  });
}

export class FieldConditionDto {
  @ApiProperty({ example: 'caseKind' })
  @IsString()
  @Length(1, 64)
  field!: string;

  @ApiProperty({ type: 'array', items: {}, example: ['demand', 'complaint'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @AreSignalValues()
  oneOf!: SignalValue[];
}

export class SignalMatchDto {
  @ApiProperty({ example: 'serviceledger.quality-monitoring.clock.breached.v2' })
  @Matches(CONTRACT_TYPE, { message: '$property must be a contract event type serviceledger.<service>.<event>.v<n>' })
  type!: string;

  @ApiPropertyOptional({ type: [FieldConditionDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => FieldConditionDto)
  where?: FieldConditionDto[];
}

export class GroupingDto {
  @ApiProperty({ enum: GROUP_KINDS })
  @IsIn(GROUP_KINDS)
  kind!: GroupKind;

  @ApiPropertyOptional({ description: 'The signal field naming the group; none for the organisation', example: 'departmentId' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  field?: string;
}

export class WindowDto {
  @ApiProperty({ enum: ['rolling', 'calendar'] })
  @IsIn(['rolling', 'calendar'])
  kind!: 'rolling' | 'calendar';

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_ROLLING_DAYS, description: 'For a rolling window', example: 7 })
  @ValidateIf((window: WindowDto) => window.kind === 'rolling')
  @IsInt()
  @Min(1)
  @Max(MAX_ROLLING_DAYS)
  days?: number;

  @ApiPropertyOptional({ enum: CALENDAR_UNITS, description: 'For a calendar window' })
  @ValidateIf((window: WindowDto) => window.kind === 'calendar')
  @IsIn(CALENDAR_UNITS)
  unit?: CalendarUnit;
}

/** An indicator as data: what it counts, per what, over what window, and its threshold. */
export class IndicatorFieldsDto {
  @ApiProperty({ example: 'Complaints from one customer within 7 days' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ enum: RISK_CATEGORIES })
  @IsIn(RISK_CATEGORIES)
  category!: RiskCategory;

  @ApiProperty({ type: [SignalMatchDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => SignalMatchDto)
  counts!: SignalMatchDto[];

  @ApiProperty({ type: GroupingDto })
  @ValidateNested()
  @Type(() => GroupingDto)
  groupBy!: GroupingDto;

  @ApiProperty({ type: WindowDto })
  @ValidateNested()
  @Type(() => WindowDto)
  window!: WindowDto;

  @ApiProperty({ minimum: 1, maximum: MAX_THRESHOLD, example: 3 })
  @IsInt()
  @Min(1)
  @Max(MAX_THRESHOLD)
  threshold!: number;

  @ApiPropertyOptional({ description: 'The risk owner warned; absent: the category’s owner', example: 'risk-li' })
  @IsOptional()
  @IsKey()
  ownerId?: string;
}

export class DefineIndicatorDto extends IndicatorFieldsDto {
  @ApiProperty({ example: 'complaints-per-customer' })
  @IsIdentifier()
  indicatorId!: string;
}

export class RetireIndicatorDto {
  @ApiProperty({ example: 'Replaced by a per-department indicator' })
  @IsString()
  @Length(1, 2000)
  reason!: string;
}

export class CategoryOwnerDto {
  @ApiProperty({ example: 'risk-li' })
  @IsKey()
  ownerId!: string;
}

/** At most a year of signals is replayed in one back-test. */
export const MAX_BACK_TEST_MONTHS = 12;

export class BackTestDto extends DefineIndicatorDto {
  @ApiProperty({ example: '2026-09', description: 'The first month replayed (YYYY-MM, company time)' })
  @Matches(MONTH, { message: '$property must be a month YYYY-MM' })
  from!: string;

  @ApiProperty({ example: '2026-11', description: `The last month replayed, at most ${MAX_BACK_TEST_MONTHS} months after the first` })
  @Matches(MONTH, { message: '$property must be a month YYYY-MM' })
  to!: string;
}

/** The domain's definition from a validated request. */
export function definitionFrom(indicatorId: string, dto: IndicatorFieldsDto): IndicatorDefinition {
  const { name, category, counts, groupBy, window, threshold, ownerId } = dto;
  return {
    indicatorId,
    name,
    category,
    counts: counts.map(({ type, where }) => ({ type, ...(where ? { where: where.map(({ field, oneOf }) => ({ field, oneOf })) } : {}) })),
    groupBy: { kind: groupBy.kind, ...(groupBy.field ? { field: groupBy.field } : {}) },
    window: window.kind === 'rolling' ? { kind: 'rolling', days: window.days as number } : { kind: 'calendar', unit: window.unit as CalendarUnit },
    threshold,
    ...(ownerId ? { ownerId } : {}),
  };
}
