import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { IsIdentifier, IsKey, PageQuery } from '@serviceledger/platform/nest';
import { MAX_WARNING_TEXT } from '@serviceledger/risk/domain';

export const WARNING_LIST_STATES = ['open', 'raised', 'acknowledged', 'closed'] as const;

export class WarningListQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'The risk owner warned', example: 'risk-li' })
  @IsOptional()
  @IsKey()
  owner?: string;

  @ApiPropertyOptional({ enum: WARNING_LIST_STATES, description: '`open`: raised or acknowledged, not closed' })
  @IsOptional()
  @IsIn(WARNING_LIST_STATES)
  state?: (typeof WARNING_LIST_STATES)[number];

  @ApiPropertyOptional({ example: 'complaints-per-customer' })
  @IsOptional()
  @IsIdentifier()
  indicator?: string;
}

export class AcknowledgeWarningDto {
  @ApiPropertyOptional({ example: 'Looking into the account' })
  @IsOptional()
  @IsString()
  @Length(1, MAX_WARNING_TEXT)
  note?: string;
}

export class LinkWarningDto {
  @ApiProperty({ description: 'A risk of the register (an existing one, or one identified for this warning)' })
  @IsKey()
  riskId!: string;
}

export class WarningActionDto {
  @ApiProperty({ example: 'Account review with the customer on Friday' })
  @IsString()
  @Length(1, MAX_WARNING_TEXT)
  action!: string;
}

export class CloseWarningDto {
  @ApiProperty({ example: 'Complaints handled; customer retained' })
  @IsString()
  @Length(1, MAX_WARNING_TEXT)
  outcome!: string;
}
