import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, Length } from 'class-validator';
import { PageQuery } from '@serviceledger/platform/nest';
import { RISK_CATEGORIES } from '@serviceledger/risk/domain';

export class CloseRoundDto {
  @ApiPropertyOptional({ description: 'What the round found; left out when nothing new was found', example: 'A new competitor prices 20 % lower' })
  @IsOptional()
  @IsString()
  @Length(1, 10000)
  findings?: string;

  @ApiProperty({ description: 'True to record that nothing new was found' })
  @IsBoolean()
  nothingNew!: boolean;
}

export class RoundListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: RISK_CATEGORIES })
  @IsOptional()
  @IsIn(RISK_CATEGORIES)
  category?: string;

  @ApiPropertyOptional({ enum: ['open', 'closed'] })
  @IsOptional()
  @IsIn(['open', 'closed'])
  status?: string;

  @ApiPropertyOptional({ description: 'Only open rounds past their period (true)' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  overdue?: boolean;
}
