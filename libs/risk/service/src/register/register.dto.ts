import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsISO8601, IsOptional, IsString, Length, ValidateNested } from 'class-validator';
import { ConsistentQuery, IsIdentifier, IsKey, PageQuery } from '@serviceledger/platform/nest';
import { LINK_KINDS, RISK_BANDS, RISK_CATEGORIES, RISK_STATES } from '@serviceledger/risk/domain';

export class RiskLinkDto {
  @ApiProperty({ enum: LINK_KINDS })
  @IsIn(LINK_KINDS)
  kind!: (typeof LINK_KINDS)[number];

  @ApiProperty({ description: 'The demand, case, partner or asset id', example: 'db-01' })
  @IsKey()
  id!: string;
}

class RiskDetailsFields {
  @ApiProperty({ example: 'Single database server' })
  @IsString()
  @Length(1, 200)
  title!: string;

  @ApiProperty({ example: 'ops-wang' })
  @IsKey()
  ownerId!: string;

  @ApiProperty({ example: 'operations' })
  @IsIdentifier()
  departmentId!: string;

  @ApiProperty({ type: [String], example: ['No replica'] })
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 2000, { each: true })
  causes!: string[];

  @ApiProperty({ type: [String], example: ['Outage of every service'] })
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 2000, { each: true })
  consequences!: string[];

  @ApiProperty({ type: [RiskLinkDto] })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => RiskLinkDto)
  links!: RiskLinkDto[];
}

export class IdentifyRiskDto extends RiskDetailsFields {
  @ApiProperty({ enum: RISK_CATEGORIES })
  @IsIn(RISK_CATEGORIES)
  category!: (typeof RISK_CATEGORIES)[number];
}

export class ReviseRiskDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 200)
  title?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsKey()
  ownerId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsIdentifier()
  departmentId?: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 2000, { each: true })
  causes?: string[];

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 2000, { each: true })
  consequences?: string[];

  @ApiPropertyOptional({ type: [RiskLinkDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => RiskLinkDto)
  links?: RiskLinkDto[];
}

export class CloseRiskDto {
  @ApiProperty({ example: 'The server was replaced by a cluster' })
  @IsString()
  @Length(1, 2000)
  reason!: string;
}

export class RegisterQuery extends PageQuery {
  @ApiPropertyOptional({ enum: RISK_CATEGORIES })
  @IsOptional()
  @IsIn(RISK_CATEGORIES)
  category?: string;

  @ApiPropertyOptional({ description: "The current level's label, e.g. high" })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  level?: string;

  @ApiPropertyOptional({ enum: RISK_BANDS })
  @IsOptional()
  @IsIn(RISK_BANDS)
  band?: string;

  @ApiPropertyOptional({ enum: RISK_STATES })
  @IsOptional()
  @IsIn(RISK_STATES)
  state?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsKey()
  owner?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsIdentifier()
  department?: string;
}

export class HeatMapQuery extends ConsistentQuery {
  @ApiPropertyOptional({ description: 'The instant the heat map is as of (default: now)', example: '2026-11-01T00:00:00+08:00' })
  @IsOptional()
  @IsISO8601({ strict: true })
  asOf?: string;

  @ApiPropertyOptional({ enum: RISK_CATEGORIES })
  @IsOptional()
  @IsIn(RISK_CATEGORIES)
  category?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsIdentifier()
  department?: string;
}
