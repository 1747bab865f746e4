import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsInt, IsString, Length, Max, Min, ValidateNested } from 'class-validator';
import { WIDEST_SATISFACTION_SCALE } from '@serviceledger/service-delivery/domain';

const { lowest: LOWEST, highest: HIGHEST } = WIDEST_SATISFACTION_SCALE;

export class SatisfactionScaleDto {
  @ApiProperty({ minimum: LOWEST, maximum: HIGHEST }) @IsInt() @Min(LOWEST) @Max(HIGHEST) lowest!: number;
  @ApiProperty({ minimum: LOWEST, maximum: HIGHEST }) @IsInt() @Min(LOWEST) @Max(HIGHEST) highest!: number;
}

export class SatisfactionSurveyDto {
  @ApiProperty() @IsString() @Length(1, 120) name!: string;
  @ApiProperty({ type: SatisfactionScaleDto, description: 'The whole scores satisfaction is given in, e.g. 1–5 or 0–10' }) @ValidateNested() @Type(() => SatisfactionScaleDto) scale!: SatisfactionScaleDto;
  @ApiProperty({ description: 'Whether the survey asks how likely the customer is to recommend us (0–10, for NPS)' }) @IsBoolean() asksRecommendation!: boolean;
  @ApiProperty({ description: 'A satisfaction below this is recorded only with the customer’s comment; above the lowest score, at most the highest', minimum: LOWEST, maximum: HIGHEST }) @IsInt() @Min(LOWEST) @Max(HIGHEST) commentBelow!: number;
}
