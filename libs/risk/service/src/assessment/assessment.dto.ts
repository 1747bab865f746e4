import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Max, Min, ValidateNested } from 'class-validator';
import { RISK_BANDS, RiskBand } from '@serviceledger/risk/domain';

/** The largest scale a matrix may have (the domain refuses more). */
const MAX_STEPS = 10;

export class AssessRiskDto {
  @ApiProperty({ minimum: 1, maximum: MAX_STEPS, example: 4, description: 'On the scale of the matrix in force (1–5 by default)' })
  @IsInt()
  @Min(1)
  @Max(MAX_STEPS)
  likelihood!: number;

  @ApiProperty({ minimum: 1, maximum: MAX_STEPS, example: 5 })
  @IsInt()
  @Min(1)
  @Max(MAX_STEPS)
  impact!: number;

  @ApiProperty({ description: 'False when the risk cannot be effectively controlled: only then does avoidance fit (七(二)1)' })
  @IsBoolean()
  controllable!: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 5000)
  rationale?: string;
}

export class MatrixLevelDto {
  @ApiProperty({ example: 'high' })
  @IsString()
  @Length(1, 64)
  label!: string;

  @ApiProperty({ enum: RISK_BANDS })
  @IsIn(RISK_BANDS)
  band!: RiskBand;
}

export class PublishMatrixDto {
  @ApiProperty({ minimum: 2, maximum: MAX_STEPS, example: 2 })
  @IsInt()
  @Min(2)
  @Max(MAX_STEPS)
  likelihoodSteps!: number;

  @ApiProperty({ minimum: 2, maximum: MAX_STEPS, example: 2 })
  @IsInt()
  @Min(2)
  @Max(MAX_STEPS)
  impactSteps!: number;

  @ApiProperty({
    type: [MatrixLevelDto],
    description: 'From the lowest to the highest',
    example: [
      { label: 'low', band: 'low' },
      { label: 'high', band: 'high' },
    ],
  })
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(MAX_STEPS)
  @ValidateNested({ each: true })
  @Type(() => MatrixLevelDto)
  levels!: MatrixLevelDto[];

  @ApiProperty({
    type: 'array',
    items: { type: 'array', items: { type: 'string' } },
    description: 'cells[likelihood - 1][impact - 1]: the label of the level of that cell',
    example: [['low', 'low'], ['low', 'high']],
  })
  @IsArray()
  @ArrayMaxSize(MAX_STEPS)
  @IsArray({ each: true })
  cells!: string[][];
}
