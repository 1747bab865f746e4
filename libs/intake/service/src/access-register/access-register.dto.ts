import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, Length, Matches } from 'class-validator';
import { ConsistentQuery, PageQuery } from '@serviceledger/platform/nest';

/** The access register's filters: whose data, who read it, and when. */
export class PersonalDataRegisterQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Whose data was read: a customer id' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  customer?: string;

  @ApiPropertyOptional({ description: 'Who read it: a user id' })
  @IsOptional()
  @IsString()
  @Length(1, 128)
  accessedBy?: string;

  @ApiPropertyOptional({ description: 'Read at or after (ISO 8601)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'Read before (ISO 8601)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}

export class SubjectAccessQuery extends ConsistentQuery {
  @ApiProperty({ description: 'Why the customer’s data is exported, e.g. the request it answers; registered with the export (R-3.1)' })
  @IsString()
  @Length(3, 500)
  @Matches(/\S/, { message: 'reason must not be blank' })
  reason!: string;
}
