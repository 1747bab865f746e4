import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsKey, PageQuery } from '@serviceledger/platform/nest';
import { AGREEMENT_PRIORITIES, CHANNEL_KINDS, COOPERATION_AREAS, PARTNER_KINDS, SHARED_INFORMATION_KINDS } from '@serviceledger/resource/domain';
import { IsCalendarDate } from '../calendar-date';

/** A year of minutes: the longest target a standard may set (the decider says so by name). */
const MAX_MINUTES = 365 * 24 * 60;
const MAX_DAYS = 366;
const MAX_CLAUSES = 50;
const booleanQuery = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class RegisterPartnerDto {
  @ApiProperty({ example: 'Acme Printing Services' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ enum: PARTNER_KINDS })
  @IsIn(PARTNER_KINDS)
  kind!: (typeof PARTNER_KINDS)[number];

  @ApiProperty({ example: 'tech-support', description: 'The department that manages the relationship' })
  @IsKey()
  departmentId!: string;
}

export class AddPartnerContactDto {
  @ApiProperty({ example: '錢偉', description: 'Personal data: kept encrypted, erased when the contact is removed' })
  @IsString()
  @Length(1, 100)
  name!: string;

  @ApiProperty({ example: 'Account manager' })
  @IsString()
  @Length(1, 100)
  role!: string;

  @ApiPropertyOptional({ example: '13800138000' })
  @IsOptional()
  @IsString()
  @Length(3, 30)
  phone?: string;

  @ApiPropertyOptional({ example: 'qian.wei@acme.example' })
  @IsOptional()
  @IsEmail()
  @Length(3, 200)
  email?: string;
}

export class RemovePartnerContactDto {
  @ApiProperty({ example: 'Left Acme' })
  @IsString()
  @Length(1, 1000)
  reason!: string;
}

export class ServiceTargetDto {
  @ApiProperty({ enum: AGREEMENT_PRIORITIES })
  @IsIn(AGREEMENT_PRIORITIES)
  priority!: (typeof AGREEMENT_PRIORITIES)[number];

  @ApiProperty({ minimum: 1, maximum: MAX_MINUTES, description: 'Business minutes within which the partner answers' })
  @IsInt()
  @Min(1)
  @Max(MAX_MINUTES)
  responseMinutes!: number;

  @ApiProperty({ minimum: 1, maximum: MAX_MINUTES, description: 'Business minutes within which the partner resolves' })
  @IsInt()
  @Min(1)
  @Max(MAX_MINUTES)
  resolutionMinutes!: number;
}

export class ServiceStandardsDto {
  @ApiProperty({ type: [ServiceTargetDto], description: 'One per priority the agreement covers' })
  @IsArray()
  @ArrayMaxSize(AGREEMENT_PRIORITIES.length)
  @ValidateNested({ each: true })
  @Type(() => ServiceTargetDto)
  targets!: ServiceTargetDto[];

  @ApiPropertyOptional({ example: 'office', description: 'Quality monitoring’s business calendar the minutes count on; absent: 24×7' })
  @IsOptional()
  @IsKey()
  calendarId?: string;
}

export class CommunicationChannelDto {
  @ApiProperty({ enum: CHANNEL_KINDS })
  @IsIn(CHANNEL_KINDS)
  kind!: (typeof CHANNEL_KINDS)[number];

  @ApiProperty({ example: 'Tickets to service@acme.example' })
  @IsString()
  @Length(1, 500)
  detail!: string;
}

/** Days between sharings per kind of information (六(三)3 及時); a kind absent has no cadence. */
export class SharingIntervalsDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_DAYS, description: 'Business information' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_DAYS)
  business?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_DAYS, description: 'Market developments (市場動態)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_DAYS)
  market?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_DAYS, description: 'Technical information' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_DAYS)
  technical?: number;
}

/**
 * A version of an agreement. The terms the regulation names (rights, duties, scope, service standards,
 * channels) are optional here so that an agreement missing one is refused by the rule, with 409 naming it.
 */
export class AgreementTermsDto {
  @ApiPropertyOptional({ type: [String], description: 'The parties’ rights, clause by clause' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_CLAUSES)
  @IsString({ each: true })
  @Length(0, 2000, { each: true })
  rights?: string[];

  @ApiPropertyOptional({ type: [String], description: 'The parties’ duties, clause by clause' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_CLAUSES)
  @IsString({ each: true })
  @Length(0, 2000, { each: true })
  duties?: string[];

  @ApiPropertyOptional({ description: 'What the cooperation covers (合作內容)' })
  @IsOptional()
  @IsString()
  @Length(0, 5000)
  scope?: string;

  @ApiPropertyOptional({ type: ServiceStandardsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ServiceStandardsDto)
  serviceStandards?: ServiceStandardsDto;

  @ApiPropertyOptional({ type: [CommunicationChannelDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_CLAUSES)
  @ValidateNested({ each: true })
  @Type(() => CommunicationChannelDto)
  communicationChannels?: CommunicationChannelDto[];

  @ApiProperty({ example: '2026-12-01' })
  @IsCalendarDate()
  validFrom!: string;

  @ApiProperty({ example: '2027-11-30', description: 'The last day the version is valid' })
  @IsCalendarDate()
  validTo!: string;

  @ApiProperty({ minimum: 1, maximum: MAX_DAYS, description: 'Days between meetings with the partner (六(三)2)' })
  @IsInt()
  @Min(1)
  @Max(MAX_DAYS)
  meetingIntervalDays!: number;

  @ApiPropertyOptional({ minimum: 0, maximum: MAX_DAYS, default: 30, description: 'Days before validTo that renewal is warned of' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_DAYS)
  renewalNoticeDays?: number;

  @ApiPropertyOptional({ type: SharingIntervalsDto, example: { market: 30, business: 14 }, description: 'How often each kind of information is shared with the partner (六(三)3)' })
  @IsOptional()
  @ValidateNested()
  @Type(() => SharingIntervalsDto)
  sharingIntervalDays?: SharingIntervalsDto;
}

export class SignAgreementDto extends AgreementTermsDto {
  @ApiProperty({ description: 'The partner the agreement is with' })
  @IsKey()
  partnerId!: string;
}

export class PartnerMeetingActionDto {
  @ApiProperty()
  @IsString()
  @Length(1, 2000)
  description!: string;

  @ApiProperty({ description: 'A member of staff, or a partner contact’s id' })
  @IsKey()
  ownerId!: string;

  @ApiProperty({ example: '2026-12-31' })
  @IsCalendarDate()
  dueOn!: string;

  @ApiPropertyOptional({ enum: COOPERATION_AREAS, description: 'The area of cooperation it serves (協同合作)' })
  @IsOptional()
  @IsIn(COOPERATION_AREAS)
  cooperationArea?: (typeof COOPERATION_AREAS)[number];
}

export class RecordPartnerMeetingDto {
  @ApiProperty({ example: '2026-12-20T10:00:00+08:00' })
  @IsISO8601({ strict: true })
  heldAt!: string;

  @ApiProperty({ type: [String], description: 'Who attended for us' })
  @IsArray()
  @ArrayMaxSize(100)
  @IsKey({ each: true })
  attendees!: string[];

  @ApiProperty({ type: [String], description: 'Who attended for the partner, by contact id' })
  @IsArray()
  @ArrayMaxSize(100)
  @IsKey({ each: true })
  partnerContactIds!: string[];

  @ApiProperty({ description: 'How the joint work progresses' })
  @IsString()
  @Length(0, 10000)
  progress!: string;

  @ApiProperty({ description: 'The problems met' })
  @IsString()
  @Length(0, 10000)
  problems!: string;

  @ApiProperty({ description: 'Their solutions' })
  @IsString()
  @Length(0, 10000)
  solutions!: string;

  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMaxSize(MAX_CLAUSES)
  @IsString({ each: true })
  @Length(0, 2000, { each: true })
  decisions!: string[];

  @ApiProperty({ type: [PartnerMeetingActionDto] })
  @IsArray()
  @ArrayMaxSize(MAX_CLAUSES)
  @ValidateNested({ each: true })
  @Type(() => PartnerMeetingActionDto)
  actions!: PartnerMeetingActionDto[];
}

export class CompletePartnerMeetingActionDto {
  @ApiProperty()
  @IsString()
  @Length(1, 2000)
  outcome!: string;
}

export class ShareInformationDto {
  @ApiProperty({ enum: SHARED_INFORMATION_KINDS, description: 'Business information, market developments (市場動態), technical' })
  @IsIn(SHARED_INFORMATION_KINDS)
  kind!: (typeof SHARED_INFORMATION_KINDS)[number];

  @ApiProperty({ example: 'Q4 printer demand in Pudong' })
  @IsString()
  @Length(1, 200)
  subject!: string;

  @ApiProperty()
  @IsString()
  @Length(1, 10000)
  summary!: string;

  @ApiProperty({ example: 'email' })
  @IsString()
  @Length(1, 100)
  channel!: string;

  @ApiPropertyOptional({ description: 'When it was shared; absent: now' })
  @IsOptional()
  @IsISO8601({ strict: true })
  sharedAt?: string;

  @ApiPropertyOptional({ description: 'The agreement (with this partner) it was shared under: its sharing cadence counts it' })
  @IsOptional()
  @IsKey()
  agreementId?: string;

  @ApiPropertyOptional({ enum: COOPERATION_AREAS, description: 'The area of cooperation it serves (協同合作)' })
  @IsOptional()
  @IsIn(COOPERATION_AREAS)
  cooperationArea?: (typeof COOPERATION_AREAS)[number];
}

export class PartnerListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: PARTNER_KINDS })
  @IsOptional()
  @IsIn(PARTNER_KINDS)
  kind?: string;
}

export class AgreementListQuery extends PageQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsKey()
  partnerId?: string;

  @ApiPropertyOptional({ description: 'Only agreements whose meeting is overdue (true) or not (false)' })
  @IsOptional()
  @Transform(booleanQuery)
  @IsBoolean()
  meetingOverdue?: boolean;

  @ApiPropertyOptional({ description: 'Only agreements whose version in force reached its renewal notice' })
  @IsOptional()
  @Transform(booleanQuery)
  @IsBoolean()
  renewalDue?: boolean;

  @ApiPropertyOptional({ description: 'Only agreements with a kind of information overdue for sharing (true) or none (false)' })
  @IsOptional()
  @Transform(booleanQuery)
  @IsBoolean()
  sharingOverdue?: boolean;
}
