import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Max, Min, ValidateNested } from 'class-validator';
import { IsIdentifier, IsKey, PageQuery } from '@serviceledger/platform/nest';
import {
  DOCUMENT_CONTENT_TYPES,
  DOCUMENT_KINDS,
  DOCUMENT_STATUSES,
  DocumentKind,
  DocumentStatus,
  LINK_KINDS,
  MAX_DOCUMENT_BYTES,
  MAX_REVIEW_INTERVAL_DAYS,
  MAX_TAGS,
  MAX_TAG_LENGTH,
} from '@serviceledger/resource/domain';

/** A file as it is uploaded: named, typed, and its bytes in base64 inside the JSON body. */
export class DocumentFileDto {
  @ApiProperty({ example: '服務器備份操作手冊.md' })
  @IsString()
  @Length(1, 255)
  fileName!: string;

  @ApiProperty({ enum: DOCUMENT_CONTENT_TYPES, description: 'Any other type is refused with 415' })
  @IsString()
  @Length(1, 255)
  contentType!: string;

  @ApiProperty({
    description: `The file's bytes in base64: at most ${MAX_DOCUMENT_BYTES} bytes once decoded (413 beyond)`,
    format: 'byte',
    example: 'IyDmnI3li5nlmajlgpnku73mk43kvZzmiYvlhooKCuavj+aXpeWHjOaZqOS6jOaZguWCmeS7veaVuOaTmuW6q+OAggo=',
  })
  @IsString()
  contentBase64!: string;
}

export class DocumentLinkDto {
  @ApiProperty({ enum: LINK_KINDS })
  @IsIn(LINK_KINDS)
  kind!: (typeof LINK_KINDS)[number];

  @ApiProperty({ description: 'The case or demand id' })
  @IsKey()
  id!: string;
}

function Tags(): PropertyDecorator {
  return (target, key) => {
    ApiPropertyOptional({ type: [String], maxItems: MAX_TAGS, example: ['備份', '運維'] })(target, key);
    IsOptional()(target, key);
    IsArray()(target, key);
    ArrayMaxSize(MAX_TAGS)(target, key);
    IsString({ each: true })(target, key);
    Length(1, MAX_TAG_LENGTH, { each: true })(target, key);
  };
}

function ReviewInterval(): PropertyDecorator {
  return (target, key) => {
    ApiProperty({ minimum: 1, maximum: MAX_REVIEW_INTERVAL_DAYS, description: 'Days between reviews of the released version: its owner is reminded when one falls due' })(target, key);
    IsInt()(target, key);
    Min(1)(target, key);
    Max(MAX_REVIEW_INTERVAL_DAYS)(target, key);
  };
}

export class RegisterDocumentDto {
  @ApiProperty({ enum: DOCUMENT_KINDS })
  @IsIn(DOCUMENT_KINDS)
  kind!: DocumentKind;

  @ApiProperty({ example: '服務器備份操作手冊' })
  @IsString()
  @Length(1, 200)
  title!: string;

  @Tags()
  tags?: string[];

  @ApiPropertyOptional({ description: 'Who answers for it; absent: the caller' })
  @IsOptional()
  @IsKey()
  ownerId?: string;

  @ApiProperty({ example: 'tech-support' })
  @IsIdentifier()
  departmentId!: string;

  @ReviewInterval()
  reviewIntervalDays!: number;

  @ApiPropertyOptional({ type: [DocumentLinkDto], description: 'The cases and demands it serves' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => DocumentLinkDto)
  links?: DocumentLinkDto[];

  @ApiProperty({ type: DocumentFileDto })
  @ValidateNested()
  @Type(() => DocumentFileDto)
  file!: DocumentFileDto;

  @ApiPropertyOptional({ example: '初稿' })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  changeNote?: string;
}

export class UploadVersionDto {
  @ApiProperty({ type: DocumentFileDto })
  @ValidateNested()
  @Type(() => DocumentFileDto)
  file!: DocumentFileDto;

  @ApiProperty({ example: '補充恢復步驟' })
  @IsString()
  @Length(1, 2000)
  changeNote!: string;
}

export class ChangeDocumentDetailsDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 200)
  title?: string;

  @Tags()
  tags?: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsKey()
  ownerId?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_REVIEW_INTERVAL_DAYS })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_REVIEW_INTERVAL_DAYS)
  reviewIntervalDays?: number;
}

export class ReviewDocumentDto {
  @ApiProperty({ description: 'true: approve and release the version in review; false: return it to its author' })
  @IsBoolean()
  approve!: boolean;

  @ApiPropertyOptional({ description: 'Required when returning it' })
  @IsOptional()
  @IsString()
  @Length(0, 2000)
  comment?: string;
}

export class ConfirmDocumentReviewDto {
  @ApiProperty({ example: '內容仍然適用' })
  @IsString()
  @Length(1, 2000)
  comment!: string;
}

export class SupersedeDocumentDto {
  @ApiProperty({ description: 'The document that replaces it' })
  @IsKey()
  replacementId!: string;
}

export class ArchiveDocumentDto {
  @ApiProperty()
  @IsString()
  @Length(1, 500)
  reason!: string;
}

export class DocumentListQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Words its title, tags or text hold (Chinese included), each of them' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  q?: string;

  @ApiPropertyOptional({ enum: DOCUMENT_KINDS })
  @IsOptional()
  @IsIn(DOCUMENT_KINDS)
  kind?: DocumentKind;

  @ApiPropertyOptional({ enum: DOCUMENT_STATUSES })
  @IsOptional()
  @IsIn(DOCUMENT_STATUSES)
  status?: DocumentStatus;

  @ApiPropertyOptional()
  @IsOptional()
  @IsIdentifier()
  department?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsKey()
  owner?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, MAX_TAG_LENGTH)
  tag?: string;
}
