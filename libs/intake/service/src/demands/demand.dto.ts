import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsEmail,
  IsISO8601,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsIdentifier, IsKey } from '@serviceledger/platform/nest';
import {
  COMPLEXITIES,
  CONVERSATION_CHANNELS,
  Complexity,
  ConversationChannel,
  DEMAND_KINDS,
  DemandKind,
  LEVELS,
  Level,
  MAX_ATTACHMENTS_PER_MESSAGE,
  MAX_ATTACHMENT_BYTES,
  MAX_PROMISED_HANDLING_HOURS,
  PRIORITIES,
  PROCESS_STAGES,
  Priority,
  WEB_SUB_CHANNELS,
  WebSubChannel,
} from '@serviceledger/intake/domain';

export class ContactDto {
  @ApiProperty({ example: '王小明' })
  @IsString()
  @Length(1, 120)
  name!: string;

  @ApiPropertyOptional({ example: '+86 138 0013 8000' })
  @IsOptional()
  @Matches(/^\+?[0-9 ()-]{5,30}$/, { message: 'phone must be digits, spaces, brackets or dashes, optionally with a leading +' })
  phone?: string;

  @ApiPropertyOptional({ example: 'wang@example.com' })
  @IsOptional()
  @IsEmail()
  email?: string;
}

export class AttachmentDto {
  @ApiProperty()
  @IsString()
  @Length(1, 255)
  name!: string;

  @ApiProperty({ example: 'application/pdf' })
  @Matches(/^[\w.+-]+\/[\w.+-]+$/, { message: 'contentType must be a MIME type such as application/pdf' })
  contentType!: string;

  @ApiProperty({ description: 'bytes', minimum: 0, maximum: MAX_ATTACHMENT_BYTES })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_ATTACHMENT_BYTES)
  size!: number;

  @ApiPropertyOptional({ description: 'Hex SHA-256 of the content' })
  @IsOptional()
  @Matches(/^[0-9a-f]{64}$/, { message: 'sha256 must be 64 lower-case hex digits' })
  sha256?: string;
}

/** The files sent with a message, described: at most MAX_ATTACHMENTS_PER_MESSAGE. */
function Attachments(): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ type: [AttachmentDto] }),
    IsOptional(),
    ArrayMaxSize(MAX_ATTACHMENTS_PER_MESSAGE),
    ValidateNested({ each: true }),
    Type(() => AttachmentDto),
  );
}

/** A complaint's promised handling time, in whole hours up to 90 days. */
function PromisedHandlingHours(description: string): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ description, minimum: 1, maximum: MAX_PROMISED_HANDLING_HOURS }),
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(1),
    Max(MAX_PROMISED_HANDLING_HOURS),
  );
}

/**
 * C-2.3 "向客戶承諾處理時間和結果": the result promised to a complaining customer. Required for a complaint
 * (the regulation gives no default: the result depends on the complaint), refused by the decider for
 * any other kind.
 */
function PromisedResult(description: string): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ description, example: '更換打印驅動並退還上門費' }),
    ValidateIf((dto: { kind?: DemandKind; promisedResult?: unknown }) => dto.kind === 'complaint' || dto.promisedResult !== undefined),
    IsString(),
    Matches(/\S/, { message: 'promisedResult is required for a complaint: the result promised to the customer (C-2.3)' }),
    Length(1, 4000),
  );
}

export class RegisterDemandDto {
  @ApiPropertyOptional({ description: 'Required for staff; a customer registers for their own organisation', format: 'uuid', example: '7c9e6679-7425-40de-944b-e07fc1f90ae7' })
  @IsOptional()
  @IsUUID()
  customerId?: string;

  @ApiProperty({ type: ContactDto })
  @ValidateNested()
  @Type(() => ContactDto)
  contact!: ContactDto;

  @ApiProperty({ enum: ['phone', 'web'], description: 'E-mail demands arrive through the e-mail channel' })
  @IsIn(['phone', 'web'])
  channel!: 'phone' | 'web';

  @ApiPropertyOptional({ enum: WEB_SUB_CHANNELS })
  @IsOptional()
  @IsIn(WEB_SUB_CHANNELS)
  subChannel?: WebSubChannel;

  @ApiProperty({ enum: DEMAND_KINDS, example: 'complaint' })
  @IsIn(DEMAND_KINDS)
  kind!: DemandKind;

  @ApiProperty({ example: '打印機無法連線' })
  @IsString()
  @Length(1, 200)
  subject!: string;

  @ApiProperty({ example: '上週報修的打印機至今仍無法連線,工程師兩次上門都沒有修好,要求退還上門費' })
  @IsString()
  @Length(1, 20000)
  description!: string;

  @ApiPropertyOptional({ example: 'technical-support' })
  @IsOptional()
  @IsIdentifier()
  businessCategory?: string;

  @ApiProperty({ enum: LEVELS, description: '1 high … 3 low' })
  @Type(() => Number)
  @IsIn(LEVELS)
  impact!: Level;

  @ApiProperty({ enum: LEVELS, description: '1 high … 3 low' })
  @Type(() => Number)
  @IsIn(LEVELS)
  urgency!: Level;

  @Attachments()
  attachments?: AttachmentDto[];

  @PromisedHandlingHours('Complaints registered by staff: the promised handling time in hours; the default depends on the priority')
  promisedHandlingHours?: number;

  @ApiPropertyOptional({
    description:
      'Complaints registered by staff, and required for them: the result promised to the customer (C-2.3). A customer registering through the portal sends neither promise field: staff promise afterwards (POST …/complaint-promise)',
    example: '更換打印驅動並退還上門費',
  })
  @IsOptional()
  @IsString()
  @Matches(/\S/, { message: 'promisedResult is required for a complaint: the result promised to the customer (C-2.3)' })
  @Length(1, 4000)
  promisedResult?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    example: '2026-12-07T09:20:00+08:00',
    description: '二(一)2: when the demand reached us (the call taken), with its time zone; defaults to the registration. A portal demand takes none',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(/T.*(Z|[+-]\d{2}:?\d{2})$/, { message: 'receivedAt must be a date and time with its time zone (Z or ±hh:mm)' })
  receivedAt?: string;
}

export class ConfirmTriageDto {
  @ApiPropertyOptional({ enum: COMPLEXITIES, description: "Defaults to the rules' suggestion" })
  @IsOptional()
  @IsIn(COMPLEXITIES)
  complexity?: Complexity;

  @ApiPropertyOptional({ enum: PRIORITIES })
  @IsOptional()
  @IsIn(PRIORITIES)
  priority?: Priority;

  @ApiPropertyOptional()
  @IsOptional()
  @IsIdentifier()
  businessCategory?: string;

  @ApiPropertyOptional({
    type: [String],
    description: "P-2.2: the departments the demand involves besides the one it is assigned to; defaults to the rules' suggestion",
  })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsIdentifier({ each: true })
  departmentIds?: string[];

  @ApiPropertyOptional({ description: 'Required when the decision departs from the suggestion' })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  reason?: string;
}

export class AssignDemandDto {
  @ApiPropertyOptional({ description: 'Defaults to the routing rule of the business category' })
  @IsOptional()
  @IsIdentifier()
  departmentId?: string;

  @ApiPropertyOptional({ description: "Defaults to the route's owner" })
  @IsOptional()
  @IsKey()
  ownerId?: string;
}

/** P-1.1, C-2.3: what the demand really is, and why; a new complaint may name its promise. */
export class ReclassifyDemandDto {
  @ApiProperty({ enum: DEMAND_KINDS, example: 'complaint' })
  @IsIn(DEMAND_KINDS)
  kind!: DemandKind;

  @ApiProperty({ example: '客戶來信投訴維修一再延誤' })
  @IsString()
  @Length(1, 2000)
  reason!: string;

  @PromisedHandlingHours('Only when it becomes a complaint: the promised handling time in hours; the default depends on the priority')
  promisedHandlingHours?: number;

  @PromisedResult('Only, and required, when it becomes a complaint: the result promised to the customer')
  promisedResult?: string;
}

/** C-2.3: the promise staff give a complaint a customer registered through the portal. */
export class ComplaintPromiseDto {
  @ApiProperty({ description: 'The result promised to the customer', example: '三天內更換主板並退還上門費' })
  @IsString()
  @Matches(/\S/, { message: 'promisedResult is required: the result promised to the customer (C-2.3)' })
  @Length(1, 4000)
  promisedResult!: string;

  @PromisedHandlingHours('The promised handling time in hours, from now; the default depends on the priority')
  promisedHandlingHours?: number;
}

export class ReassignDemandDto {
  @ApiProperty()
  @IsIdentifier()
  departmentId!: string;

  @ApiProperty()
  @IsKey()
  ownerId!: string;

  @ApiProperty()
  @IsString()
  @Length(1, 2000)
  reason!: string;
}

export class MeetingParticipantsDto {
  @ApiProperty()
  @IsIdentifier()
  departmentId!: string;

  @ApiProperty({ type: [String] })
  @IsString({ each: true })
  @ArrayMaxSize(50)
  people!: string[];
}

export class ConveneMeetingDto {
  @ApiProperty({ example: '2026-12-01T02:00:00Z' })
  @IsISO8601({ strict: true })
  scheduledAt!: string;

  @ApiProperty({ type: [MeetingParticipantsDto] })
  @ValidateNested({ each: true })
  @ArrayMaxSize(20)
  @Type(() => MeetingParticipantsDto)
  participants!: MeetingParticipantsDto[];
}

export class ResponsibilityDto {
  @ApiProperty()
  @IsIdentifier()
  departmentId!: string;

  @ApiProperty()
  @IsString()
  @Length(1, 4000)
  responsibility!: string;
}

export class RecordCoordinationDto {
  @ApiProperty({ type: [ResponsibilityDto] })
  @ValidateNested({ each: true })
  @ArrayMaxSize(20)
  @Type(() => ResponsibilityDto)
  responsibilities!: ResponsibilityDto[];

  @ApiProperty({ description: 'How the departments work together' })
  @IsString()
  @Length(1, 8000)
  cooperation!: string;

  @ApiProperty()
  @IsIdentifier()
  leadDepartmentId!: string;

  @ApiProperty()
  @IsString()
  @Length(1, 20000)
  jointSolution!: string;
}

export class ReplyDto {
  @ApiProperty({ enum: CONVERSATION_CHANNELS })
  @IsIn(CONVERSATION_CHANNELS)
  channel!: ConversationChannel;

  @ApiProperty()
  @IsString()
  @Length(1, 50000)
  body!: string;

  @Attachments()
  attachments?: AttachmentDto[];
}

export class CustomerMessageDto extends ReplyDto {
  @ApiProperty({ description: 'Who the message came from, as the customer gave it' })
  @IsString()
  @Length(1, 200)
  from!: string;
}

export class TextDto {
  @ApiProperty()
  @IsString()
  @Length(1, 20000)
  text!: string;
}

/**
 * A resolution; for an after-sales demand (P-6.3), the process stage it points back to; for a complaint
 * (C-2.3), whether the result promised to the customer was delivered.
 */
export class ResolveDemandDto extends TextDto {
  @ApiPropertyOptional({ enum: PROCESS_STAGES, description: 'Required of an after-sales demand: the stage of the service process the problem points back to (P-6.3)' })
  @IsOptional()
  @IsIn(PROCESS_STAGES)
  processStage?: string;

  @ApiPropertyOptional({ description: 'Complaints, and required for them: whether the promised result was delivered' })
  @IsOptional()
  @IsBoolean()
  promisedResultDelivered?: boolean;

  @ApiPropertyOptional({ description: 'Why the promised result was not delivered (required then), or what was delivered instead' })
  @IsOptional()
  @IsString()
  @Length(1, 4000)
  promisedResultNote?: string;
}

/** Who holds the next step and why: a vendor's part, a partner's answer, a carrier's delivery. */
export class ThirdPartyWaitDto {
  @ApiProperty({ example: 'HP support', description: 'Who the demand waits on, in a few words: a vendor, a partner, a carrier' })
  @IsString()
  @Length(1, 120)
  party!: string;

  @ApiProperty({ example: '等待原廠寄送替換主板' })
  @IsString()
  @Length(1, 2000)
  reason!: string;

  @ApiPropertyOptional({ description: 'The partner waited on, by its id in the resource service (C-3.1): quality monitoring measures the wait against its UC policy' })
  @IsOptional()
  @IsKey()
  partnerId?: string;
}

export class ComplaintResultDto {
  @ApiProperty({ enum: CONVERSATION_CHANNELS })
  @IsIn(CONVERSATION_CHANNELS)
  channel!: ConversationChannel;

  @ApiProperty()
  @IsString()
  @Length(1, 20000)
  result!: string;
}
