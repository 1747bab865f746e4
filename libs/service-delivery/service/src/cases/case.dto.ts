import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  ACCEPTANCE_VERDICTS,
  AcceptanceVerdict,
  DEFAULT_SATISFACTION_SURVEY,
  EXPERT_CONCLUSIONS,
  ExpertConclusion,
  FOLLOW_UP_CHANNELS,
  FOLLOW_UP_VISIT_ID_PATTERN,
  FollowUpChannel,
  MEETING_KINDS,
  MeetingKind,
  PROBLEM_SOURCES,
  PROCESS_STAGES,
  ProblemSource,
  ProcessStage,
  SURVEY_ID_PATTERN,
  TEAM_ROLES,
  TeamRole,
} from '@serviceledger/service-delivery/domain';
import { IsIdentifier, IsKey } from '@serviceledger/platform/nest';

const LINE = [1, 500] as const;
const TEXT = [1, 5000] as const;

// Plans (P-3.1, P-3.2, C-2.2)

export class AcceptanceCriterionDto {
  @ApiProperty() @IsKey() criterionId!: string;
  @ApiProperty() @IsString() @Length(...LINE) text!: string;
}

export class PlanMilestoneDto {
  @ApiProperty() @IsKey() milestoneId!: string;
  @ApiProperty() @IsString() @Length(...LINE) title!: string;
  @ApiProperty({ format: 'date-time' }) @IsISO8601({ strict: true }) dueAt!: string;
}

export class PlanStepDto {
  @ApiProperty() @IsKey() stepId!: string;
  @ApiProperty() @IsString() @Length(...LINE) description!: string;
  @ApiProperty() @IsKey() milestoneId!: string;
}

export class PlanContentDto {
  @ApiProperty({ type: [String] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50) @IsString({ each: true }) @Length(...LINE, { each: true }) goals!: string[];
  @ApiProperty() @IsString() @Length(...TEXT) content!: string;
  @ApiProperty({ type: [PlanStepDto] }) @IsArray() @ArrayMaxSize(200) @ValidateNested({ each: true }) @Type(() => PlanStepDto) steps!: PlanStepDto[];
  @ApiProperty({ type: [PlanMilestoneDto] }) @IsArray() @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => PlanMilestoneDto) milestones!: PlanMilestoneDto[];
  @ApiProperty({ type: [String] }) @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @Length(...LINE, { each: true }) expectedResults!: string[];
  @ApiProperty({ type: [AcceptanceCriterionDto] })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => AcceptanceCriterionDto)
  acceptanceCriteria!: AcceptanceCriterionDto[];
}

export class SubmitPlanVersionDto {
  @ApiProperty({ type: PlanContentDto }) @ValidateNested() @Type(() => PlanContentDto) plan!: PlanContentDto;
  @ApiPropertyOptional({ description: 'Flags a routine case’s plan as major: it then needs expert review' }) @IsOptional() @IsBoolean() major?: boolean;
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @ArrayMaxSize(10) @IsKey({ each: true }) experts?: string[];
  @ApiPropertyOptional({ description: 'Why the plan changes; required once a version was approved (C-2.2)' }) @IsOptional() @IsString() @Length(...LINE) changeReason?: string;
}

export class ExpertOpinionDto {
  @ApiProperty() @IsString() @Length(...TEXT) opinion!: string;
  @ApiProperty({ enum: EXPERT_CONCLUSIONS }) @IsIn(EXPERT_CONCLUSIONS) conclusion!: ExpertConclusion;
}

export class ApprovePlanDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(...TEXT) comments?: string;
}

export class RequestPlanChangesDto {
  @ApiProperty() @IsString() @Length(...TEXT) comments!: string;
}

// Team (P-4.1)

export class AddTeamMemberDto {
  @ApiProperty() @IsKey() memberId!: string;
  @ApiProperty({ enum: TEAM_ROLES }) @IsIn(TEAM_ROLES) role!: TeamRole;
  @ApiProperty() @IsString() @Length(...LINE) duties!: string;
}

export class DutiesDto {
  @ApiProperty() @IsString() @Length(...LINE) duties!: string;
}

export class ReasonDto {
  @ApiProperty() @IsString() @Length(...LINE) reason!: string;
}

export class ReplaceProjectManagerDto {
  @ApiProperty() @IsKey() memberId!: string;
  @ApiProperty() @IsString() @Length(...LINE) duties!: string;
  @ApiProperty({ description: 'Why the current project manager leaves' }) @IsString() @Length(...LINE) reason!: string;
}

// Implementation (P-4.2, P-4.3)

export class EvidenceDto {
  @ApiProperty() @IsString() @Length(...TEXT) evidence!: string;
}

export class CompleteMilestoneDto extends EvidenceDto {
  @ApiPropertyOptional({ description: 'Required when the milestone is completed after its due date' }) @IsOptional() @IsString() @Length(...LINE) lateReason?: string;
}

export class DeviationDto {
  @ApiProperty({ format: 'date-time' }) @IsISO8601({ strict: true }) expectedAt!: string;
  @ApiProperty() @IsString() @Length(...LINE) reason!: string;
}

export class ProblemAndSolutionDto {
  @ApiProperty() @IsString() @Length(...TEXT) problem!: string;
  @ApiProperty() @IsString() @Length(...TEXT) solution!: string;
}

export class ProgressReportDto {
  @ApiProperty() @IsString() @Length(...TEXT) progress!: string;
  @ApiProperty({ type: [ProblemAndSolutionDto] })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ProblemAndSolutionDto)
  problems!: ProblemAndSolutionDto[];
}

export class CoordinationIssueDto {
  @ApiProperty() @IsString() @Length(...TEXT) description!: string;
  @ApiProperty({ type: [String] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(10) @IsIdentifier({ each: true }) departmentIds!: string[];
}

export class ResolutionDto {
  @ApiProperty() @IsString() @Length(...TEXT) resolution!: string;
}

// Acceptance (P-5)

/** P-5.1: the acceptance criteria as the service contract or agreement sets them, by version. */
export class ContractCriteriaDto {
  @ApiProperty({ example: 'SC-2026-017' }) @IsString() @Length(1, 200) contractReference!: string;
  @ApiProperty({ minimum: 1 }) @IsInt() @Min(1) @Max(1_000_000) version!: number;
  @ApiProperty({ type: [AcceptanceCriterionDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => AcceptanceCriterionDto)
  criteria!: AcceptanceCriterionDto[];
}

export class CriterionResultDto {
  @ApiProperty() @IsKey() criterionId!: string;
  @ApiProperty() @IsBoolean() met!: boolean;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(...LINE) note?: string;
}

export class SignatoryDto {
  @ApiProperty() @IsString() @Length(1, 200) name!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) title?: string;
}

export class RectificationItemDto {
  @ApiProperty() @IsString() @Length(...TEXT) description!: string;
  @ApiPropertyOptional() @IsOptional() @IsKey() criterionId?: string;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsISO8601({ strict: true }) dueAt?: string;
}

export class AcceptanceReportDto {
  @ApiProperty({ type: [CriterionResultDto] }) @IsArray() @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => CriterionResultDto) results!: CriterionResultDto[];
  @ApiProperty({ type: SignatoryDto }) @ValidateNested() @Type(() => SignatoryDto) signatory!: SignatoryDto;
  @ApiProperty({ enum: ACCEPTANCE_VERDICTS }) @IsIn(ACCEPTANCE_VERDICTS) verdict!: AcceptanceVerdict;
  @ApiProperty({ type: [RectificationItemDto] })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => RectificationItemDto)
  rectificationItems!: RectificationItemDto[];
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(...TEXT) comments?: string;
}

/** The scan of the paper report the customer signed, by its SHA-256. */
export class SignedDocumentDto {
  @ApiProperty({ description: 'SHA-256 of the signed document, 64 hex digits', example: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08' })
  @Matches(/^[0-9a-fA-F]{64}$/, { message: 'sha256 must be 64 hexadecimal digits' })
  sha256!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) fileName?: string;
}

/** A report the customer signed on paper, recorded by customer service with the signed document. */
export class PaperAcceptanceReportDto extends AcceptanceReportDto {
  @ApiProperty({ type: SignedDocumentDto }) @IsObject() @ValidateNested() @Type(() => SignedDocumentDto) signedDocument!: SignedDocumentDto;
}

export class FixItemDto {
  @ApiProperty() @IsString() @Length(...TEXT) note!: string;
}

export class CloseCaseDto {
  @ApiProperty() @IsString() @Length(...TEXT) summary!: string;
}

// After-sales (P-6, C-2.1)

export class RequestVisitDto {
  @ApiProperty({ format: 'date-time' }) @IsISO8601({ strict: true }) dueAt!: string;
}

export class VisitFindingDto {
  @ApiProperty() @IsString() @Length(...TEXT) description!: string;
  @ApiProperty({ enum: PROCESS_STAGES }) @IsIn(PROCESS_STAGES) stage!: ProcessStage;
}

export class RecordVisitDto {
  @ApiProperty({ enum: FOLLOW_UP_CHANNELS }) @IsIn(FOLLOW_UP_CHANNELS) channel!: FollowUpChannel;
  @ApiPropertyOptional({ description: `The satisfaction survey answered, at its current version (default ${DEFAULT_SATISFACTION_SURVEY})` }) @IsOptional() @Matches(SURVEY_ID_PATTERN) surveyId?: string;
  @ApiProperty({ description: 'On the scale of the survey answered (the default survey: 1–5)', minimum: 0, maximum: 10 }) @IsInt() @Min(0) @Max(10) satisfaction!: number;
  @ApiPropertyOptional({ description: 'Only where the survey asks the recommendation question', minimum: 0, maximum: 10 }) @IsOptional() @IsInt() @Min(0) @Max(10) recommendation?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(...TEXT) comments?: string;
  @ApiProperty({ type: [VisitFindingDto] }) @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => VisitFindingDto) findings!: VisitFindingDto[];
}

export class RaiseProblemDto {
  @ApiProperty({ enum: PROBLEM_SOURCES }) @IsIn(PROBLEM_SOURCES) source!: ProblemSource;
  @ApiPropertyOptional({ description: 'The visit that found it, for source follow-up-visit' }) @IsOptional() @Matches(FOLLOW_UP_VISIT_ID_PATTERN, { message: "visitId must be a follow-up visit's id, <case id>-visit-<number>" }) visitId?: string;
  @ApiProperty() @IsString() @Length(...TEXT) description!: string;
}

export class AssignHandlerDto {
  @ApiProperty() @IsKey() handlerId!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(...LINE) reason?: string;
}

export class ResolveProblemDto extends ResolutionDto {
  @ApiProperty({ enum: PROCESS_STAGES }) @IsIn(PROCESS_STAGES) stage!: ProcessStage;
}

export class NoteDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(...TEXT) note?: string;
}

// Meetings (C-1.1)

export class DepartmentReportDto {
  @ApiProperty() @IsIdentifier() departmentId!: string;
  @ApiProperty() @IsString() @Length(...TEXT) progress!: string;
  @ApiProperty() @IsString() @Length(...TEXT) problems!: string;
  @ApiProperty() @IsString() @Length(...TEXT) solutions!: string;
}

export class ActionRequestDto {
  @ApiProperty() @IsString() @Length(...LINE) description!: string;
  @ApiProperty() @IsKey() ownerId!: string;
  @ApiProperty({ description: 'The department that takes the action on, in whose name it is assigned: one that reports at the meeting' }) @IsIdentifier() departmentId!: string;
  @ApiProperty({ format: 'date-time' }) @IsISO8601({ strict: true }) dueAt!: string;
}

export class RecordMeetingDto {
  @ApiProperty({ enum: MEETING_KINDS }) @IsIn(MEETING_KINDS) kind!: MeetingKind;
  @ApiPropertyOptional({ description: 'The case the meeting is about, for a project meeting' }) @IsOptional() @IsUUID() caseId?: string;
  @ApiProperty({ format: 'date-time' }) @IsISO8601({ strict: true }) heldAt!: string;
  @ApiProperty({ type: [String] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(100) @IsKey({ each: true }) attendees!: string[];
  @ApiProperty({ type: [DepartmentReportDto] }) @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => DepartmentReportDto) reports!: DepartmentReportDto[];
  @ApiProperty({ type: [String] }) @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @Length(...LINE, { each: true }) decisions!: string[];
  @ApiProperty({ type: [ActionRequestDto] }) @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => ActionRequestDto) actions!: ActionRequestDto[];
}

export class OutcomeDto {
  @ApiProperty() @IsString() @Length(...TEXT) outcome!: string;
}
