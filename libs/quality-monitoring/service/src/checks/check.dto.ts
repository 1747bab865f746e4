import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsString, Length, Matches, Max, Min, ValidateBy, ValidateIf, ValidateNested } from 'class-validator';
import { ConsistentQuery, IsIdentifier, IsKey } from '@serviceledger/platform/nest';
import { CHECK_KINDS, CheckKind, MAX_ITEM_SCORE, MAX_ITEM_WEIGHT } from '@serviceledger/quality-monitoring/domain';
import { IsVersionNumber } from '../version-number';

export class ChecklistItemDto {
  @ApiProperty({ example: 'greeting' })
  @IsIdentifier()
  itemId!: string;

  @ApiProperty()
  @IsString()
  @Length(1, 500)
  text!: string;

  @ApiProperty({ minimum: 0.01, maximum: MAX_ITEM_WEIGHT })
  @IsNumber()
  @Min(0.01)
  @Max(MAX_ITEM_WEIGHT)
  weight!: number;

  @ApiProperty({ minimum: 1, maximum: MAX_ITEM_SCORE })
  @IsInt()
  @Min(1)
  @Max(MAX_ITEM_SCORE)
  maxScore!: number;
}

export class PublishChecklistDto {
  @ApiProperty()
  @IsString()
  @Length(1, 120)
  name!: string;

  @ApiProperty({ type: [ChecklistItemDto] })
  @ValidateNested({ each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @Type(() => ChecklistItemDto)
  items!: ChecklistItemDto[];
}

export class ItemScoreDto {
  @ApiProperty()
  @IsString()
  @Length(1, 64)
  itemId!: string;

  @ApiProperty({ minimum: 0, maximum: MAX_ITEM_SCORE, description: "At most the item's top score" })
  @IsNumber()
  @Min(0)
  @Max(MAX_ITEM_SCORE)
  score!: number;
}

export class RecordCheckDto {
  @ApiProperty({ enum: CHECK_KINDS })
  @IsIn(CHECK_KINDS)
  kind!: CheckKind;

  @ApiProperty({ description: 'The demand checked' })
  @IsKey()
  caseId!: string;

  @ApiProperty()
  @IsIdentifier()
  departmentId!: string;

  @ApiPropertyOptional({ description: 'The person whose work was checked' })
  @IsOptional()
  @IsKey()
  personId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 5000)
  notes?: string;

  @ApiPropertyOptional({ description: 'record-review: whether the records comply', example: true })
  @ValidateIf((dto: RecordCheckDto) => dto.kind === 'record-review')
  @IsBoolean()
  compliant?: boolean;

  @ApiPropertyOptional({ description: 'spot-check: the checklist scored against, unless a standard is named' })
  @ValidateIf((dto: RecordCheckDto) => dto.checklistId !== undefined || (dto.kind === 'spot-check' && dto.standardId === undefined))
  @IsIdentifier()
  checklistId?: string;

  @ApiPropertyOptional({ description: 'spot-check: the checklist version (default: the latest)' })
  @IsOptional()
  @IsVersionNumber()
  checklistVersion?: number;

  @ApiPropertyOptional({ description: 'spot-check: the delivery standard whose checks are scored (P-4.2), instead of a checklist' })
  @ValidateIf((dto: RecordCheckDto) => dto.standardId !== undefined)
  @IsIdentifier()
  @ValidateBy({
    name: 'standardOrChecklist',
    validator: {
      validate: (_standardId, args) => (args?.object as RecordCheckDto).checklistId === undefined,
      defaultMessage: () => 'standardId and checklistId exclude each other: a spot check is scored against one',
    },
  })
  standardId?: string;

  @ApiPropertyOptional({ description: 'spot-check: the version of the standard, required with standardId; each check is scored 0 … 1' })
  @ValidateIf((dto: RecordCheckDto) => dto.standardId !== undefined)
  @IsVersionNumber()
  standardVersion?: number;

  @ApiPropertyOptional({ type: [ItemScoreDto], description: 'spot-check: a score for every item' })
  @ValidateIf((dto: RecordCheckDto) => dto.kind === 'spot-check')
  @ValidateNested({ each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @Type(() => ItemScoreDto)
  scores?: ItemScoreDto[];

  @ApiPropertyOptional({ description: 'revisit: whether the customer is satisfied' })
  @ValidateIf((dto: RecordCheckDto) => dto.kind === 'revisit')
  @IsBoolean()
  satisfied?: boolean;

  @ApiPropertyOptional({ description: 'revisit: the customer’s score, 1–5' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  customerScore?: number;
}

export class ChecklistQuery {
  @ApiPropertyOptional({ description: 'The checklist version (default: the latest)', minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsVersionNumber()
  version?: number;
}

export class CheckListQuery extends ConsistentQuery {
  @ApiPropertyOptional({ enum: CHECK_KINDS })
  @IsOptional()
  @IsIn(CHECK_KINDS)
  kind?: CheckKind;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 64)
  department?: string;

  @ApiPropertyOptional({ description: 'The month, YYYY-MM (Asia/Shanghai)' })
  @IsOptional()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'period must be a month, YYYY-MM' })
  period?: string;
}
