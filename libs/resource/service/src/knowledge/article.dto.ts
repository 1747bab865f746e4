import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { IsIdentifier, IsKey, PageQuery } from '@serviceledger/platform/nest';
import { ARTICLE_KINDS, ARTICLE_STATUSES, ArticleKind, ArticleStatus, MAX_ARTICLE_BODY, MAX_STALE_AFTER_DAYS, MAX_TAGS, MAX_TAG_LENGTH, SOURCE_KINDS } from '@serviceledger/resource/domain';

export class ArticleContentDto {
  @ApiProperty({ example: '打印機脫機的處理' })
  @IsString()
  @Length(1, 200)
  title!: string;

  @ApiProperty({ description: 'The article (Markdown)' })
  @IsString()
  @Length(1, MAX_ARTICLE_BODY)
  body!: string;

  @ApiPropertyOptional({ type: [String], maxItems: MAX_TAGS })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_TAGS)
  @IsString({ each: true })
  @Length(1, MAX_TAG_LENGTH, { each: true })
  tags?: string[];
}

export class DraftArticleDto extends ArticleContentDto {
  @ApiProperty({ enum: ARTICLE_KINDS, description: 'Experience, solution or innovation (五(一)2)' })
  @IsIn(ARTICLE_KINDS)
  kind!: ArticleKind;

  @ApiPropertyOptional({ description: 'The department it was written for' })
  @IsOptional()
  @IsIdentifier()
  departmentId?: string;
}

/** An article drafted from a resolved demand or an accepted case: the source is the service's, the content the caller's. */
export class DraftFromSourceDto extends ArticleContentDto {
  @ApiProperty({ enum: ARTICLE_KINDS })
  @IsIn(ARTICLE_KINDS)
  kind!: ArticleKind;
}

export class ReviseArticleDto extends ArticleContentDto {
  @ApiProperty({ example: '補充截圖' })
  @IsString()
  @Length(1, 2000)
  changeNote!: string;
}

export class ReviewArticleDto {
  @ApiProperty({ description: 'true: publish the version in review; false: return it to its author' })
  @IsBoolean()
  approve!: boolean;

  @ApiPropertyOptional({ description: 'Required when returning it' })
  @IsOptional()
  @IsString()
  @Length(0, 2000)
  comment?: string;
}

export class ConfirmArticleDto {
  @ApiProperty({ example: '步驟仍然有效' })
  @IsString()
  @Length(1, 2000)
  comment!: string;
}

export class KnowledgeSettingsDto {
  @ApiProperty({ minimum: 1, maximum: MAX_STALE_AFTER_DAYS, description: 'Days a published article may go without a review before it is stale' })
  @IsInt()
  @Min(1)
  @Max(MAX_STALE_AFTER_DAYS)
  staleAfterDays!: number;
}

export class ArticleListQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Words its title, tags or body hold (Chinese included), each of them' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  q?: string;

  @ApiPropertyOptional({ enum: ARTICLE_KINDS })
  @IsOptional()
  @IsIn(ARTICLE_KINDS)
  kind?: ArticleKind;

  @ApiPropertyOptional({ enum: ARTICLE_STATUSES, description: 'Absent: the published articles' })
  @IsOptional()
  @IsIn(ARTICLE_STATUSES)
  status?: ArticleStatus;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, MAX_TAG_LENGTH)
  tag?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsKey()
  author?: string;

  @ApiPropertyOptional({ enum: SOURCE_KINDS })
  @IsOptional()
  @IsIn(SOURCE_KINDS)
  sourceKind?: (typeof SOURCE_KINDS)[number];

  @ApiPropertyOptional({ description: 'The demand or case id it came from' })
  @IsOptional()
  @IsKey()
  sourceId?: string;

  @ApiPropertyOptional({ enum: ['true'], description: 'Only the published articles nobody has reviewed for the configured time' })
  @IsOptional()
  @Type(() => String)
  @IsIn(['true'])
  staleOnly?: 'true';
}
