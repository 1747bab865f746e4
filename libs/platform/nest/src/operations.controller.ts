import { Controller, Get, HttpCode, NotFoundException, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '@serviceledger/platform/auth';
import { ProjectionHost, ProjectionStatus } from '@serviceledger/platform/read-models';
import { PlatformRuntime } from './platform-runtime';
import { PROCESS_ROLES, ServedBy } from './process-roles';

/** What an operator needs on a running process: projection lag and rebuilds, dead letters and replays. */
@ApiTags('operations')
@ApiBearerAuth()
@ServedBy(...PROCESS_ROLES)
@Controller('operations')
export class OperationsController {
  constructor(
    private readonly projections: ProjectionHost,
    private readonly runtime: PlatformRuntime,
  ) {}

  @Get('projections')
  @RequirePermission('operations:manage')
  status(): Promise<ProjectionStatus[]> {
    return this.projections.status();
  }

  /** Rebuilds into the standby slot while the active one serves; answers once the slots have switched. */
  @Post('projections/:name/rebuild')
  @ServedBy('projector')
  @HttpCode(200)
  @RequirePermission('operations:manage')
  async rebuild(@Param('name') name: string): Promise<ProjectionStatus> {
    await this.projections.rebuild(name);
    return (await this.projections.status()).find((p) => p.name === name)!;
  }

  @Get('dead-letters')
  @RequirePermission('operations:manage')
  deadLetters(): Promise<Array<{ consumer: string; count: number }>> {
    return this.runtime.deadLetterCounts();
  }

  /** Runs each of the consumer's dead letters through it once more (on Kafka: re-reads its dead-letter topic). */
  @Post('dead-letters/:consumer/replay')
  @ServedBy('consumer')
  @HttpCode(200)
  @RequirePermission('operations:manage')
  async replay(@Param('consumer') name: string): Promise<{ replayed: number; failed: number }> {
    const consumer = this.runtime.consumer(name);
    if (!consumer) throw new NotFoundException(`No consumer ${name} runs in this process (ROLES must include consumer)`);
    return consumer.replayDeadLetters();
  }
}
