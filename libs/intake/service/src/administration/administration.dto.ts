import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsIn, IsInt, IsOptional, IsString, Length, Max, Min, ValidateNested } from 'class-validator';
import { IsIdentifier, IsKey } from '@serviceledger/platform/nest';
import { COMPLEXITIES, CUSTOMER_TIERS, DEMAND_CHANNELS, DEMAND_KINDS, MAX_PRIORITY_RAISE, PRIORITIES } from '@serviceledger/intake/domain';

/** Versions count the rule book's publications: a million is beyond its life. */
const MAX_VERSION = 1_000_000;

export class DepartmentDto {
  @ApiProperty({ example: '技術支持部 Technical support' })
  @IsString()
  @Length(1, 120)
  name!: string;

  @ApiProperty({ type: [String], description: 'User ids a demand can be assigned to' })
  @IsString({ each: true })
  @ArrayMaxSize(500)
  members!: string[];
}

export class RouteDto {
  @ApiProperty()
  @IsIdentifier()
  departmentId!: string;

  @ApiProperty()
  @IsKey()
  defaultOwnerId!: string;
}

export class TriageConditionsDto {
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsString({ each: true })
  @ArrayMaxSize(100)
  keywords?: string[];

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsIdentifier({ each: true })
  businessCategories?: string[];

  @ApiPropertyOptional({ enum: CUSTOMER_TIERS, isArray: true })
  @IsOptional()
  @IsIn(CUSTOMER_TIERS, { each: true })
  customerTiers?: (typeof CUSTOMER_TIERS)[number][];

  @ApiPropertyOptional({ enum: DEMAND_CHANNELS, isArray: true })
  @IsOptional()
  @IsIn(DEMAND_CHANNELS, { each: true })
  channels?: (typeof DEMAND_CHANNELS)[number][];

  @ApiPropertyOptional({ enum: DEMAND_KINDS, isArray: true })
  @IsOptional()
  @IsIn(DEMAND_KINDS, { each: true })
  kinds?: (typeof DEMAND_KINDS)[number][];
}

export class TriageAdviceDto {
  @ApiPropertyOptional({ enum: COMPLEXITIES })
  @IsOptional()
  @IsIn(COMPLEXITIES)
  complexity?: (typeof COMPLEXITIES)[number];

  @ApiPropertyOptional({ enum: PRIORITIES })
  @IsOptional()
  @IsIn(PRIORITIES)
  priority?: (typeof PRIORITIES)[number];

  @ApiPropertyOptional({
    description: 'Levels to raise the matrix priority by, towards P1 (negative: to lower it)',
    minimum: -MAX_PRIORITY_RAISE,
    maximum: MAX_PRIORITY_RAISE,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(-MAX_PRIORITY_RAISE)
  @Max(MAX_PRIORITY_RAISE)
  raisePriorityBy?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsIdentifier()
  businessCategory?: string;

  @ApiPropertyOptional({ type: [String], description: 'P-2.2: departments a matching demand involves besides its assignee' })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsIdentifier({ each: true })
  involveDepartments?: string[];
}

export class TriageRuleDto {
  @ApiProperty()
  @IsIdentifier()
  ruleId!: string;

  @ApiProperty()
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ type: TriageConditionsDto })
  @ValidateNested()
  @Type(() => TriageConditionsDto)
  when!: TriageConditionsDto;

  @ApiProperty({ type: TriageAdviceDto })
  @ValidateNested()
  @Type(() => TriageAdviceDto)
  suggest!: TriageAdviceDto;
}

export class PublishTriageRulesDto {
  @ApiProperty({ description: 'The version the editor started from', minimum: 0, maximum: MAX_VERSION })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_VERSION)
  basedOnVersion!: number;

  @ApiProperty({ type: [TriageRuleDto] })
  @ValidateNested({ each: true })
  @ArrayMaxSize(500)
  @Type(() => TriageRuleDto)
  rules!: TriageRuleDto[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  note?: string;
}
