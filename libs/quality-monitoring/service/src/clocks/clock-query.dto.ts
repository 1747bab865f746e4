import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { ConsistentQuery, PageQuery } from '@serviceledger/platform/nest';
import { METRICS, Metric } from '@serviceledger/quality-monitoring/domain';

export const CLOCK_STATES = ['running', 'paused', 'stopped', 'cancelled'] as const;
export type ClockStateFilter = (typeof CLOCK_STATES)[number];

// Clock lists and breach reports alike filter on the department answering for the case, and on the metric.
function DepartmentFilter(): PropertyDecorator {
  return applyDecorators(ApiPropertyOptional(), IsOptional(), IsString(), Length(1, 64));
}
function MetricFilter(): PropertyDecorator {
  return applyDecorators(ApiPropertyOptional({ enum: METRICS }), IsOptional(), IsIn(METRICS));
}

const booleanFromQuery = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class ClockListQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'The demand (case) id' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  demand?: string;

  /** A page of a demand list asks for the clocks of its demands in one request. */
  @ApiPropertyOptional({ description: 'Demand (case) ids, comma-separated: the clocks of any of them (at most 100)', type: String })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',').filter((id) => id !== '') : value))
  @IsArray()
  @ArrayMaxSize(100, { message: 'demands names at most 100 demands' })
  @IsString({ each: true })
  @Length(1, 64, { each: true })
  demands?: string[];

  @DepartmentFilter()
  department?: string;

  @MetricFilter()
  metric?: Metric;

  @ApiPropertyOptional({ enum: CLOCK_STATES })
  @IsOptional()
  @IsIn(CLOCK_STATES)
  state?: ClockStateFilter;

  @ApiPropertyOptional({ description: 'Only clocks that breached (true) or did not (false)' })
  @IsOptional()
  @Transform(booleanFromQuery)
  @IsBoolean()
  breached?: boolean;
}

export class BreachQuery extends ConsistentQuery {
  @ApiPropertyOptional({ description: 'The month, YYYY-MM (Asia/Shanghai); default the current one' })
  @IsOptional()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'period must be a month, YYYY-MM' })
  period?: string;

  @DepartmentFilter()
  department?: string;

  @MetricFilter()
  metric?: Metric;
}
