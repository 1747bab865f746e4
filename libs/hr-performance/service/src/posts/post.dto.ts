import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDefined, IsIn, IsInt, IsOptional, IsString, Length, Max, Min, ValidateNested } from 'class-validator';
import { IsIdentifier, PageQuery } from '@serviceledger/platform/nest';
import { MAX_DUTIES, MAX_ONBOARDING_DAYS, MAX_PROGRAMME_ITEMS, ONBOARDING_TOPICS, OnboardingTopic, POST_TRACKS, PostTrack } from '@serviceledger/hr-performance/domain';

export class RecruitmentStandardsDto {
  @ApiProperty({ description: 'The professional knowledge the post asks for' })
  @IsString()
  @Length(1, 2000)
  knowledge!: string;

  @ApiProperty({ description: 'The skills the post asks for' })
  @IsString()
  @Length(1, 2000)
  skills!: string;

  @ApiProperty({ description: 'The service attitude the post asks for' })
  @IsString()
  @Length(1, 2000)
  serviceAttitude!: string;
}

export class PostDto {
  @ApiProperty({ example: 'Support engineer' })
  @IsString()
  @Length(1, 120)
  name!: string;

  @ApiProperty({ example: 'tech-support' })
  @IsIdentifier()
  departmentId!: string;

  @ApiProperty({ enum: POST_TRACKS })
  @IsIn(POST_TRACKS)
  track!: PostTrack;

  @ApiProperty({ type: [String], description: 'The post’s duties, from which appraisal indicators are drawn (H-2.1)' })
  @IsArray()
  @ArrayMaxSize(MAX_DUTIES)
  @IsString({ each: true })
  @Length(1, 500, { each: true })
  duties!: string[];

  @ApiProperty({ type: RecruitmentStandardsDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => RecruitmentStandardsDto)
  standards!: RecruitmentStandardsDto;
}

export class ProgrammeItemDto {
  @ApiProperty({ enum: ONBOARDING_TOPICS })
  @IsIn(ONBOARDING_TOPICS)
  topic!: OnboardingTopic;

  @ApiProperty({ example: 'Customer first: our culture' })
  @IsString()
  @Length(1, 200)
  title!: string;
}

export class OnboardingProgrammeDto {
  @ApiProperty({ type: [ProgrammeItemDto], description: 'Must cover company, culture, service process, business knowledge and communication skills' })
  @IsArray()
  @ArrayMaxSize(MAX_PROGRAMME_ITEMS)
  @ValidateNested({ each: true })
  @Type(() => ProgrammeItemDto)
  items!: ProgrammeItemDto[];

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_ONBOARDING_DAYS, default: 30, description: 'Days after hiring by which onboarding is due' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_ONBOARDING_DAYS)
  dueWithinDays?: number;
}

export class PostListQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'tech-support' })
  @IsOptional()
  @IsIdentifier()
  department?: string;
}
