import { Body, Controller, Get, HttpCode, Put, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { CommandMetadata } from '@serviceledger/platform/core';
import { RequirePermission } from '@serviceledger/platform/auth';
import { CommandContext, Commands, ConsistentQuery, IdentifierParam, Page } from '@serviceledger/platform/nest';
import { Post, posts } from '@serviceledger/hr-performance/domain';
import { PostQueries, PostView } from './post-queries';
import { OnboardingProgrammeDto, PostDto, PostListQuery } from './post.dto';

/** Posts: their recruitment standards (H-1.1) and onboarding programmes (H-1.2), kept by HR. */
@Controller('hr-performance/posts')
export class PostsController {
  constructor(
    private readonly commands: Commands,
    private readonly queries: PostQueries,
  ) {}

  /** Defines the post, or revises its name, duties or standards: a change of the standards is their next version. */
  @ApiOperation({ summary: 'Define a post with its recruitment standards' })
  @Put(':postId')
  @HttpCode(200)
  @RequirePermission('hr:manage')
  async put(@IdentifierParam('postId') postId: string, @Body() dto: PostDto, @CommandContext() metadata: CommandMetadata) {
    const { checkpoint, state } = await this.commands.decide(posts, { type: 'DefinePost', data: { postId, ...dto }, metadata });
    return { id: postId, checkpoint, standardsVersion: (state as Post).standards.at(-1)?.version };
  }

  @ApiOperation({ summary: "Set a post's onboarding programme" })
  @Put(':postId/onboarding-programme')
  @HttpCode(200)
  @RequirePermission('hr:manage')
  async programme(@IdentifierParam('postId') postId: string, @Body() dto: OnboardingProgrammeDto, @CommandContext() metadata: CommandMetadata) {
    const { checkpoint, state } = await this.commands.decide(posts, { type: 'SetOnboardingProgramme', data: { postId, ...dto }, metadata });
    return { id: postId, checkpoint, programmeVersion: (state as Post).onboarding?.version };
  }

  @ApiOperation({ summary: 'List posts' })
  @Get()
  @RequirePermission('hr:read')
  list(@Query() query: PostListQuery): Promise<Page<PostView>> {
    return this.queries.list(query);
  }

  @ApiOperation({ summary: 'Read a post' })
  @Get(':postId')
  @RequirePermission('hr:read')
  detail(@IdentifierParam('postId') postId: string, @Query() query: ConsistentQuery): Promise<PostView> {
    return this.queries.detail(postId, query);
  }
}
