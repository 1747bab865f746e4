import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsDefined, IsIn, IsString, Length, ValidateNested } from 'class-validator';
import {
  MEASURE_KINDS,
  MeasureKind,
  PROBLEM_COMPLEXITIES,
  PROBLEM_NATURES,
  ProblemComplexity,
  ProblemNature,
} from '@serviceledger/service-delivery/domain';

/** 二(六)2: the problem's nature and complexity, which decide the measures it is offered and requires. */
export class ClassifyProblemDto {
  @ApiProperty({ enum: PROBLEM_NATURES }) @IsIn(PROBLEM_NATURES) nature!: ProblemNature;
  @ApiProperty({ enum: PROBLEM_COMPLEXITIES }) @IsIn(PROBLEM_COMPLEXITIES) complexity!: ProblemComplexity;
}

export class ProblemMeasureDto {
  @ApiProperty({ enum: MEASURE_KINDS, description: 'One of the measures the problem’s class is offered' })
  @IsIn(MEASURE_KINDS)
  kind!: MeasureKind;

  @ApiProperty() @IsString() @Length(1, 5000) measure!: string;
}

const measureKinds = (description: string) =>
  applyDecorators(
    ApiProperty({ enum: MEASURE_KINDS, isArray: true, description }),
    IsArray(),
    ArrayMinSize(1),
    ArrayMaxSize(MEASURE_KINDS.length),
    IsIn(MEASURE_KINDS, { each: true }),
  );

export class RequiredMeasuresDto {
  @measureKinds('Required of a simple problem of the nature') simple!: MeasureKind[];
  @measureKinds('Required of a complex problem of the nature') complex!: MeasureKind[];
}

export class MeasureRuleDto {
  @measureKinds('The measures a problem of the nature is offered') offered!: MeasureKind[];
  @ApiProperty({ type: RequiredMeasuresDto }) @IsDefined() @ValidateNested() @Type(() => RequiredMeasuresDto) required!: RequiredMeasuresDto;
}

const rule = () => applyDecorators(ApiProperty({ type: MeasureRuleDto }), IsDefined(), ValidateNested(), Type(() => MeasureRuleDto));

/** The measure rules, one rule per nature (P-6.2): a revision is a new version. */
export class MeasureRulesDto {
  @rule() defect!: MeasureRuleDto;
  @rule() usage!: MeasureRuleDto;
  @rule() configuration!: MeasureRuleDto;
  @rule() performance!: MeasureRuleDto;
  @rule() data!: MeasureRuleDto;
  @rule() other!: MeasureRuleDto;
}
