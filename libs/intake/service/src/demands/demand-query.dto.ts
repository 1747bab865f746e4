import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, Length, Matches } from 'class-validator';
import { AsOfQuery, PageQuery } from '@serviceledger/platform/nest';
import { DEMAND_KINDS, DEMAND_STATUSES, DemandKind, DemandStatus, PRIORITIES, Priority } from '@serviceledger/intake/domain';

export const DEMAND_SORTS = ['registeredAt', '-registeredAt', 'priority', '-priority', 'updatedAt', '-updatedAt', 'reference', '-reference'] as const;
export type DemandSort = (typeof DEMAND_SORTS)[number];

/** The longest text `q` looks for: a reference or a few words of a subject. */
export const DEMAND_SEARCH_MAX_LENGTH = 100;

export class DemandListQuery extends PageQuery {
  @ApiPropertyOptional({
    maxLength: DEMAND_SEARCH_MAX_LENGTH,
    description:
      'Text to find demands by. A reference (`SR-2026-000042`, in any case, `SR-2026-42` too) finds that demand alone, by the index on references. ' +
      'A number (`42`) finds the demands so numbered, of every year, and those whose subject holds it; any other text, the demands whose subject holds it, in any case. ' +
      'Within the demands the principal may see, and with the other filters. Contact details are not searched: look the customer up by phone or e-mail (with a reason).',
  })
  @IsOptional()
  @IsString()
  @Length(1, DEMAND_SEARCH_MAX_LENGTH)
  @Matches(/\S/, { message: 'q must not be blank' })
  q?: string;

  @ApiPropertyOptional({ enum: DEMAND_STATUSES })
  @IsOptional()
  @IsIn(DEMAND_STATUSES)
  status?: DemandStatus;

  @ApiPropertyOptional({ enum: ['phone', 'web', 'email'] })
  @IsOptional()
  @IsIn(['phone', 'web', 'email'])
  channel?: string;

  @ApiPropertyOptional({ enum: DEMAND_KINDS })
  @IsOptional()
  @IsIn(DEMAND_KINDS)
  kind?: DemandKind;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 64)
  category?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 64)
  department?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 64)
  owner?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 64)
  customer?: string;

  @ApiPropertyOptional({ enum: PRIORITIES })
  @IsOptional()
  @IsIn(PRIORITIES)
  priority?: Priority;

  @ApiPropertyOptional({ description: 'Registered at or after (ISO 8601)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'Registered before (ISO 8601)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ enum: DEMAND_SORTS, default: '-registeredAt' })
  @IsOptional()
  @IsIn(DEMAND_SORTS)
  sort: DemandSort = '-registeredAt';

  @ApiPropertyOptional({ description: 'The `next` of the page before, with the same sort and filters: the page after it. Not with `page`.' })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  cursor?: string;

  @ApiPropertyOptional({ enum: ['exact'], description: 'Also answer `total`, the number of every match: it costs as much as reading them all' })
  @IsOptional()
  @IsIn(['exact'])
  count?: 'exact';
}

export class DemandDetailQuery extends AsOfQuery {
  @ApiPropertyOptional({ description: 'Why the contact details are needed; required to see them unmasked (R-3.1)' })
  @IsOptional()
  @IsString()
  @Length(3, 500)
  @Matches(/\S/, { message: 'reason must not be blank' })
  reason?: string;
}
