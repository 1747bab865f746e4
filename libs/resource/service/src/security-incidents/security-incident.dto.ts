import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsISO8601, IsOptional, IsString, Length } from 'class-validator';
import { IsKey, PageQuery } from '@serviceledger/platform/nest';
import { INCIDENT_SEVERITIES, IncidentSeverity, IncidentStatus, MAX_AFFECTED_CUSTOMERS, NOTIFICATION_CHANNELS } from '@serviceledger/resource/domain';

export const INCIDENT_STATUSES: IncidentStatus[] = ['detected', 'contained', 'resolved'];

export class RecordSecurityIncidentDto {
  @ApiProperty({ example: 'Phishing mail opened on a support laptop' })
  @IsString()
  @Length(1, 200)
  title!: string;

  @ApiProperty({ description: 'What happened, what it reached, how it was found' })
  @IsString()
  @Length(1, 10000)
  description!: string;

  @ApiProperty({ enum: INCIDENT_SEVERITIES })
  @IsIn(INCIDENT_SEVERITIES)
  severity!: string;

  @ApiProperty({ example: '2026-12-01T10:00:00+08:00', description: 'When the incident was detected; not later than now' })
  @IsISO8601({ strict: true })
  detectedAt!: string;

  @ApiPropertyOptional({ description: 'Who detected it; absent: whoever records it' })
  @IsOptional()
  @IsKey()
  detectedBy?: string;

  @ApiProperty({ type: [String], description: `The customers affected, by id (at most ${MAX_AFFECTED_CUSTOMERS}); empty when none is known` })
  @IsArray()
  @ArrayMaxSize(MAX_AFFECTED_CUSTOMERS)
  @IsKey({ each: true })
  affectedCustomerIds!: string[];

  @ApiProperty({ description: 'Whether personal data was involved: then the affected must be notified within the configured hours' })
  @IsBoolean()
  personalDataInvolved!: boolean;
}

export class ContainSecurityIncidentDto {
  @ApiProperty({ description: 'What was done to stop the incident spreading' })
  @IsString()
  @Length(1, 10000)
  measures!: string;

  @ApiPropertyOptional({ description: 'When it was contained; absent: now' })
  @IsOptional()
  @IsISO8601({ strict: true })
  containedAt?: string;
}

export class ResolveSecurityIncidentDto {
  @ApiProperty({ description: 'How the incident was resolved, and what prevents it recurring' })
  @IsString()
  @Length(1, 10000)
  resolution!: string;

  @ApiPropertyOptional({ description: 'When it was resolved; absent: now' })
  @IsOptional()
  @IsISO8601({ strict: true })
  resolvedAt?: string;
}

export class RecordIncidentNotificationDto {
  @ApiProperty({ example: '2026-12-02T09:00:00+08:00', description: 'When the notification was given' })
  @IsISO8601({ strict: true })
  notifiedAt!: string;

  @ApiProperty({ example: 'The affected customers’ contacts and the provincial CAC office', description: 'Whom it reached' })
  @IsString()
  @Length(1, 500)
  recipients!: string;

  @ApiProperty({ enum: NOTIFICATION_CHANNELS, description: 'How it was given' })
  @IsIn(NOTIFICATION_CHANNELS)
  channel!: string;
}

const booleanQuery = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class SecurityIncidentListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: INCIDENT_STATUSES })
  @IsOptional()
  @IsIn(INCIDENT_STATUSES)
  state?: IncidentStatus;

  @ApiPropertyOptional({ enum: INCIDENT_SEVERITIES })
  @IsOptional()
  @IsIn(INCIDENT_SEVERITIES)
  severity?: IncidentSeverity;

  @ApiPropertyOptional({ description: 'Only incidents that affected this customer' })
  @IsOptional()
  @IsKey()
  customer?: string;

  @ApiPropertyOptional({ description: 'true: only incidents that involved personal data' })
  @IsOptional()
  @Transform(booleanQuery)
  @IsBoolean()
  personalData?: boolean;

  @ApiPropertyOptional({ description: 'true: only incidents whose notification deadline passed with no one notified' })
  @IsOptional()
  @Transform(booleanQuery)
  @IsBoolean()
  notificationOverdue?: boolean;
}
