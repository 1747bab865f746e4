import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Length } from 'class-validator';
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
