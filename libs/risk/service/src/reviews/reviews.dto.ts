import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, Length, ValidateNested } from 'class-validator';
import { CADENCES, Cadence } from '@serviceledger/risk/domain';
import { AssessRiskDto } from '../assessment/assessment.dto';

export class RecordReviewDto extends AssessRiskDto {
  @ApiProperty({ description: 'Whether the response in force works' })
  @IsBoolean()
  responseEffective!: boolean;

  @ApiProperty({ example: 'Replica in place; no incident this month' })
  @IsString()
  @Length(1, 5000)
  notes!: string;
}

export class IdentificationCadencesDto {
  @ApiPropertyOptional({ enum: CADENCES }) @IsOptional() @IsIn(CADENCES) market?: Cadence;
  @ApiPropertyOptional({ enum: CADENCES }) @IsOptional() @IsIn(CADENCES) technical?: Cadence;
  @ApiPropertyOptional({ enum: CADENCES }) @IsOptional() @IsIn(CADENCES) personnel?: Cadence;
  @ApiPropertyOptional({ enum: CADENCES }) @IsOptional() @IsIn(CADENCES) customer?: Cadence;
  @ApiPropertyOptional({ enum: CADENCES }) @IsOptional() @IsIn(CADENCES) legal?: Cadence;
}

export class ReviewCadencesDto {
  @ApiPropertyOptional({ enum: CADENCES, description: 'Default monthly' }) @IsOptional() @IsIn(CADENCES) high?: Cadence;
  @ApiPropertyOptional({ enum: CADENCES, description: 'Default quarterly' }) @IsOptional() @IsIn(CADENCES) medium?: Cadence;
  @ApiPropertyOptional({ enum: CADENCES, description: 'Default yearly' }) @IsOptional() @IsIn(CADENCES) low?: Cadence;
}

export class SetCadencesDto {
  @ApiPropertyOptional({ type: IdentificationCadencesDto, description: 'Per category; a change applies from the next round' })
  @IsOptional()
  @ValidateNested()
  @Type(() => IdentificationCadencesDto)
  identification?: IdentificationCadencesDto;

  @ApiPropertyOptional({ type: ReviewCadencesDto, description: 'Per band; a change applies from the next assessment' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ReviewCadencesDto)
  review?: ReviewCadencesDto;
}
