import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsISO8601, IsOptional, IsString, Length, ValidateNested } from 'class-validator';
import { IsKey } from '@serviceledger/platform/nest';
import { RESPONSE_STRATEGIES, RISK_BANDS, ResponseStrategy, RiskBand } from '@serviceledger/risk/domain';

export class ResponseActionDto {
  @ApiProperty({ example: 'Order a second database server' })
  @IsString()
  @Length(1, 2000)
  description!: string;

  @ApiProperty({ example: 'ops-wang' })
  @IsKey()
  ownerId!: string;

  @ApiProperty({ example: '2026-10-20T18:00:00+08:00' })
  @IsISO8601({ strict: true })
  dueAt!: string;
}

export class ChooseResponseDto {
  @ApiProperty({ enum: RESPONSE_STRATEGIES })
  @IsIn(RESPONSE_STRATEGIES)
  strategy!: ResponseStrategy;

  @ApiProperty({ example: 'Insure the equipment and add a replica' })
  @IsString()
  @Length(1, 5000)
  description!: string;

  @ApiProperty({ type: [ResponseActionDto] })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ResponseActionDto)
  actions!: ResponseActionDto[];

  @ApiPropertyOptional({ description: 'An acceptance only: when it returns to review', example: '2027-03-31T00:00:00+08:00' })
  @IsOptional()
  @IsISO8601({ strict: true })
  expiresOn?: string;
}

export class ApproveExceptionDto {
  @ApiProperty({ enum: RESPONSE_STRATEGIES, description: 'The strategy the rules refuse for the risk as assessed now' })
  @IsIn(RESPONSE_STRATEGIES)
  strategy!: ResponseStrategy;

  @ApiProperty({ example: 'A replacement is ordered; the cost of avoiding it exceeds the exposure until then' })
  @IsString()
  @Length(1, 5000)
  reason!: string;
}

export class ReapproveDto {
  @ApiProperty({ example: 'The warning was a false alarm; the level is unchanged' })
  @IsString()
  @Length(1, 5000)
  reason!: string;
}

export class CompleteActionDto {
  @ApiProperty({ example: 'Replica running since 20 October' })
  @IsString()
  @Length(1, 5000)
  outcome!: string;
}

export class ResponseRuleDto {
  @ApiProperty({ enum: RESPONSE_STRATEGIES })
  @IsIn(RESPONSE_STRATEGIES)
  strategy!: ResponseStrategy;

  @ApiProperty({ example: 'accept-only-low-risks' })
  @IsString()
  @Length(1, 100)
  name!: string;

  @ApiProperty({ enum: RISK_BANDS, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(3)
  @IsIn(RISK_BANDS, { each: true })
  bands!: RiskBand[];

  @ApiProperty()
  @IsBoolean()
  requiresUncontrollable!: boolean;
}

export class PublishRulesDto {
  @ApiProperty({ type: [ResponseRuleDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(4)
  @ValidateNested({ each: true })
  @Type(() => ResponseRuleDto)
  rules!: ResponseRuleDto[];
}
