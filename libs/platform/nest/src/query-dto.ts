import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';

/** Any query may name a command's checkpoint to read that command's effects (read-your-writes). */
export class ConsistentQuery {
  @ApiPropertyOptional({ description: "A command response's checkpoint: the query waits, briefly, until the read model has it" })
  @IsOptional()
  @IsString()
  after?: string;

  @ApiPropertyOptional({
    enum: ['allow'],
    description: "With `after`: answer from the read model as it is when the wait ends, instead of 503 read-model-behind",
  })
  @IsOptional()
  @IsIn(['allow'])
  stale?: 'allow';
}

/** A page number beyond it would overflow the query's offset (1e300 answered 500); a million pages outlast any list. */
export const MAX_PAGE = 1_000_000;

export class PageQuery extends ConsistentQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  page = 1;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  pageSize = 50;
}

export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}
