import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, Length, Matches } from 'class-validator';
import { ConsistentQuery, PageQuery } from '@serviceledger/platform/nest';
import { CADENCE_KINDS, CadenceKind, MEETING_KINDS, MeetingKind } from '@serviceledger/service-delivery/domain';

// An instant needs its offset: a bare date or local time would be read in the server's zone.
const INSTANT = /^\d{4}-\d{2}-\d{2}T.+(Z|[+-]\d{2}:\d{2})$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class MeetingListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: MEETING_KINDS })
  @IsOptional()
  @IsIn(MEETING_KINDS)
  kind?: MeetingKind;

  @ApiPropertyOptional({ description: 'A department that reported at the meeting' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  department?: string;

  @ApiPropertyOptional({ description: 'Held at or after, ISO 8601 with an offset', example: '2026-12-01T00:00:00+08:00' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(INSTANT, { message: 'from is an ISO 8601 date and time with Z or an offset' })
  from?: string;

  @ApiPropertyOptional({ description: 'Held before, ISO 8601 with an offset', example: '2027-01-01T00:00:00+08:00' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(INSTANT, { message: 'to is an ISO 8601 date and time with Z or an offset' })
  to?: string;
}

export class CadenceQuery extends ConsistentQuery {
  @ApiProperty({ description: 'First local date (Asia/Shanghai), inclusive', example: '2026-11-30' })
  @IsISO8601({ strict: true })
  @Matches(DATE, { message: 'from is a date, YYYY-MM-DD' })
  from!: string;

  @ApiProperty({ description: 'Last local date (Asia/Shanghai), inclusive', example: '2026-12-20' })
  @IsISO8601({ strict: true })
  @Matches(DATE, { message: 'to is a date, YYYY-MM-DD' })
  to!: string;
}

export class CadenceGapsQuery extends CadenceQuery {
  @ApiPropertyOptional({ enum: CADENCE_KINDS })
  @IsOptional()
  @IsIn(CADENCE_KINDS)
  kind?: CadenceKind;

  @ApiPropertyOptional({ description: 'A department expected at the meetings' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  department?: string;
}

export const MEETING_ACTION_STATUSES = ['open', 'overdue', 'done'] as const;
export type MeetingActionStatus = (typeof MEETING_ACTION_STATUSES)[number];

export class MeetingActionListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: MEETING_ACTION_STATUSES, description: 'overdue: open and marked overdue by the scheduler once its due date passed' })
  @IsOptional()
  @IsIn(MEETING_ACTION_STATUSES)
  status?: MeetingActionStatus;

  @ApiPropertyOptional({ description: 'The department that took the action on' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  department?: string;

  @ApiPropertyOptional({ description: 'The action’s owner' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  owner?: string;
}
