import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  ANY,
  DEMAND_KINDS,
  ESCALATION_ACTIONS,
  MAX_ESCALATION_LEVELS,
  MAX_ESCALATION_OFFSET_MINUTES,
  MAX_TARGET_MINUTES,
  METRICS,
  POLICY_KINDS,
  PRIORITIES,
} from '@serviceledger/quality-monitoring/domain';
import { IsIdentifier, IsKey } from '@serviceledger/platform/nest';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class WorkingIntervalDto {
  @ApiProperty({ example: '09:00' })
  @Matches(TIME, { message: 'start is a local time HH:MM' })
  start!: string;

  @ApiProperty({ example: '12:00' })
  @Matches(TIME, { message: 'end is a local time HH:MM (24:00 for midnight)' })
  end!: string;
}

const dayProperty = () => [
  ApiPropertyOptional({ type: [WorkingIntervalDto] }),
  IsOptional(),
  ValidateNested({ each: true }),
  ArrayMaxSize(12),
  Type(() => WorkingIntervalDto),
];

function Day(): PropertyDecorator {
  return (target, key) => dayProperty().forEach((decorate) => decorate(target, key));
}

const OFFICE_DAY = [
  { start: '09:00', end: '12:00' },
  { start: '13:30', end: '18:00' },
];
const OFFICE_WEEK = { monday: OFFICE_DAY, tuesday: OFFICE_DAY, wednesday: OFFICE_DAY, thursday: OFFICE_DAY, friday: OFFICE_DAY };

/** Working intervals per weekday; a weekday left out keeps (or, on a new calendar, has no) working time. */
export class WeeklyHoursDto {
  @Day() monday?: WorkingIntervalDto[];
  @Day() tuesday?: WorkingIntervalDto[];
  @Day() wednesday?: WorkingIntervalDto[];
  @Day() thursday?: WorkingIntervalDto[];
  @Day() friday?: WorkingIntervalDto[];
  @Day() saturday?: WorkingIntervalDto[];
  @Day() sunday?: WorkingIntervalDto[];
}

export class HolidayDto {
  @ApiProperty({ example: '2026-10-01' })
  @Matches(DATE, { message: 'date is YYYY-MM-DD' })
  date!: string;

  @ApiPropertyOptional({ example: '国庆节' })
  @IsOptional()
  @IsString()
  @Length(1, 120)
  name?: string;
}

export class DefineCalendarDto {
  @ApiProperty({ example: '中国大陆办公时间 Mainland office hours' })
  @IsString()
  @Length(1, 120)
  name!: string;

  @ApiPropertyOptional({ example: 'Asia/Shanghai', default: 'Asia/Shanghai' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  timeZone?: string;

  @ApiProperty({ type: WeeklyHoursDto, example: OFFICE_WEEK })
  @IsObject()
  @ValidateNested()
  @Type(() => WeeklyHoursDto)
  weeklyHours!: WeeklyHoursDto;

  @ApiPropertyOptional({ type: [HolidayDto] })
  @IsOptional()
  @ValidateNested({ each: true })
  @ArrayMaxSize(1000)
  @Type(() => HolidayDto)
  holidays?: HolidayDto[];
}

export class WorkingHoursDto {
  @ApiProperty({ type: WeeklyHoursDto, description: 'The weekdays listed are replaced; the others stay', example: { saturday: [{ start: '09:00', end: '12:00' }] } })
  @IsObject()
  @ValidateNested()
  @Type(() => WeeklyHoursDto)
  weeklyHours!: WeeklyHoursDto;
}

export class AddHolidaysDto {
  @ApiProperty({ type: [HolidayDto] })
  @ValidateNested({ each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @Type(() => HolidayDto)
  holidays!: HolidayDto[];
}

export class MakeUpDayDto {
  @ApiProperty({ example: '2026-10-10' })
  @Matches(DATE, { message: 'date is YYYY-MM-DD' })
  date!: string;

  @ApiPropertyOptional({ example: '国庆节补班' })
  @IsOptional()
  @IsString()
  @Length(1, 120)
  name?: string;

  @ApiPropertyOptional({ type: [WorkingIntervalDto], description: "Left out: Monday's hours" })
  @IsOptional()
  @ValidateNested({ each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(12)
  @Type(() => WorkingIntervalDto)
  intervals?: WorkingIntervalDto[];
}

export class AddMakeUpDaysDto {
  @ApiProperty({ type: [MakeUpDayDto] })
  @ValidateNested({ each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(366)
  @Type(() => MakeUpDayDto)
  makeUpDays!: MakeUpDayDto[];
}

/** A policy as read ('*': any) can be written back as it is. */
const wildcardAsList = Transform(({ value }) => (value === ANY ? [ANY] : value));

export class PolicyMatchDto {
  @ApiPropertyOptional({ type: [String], description: "Customer tiers; left out, '*' or containing '*': any" })
  @IsOptional()
  @wildcardAsList
  @IsString({ each: true })
  @ArrayMaxSize(50)
  customerTiers?: string[];

  @ApiPropertyOptional({ type: [String], description: "Business categories; left out, '*' or containing '*': any" })
  @IsOptional()
  @wildcardAsList
  @IsString({ each: true })
  @ArrayMaxSize(200)
  businessCategories?: string[];

  @ApiPropertyOptional({ enum: [...PRIORITIES, '*'], isArray: true })
  @IsOptional()
  @wildcardAsList
  @IsIn([...PRIORITIES, '*'], { each: true })
  priorities?: string[];

  @ApiPropertyOptional({ enum: [...DEMAND_KINDS, '*'], isArray: true })
  @IsOptional()
  @wildcardAsList
  @IsIn([...DEMAND_KINDS, '*'], { each: true })
  demandKinds?: string[];
}

function Minutes(): PropertyDecorator {
  return (target, key) =>
    [
      ApiPropertyOptional({ minimum: 1, maximum: MAX_TARGET_MINUTES, description: 'Business minutes' }),
      IsOptional(),
      IsInt(),
      Min(1),
      Max(MAX_TARGET_MINUTES, { message: `$property must be at most ${MAX_TARGET_MINUTES} business minutes` }),
    ].forEach((d) => d(target, key));
}

export class PolicyTargetsDto {
  @Minutes() 'time-to-own'?: number;
  @Minutes() 'first-response'?: number;
  @Minutes() 'next-update'?: number;
  @Minutes() resolution?: number;
  @Minutes() 'promised-handling'?: number;
  @Minutes() 'rectification-deadline'?: number;
  @Minutes() 'recording-delay'?: number;
  @Minutes() 'third-party-wait'?: number;
}

export class EscalationStepDto {
  @ApiProperty({
    description: 'Business minutes relative to the deadline: −30 before it, 60 after it',
    minimum: -MAX_ESCALATION_OFFSET_MINUTES,
    maximum: MAX_ESCALATION_OFFSET_MINUTES,
  })
  @IsInt()
  @Min(-MAX_ESCALATION_OFFSET_MINUTES)
  @Max(MAX_ESCALATION_OFFSET_MINUTES)
  offsetMinutes!: number;

  @ApiProperty({ enum: ESCALATION_ACTIONS })
  @IsIn(ESCALATION_ACTIONS)
  action!: (typeof ESCALATION_ACTIONS)[number];

  @ApiPropertyOptional()
  @IsOptional()
  @IsKey()
  observerId?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_ESCALATION_LEVELS })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_ESCALATION_LEVELS)
  levels?: number;

  @ApiPropertyOptional({ enum: METRICS, isArray: true })
  @IsOptional()
  @IsIn(METRICS, { each: true })
  metrics?: (typeof METRICS)[number][];
}

export class PolicyDto {
  @ApiProperty({ enum: POLICY_KINDS })
  @IsIn(POLICY_KINDS)
  kind!: (typeof POLICY_KINDS)[number];

  @ApiProperty({ example: 'Standard SLA, P3' })
  @IsString()
  @Length(1, 120)
  name!: string;

  @ApiPropertyOptional({ type: PolicyMatchDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => PolicyMatchDto)
  match?: PolicyMatchDto;

  @ApiProperty({ type: PolicyTargetsDto })
  @IsObject()
  @ValidateNested()
  @Type(() => PolicyTargetsDto)
  targets!: PolicyTargetsDto;

  @ApiPropertyOptional({ description: 'The business calendar the targets count on; left out: 24×7' })
  @IsOptional()
  @IsIdentifier()
  calendarId?: string;

  @ApiPropertyOptional({ default: 0.75, minimum: 0.01, maximum: 0.99 })
  @IsOptional()
  @IsNumber()
  @Min(0.01)
  @Max(0.99)
  warningThreshold?: number;

  @ApiPropertyOptional({ type: [EscalationStepDto] })
  @IsOptional()
  @ValidateNested({ each: true })
  @ArrayMaxSize(20)
  @Type(() => EscalationStepDto)
  escalations?: EscalationStepDto[];

  @ApiPropertyOptional({ type: [String], example: ['waiting-on-customer'] })
  @IsOptional()
  @IsString({ each: true })
  @ArrayMaxSize(20)
  pauseOn?: string[];
}

export class ReasonDto {
  @ApiProperty()
  @IsString()
  @Length(1, 2000)
  reason!: string;
}
