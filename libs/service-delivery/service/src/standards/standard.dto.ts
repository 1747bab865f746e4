import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsIn, IsInt, IsOptional, IsString, Length, Max, Min, ValidateNested } from 'class-validator';
import { IsIdentifier } from '@serviceledger/platform/nest';
import { STANDARD_KINDS, StandardKind } from '@serviceledger/service-delivery/domain';
import { CompleteMilestoneDto, EvidenceDto } from '../cases/case.dto';

/** A standard's versions count its revisions: a million is beyond any one's life. */
const MAX_STANDARD_VERSION = 1_000_000;
const MAX_CHECKS = 100;

// Publishing a standard (P-4.2)

export class StandardDocumentDto {
  @ApiProperty({ example: 'GB/T 22239-2019', description: 'The document’s number or location' }) @IsString() @Length(1, 200) reference!: string;
  @ApiProperty() @IsString() @Length(1, 500) title!: string;
}

export class RequiredCheckDto {
  @ApiProperty({ example: 'customer-consent' }) @IsIdentifier() checkId!: string;
  @ApiProperty({ description: 'What work following the standard must show evidence of' }) @IsString() @Length(1, 500) description!: string;
}

export class PublishStandardDto {
  @ApiProperty({ enum: STANDARD_KINDS }) @IsIn(STANDARD_KINDS) kind!: StandardKind;
  @ApiProperty({ example: 'technical-support', description: 'The business category the standard applies to (P-2.1)' }) @IsIdentifier() businessCategory!: string;
  @ApiProperty() @IsString() @Length(1, 200) title!: string;

  @ApiProperty({ type: [StandardDocumentDto] })
  @ValidateNested({ each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @Type(() => StandardDocumentDto)
  documents!: StandardDocumentDto[];

  @ApiProperty({ type: [RequiredCheckDto] })
  @ValidateNested({ each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_CHECKS)
  @Type(() => RequiredCheckDto)
  checks!: RequiredCheckDto[];
}

// Work that follows standards (P-4.2)

export class StandardReferenceDto {
  @ApiProperty({ example: 'remote-support' }) @IsIdentifier() standardId!: string;
  @ApiProperty({ minimum: 1, maximum: MAX_STANDARD_VERSION }) @IsInt() @Min(1) @Max(MAX_STANDARD_VERSION) version!: number;
}

export class DeclareStandardsDto {
  @ApiProperty({ type: [StandardReferenceDto], description: 'The standards, each at one version, the work follows' })
  @ValidateNested({ each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @Type(() => StandardReferenceDto)
  standards!: StandardReferenceDto[];
}

export class CheckEvidenceDto {
  @ApiProperty() @IsIdentifier() standardId!: string;
  @ApiProperty() @IsIdentifier() checkId!: string;
  @ApiProperty() @IsString() @Length(1, 5000) evidence!: string;
}

/** Evidence for each check of the standards the completed work declared. */
const ChecksEvidenced = () =>
  applyDecorators(
    ApiPropertyOptional({ type: [CheckEvidenceDto], description: 'Evidence for each check of the standards the work declared' }),
    IsOptional(),
    ValidateNested({ each: true }),
    ArrayMaxSize(MAX_CHECKS * 20),
    Type(() => CheckEvidenceDto),
  );

export class StepCompletionDto extends EvidenceDto {
  @ChecksEvidenced() checks?: CheckEvidenceDto[];
}

export class MilestoneCompletionDto extends CompleteMilestoneDto {
  @ChecksEvidenced() checks?: CheckEvidenceDto[];
}
