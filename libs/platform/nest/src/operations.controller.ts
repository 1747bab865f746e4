import { Body, Controller, Get, HttpCode, NotFoundException, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty } from '@nestjs/swagger';
import { IsString, IsUUID, Length } from 'class-validator';
import { RequirePermission } from '@serviceledger/platform/auth';
import { CommandMetadata, RuleViolation } from '@serviceledger/platform/core';
import { ParkedEventRecord, ProjectionEventError, ProjectionHost, ProjectionStatus, parkedEvents } from '@serviceledger/platform/read-models';
import { CommandContext } from './command-context';
import { Commands } from './commands';
import { PlatformRuntime } from './platform-runtime';
import { PROCESS_ROLES, ServedBy } from './process-roles';

export class ParkEventDto {
  @ApiProperty({ description: 'The event the projection is stuck on, as /operations/projections and /health name it', example: '3b1f6c2e-8d4a-4f0e-9c57-2a6e1d9b7f40' })
  @IsUUID()
  eventId!: string;

  @ApiProperty({ example: 'released-to-delivery without a customer (issue 16); the real release follows' })
  @IsString()
  @Length(1, 500)
  reason!: string;
}

/** What an operator needs on a running process: projection lag, rebuilds and parked events, dead letters and replays. */
@ServedBy(...PROCESS_ROLES)
@Controller('operations')
export class OperationsController {
  constructor(
    private readonly projections: ProjectionHost,
    private readonly runtime: PlatformRuntime,
    private readonly commands: Commands,
  ) {}

  @ApiOperation({ summary: 'List the projections with their checkpoints and lag' })
  @Get('projections')
  @RequirePermission('operations:manage')
  status(): Promise<ProjectionStatus[]> {
    return this.projections.status();
  }

  /**
   * Rebuilds into the standby slot while the active one serves; answers once the slots have switched.
   * An event the projection cannot apply is 409, naming the event and how to park it.
   */
  @ApiOperation({ summary: 'Rebuild a projection beside the old one, then switch' })
  @ApiOkResponse({ description: 'The projection’s status once the rebuilt slot serves: its checkpoint and lag' })
  @Post('projections/:name/rebuild')
  @ServedBy('projector')
  @HttpCode(200)
  @RequirePermission('operations:manage')
  async rebuild(@Param('name') name: string): Promise<ProjectionStatus> {
    await this.projections.rebuild(name).catch((error: unknown) => {
      if (error instanceof ProjectionEventError) throw new RuleViolation('projection-event-failed', `${error.message}, then rebuild again`);
      throw error;
    });
    return (await this.projections.status()).find((p) => p.name === name)!;
  }

  @ApiOperation({ summary: 'List the events parked for a projection' })
  @Get('projections/:name/parked-events')
  @RequirePermission('operations:manage')
  parked(@Param('name') name: string): Promise<ParkedEventRecord[]> {
    return this.projections.parkedEvents(name);
  }

  /**
   * Parks the event the projection is stuck on: an event in the log, so every replica and every rebuild
   * skips it; the projection then goes on (at once here, within its retry interval on the replica that
   * runs it), so any process may take it. Parking an event again answers the first parking.
   */
  @ApiOperation({ summary: 'Park the event a projection is stuck on, with a reason' })
  @ApiOkResponse({ description: 'The parking: the projection, the event, its stream and position, the reason, who parked it and when, and the checkpoint to read after' })
  @Post('projections/:name/parked-events')
  @RequirePermission('operations:manage')
  async park(
    @Param('name') name: string,
    @Body() body: ParkEventDto,
    @CommandContext() metadata: CommandMetadata,
  ): Promise<ParkedEventRecord & { checkpoint?: string }> {
    const earlier = (await this.projections.parkedEvents(name)).find((p) => p.eventId === body.eventId);
    if (earlier) return earlier;
    const { projection, eventId, eventType, stream, streamPosition } = await this.projections.failingOn(name, body.eventId);
    const data = { projection, eventId, eventType, stream, streamPosition, reason: body.reason };
    const { checkpoint } = await this.commands.execute(parkedEvents, { type: 'ParkEvent', data, metadata });
    await this.projections.resume(name, eventId);
    return { ...data, parkedBy: metadata.actor.userId, parkedAt: metadata.at, ...(checkpoint ? { checkpoint } : {}) };
  }

  @ApiOperation({ summary: "List the dead letters of this process's consumers" })
  @Get('dead-letters')
  @RequirePermission('operations:manage')
  deadLetters(): Promise<Array<{ consumer: string; count: number }>> {
    return this.runtime.deadLetterCounts();
  }

  /** Runs each of the consumer's dead letters through it once more (on Kafka: re-reads its dead-letter topic). */
  @ApiOperation({ summary: "Replay a consumer's dead letters" })
  @ApiOkResponse({ description: '`replayed`: the dead letters the consumer handled this time; `failed`: those that failed again and stay' })
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
