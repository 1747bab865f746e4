import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { EventStore } from '@serviceledger/platform/core';
import { MessageBus } from '@serviceledger/platform/messaging';
import { ProjectionHost, ReadModelDatabase } from '@serviceledger/platform/read-models';
import { Public } from '@serviceledger/platform/auth';
import { EVENT_STORE, MESSAGE_BUS, READ_MODEL_DB } from './tokens';

type Check = 'up' | string;

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_DB) private readonly db: ReadModelDatabase,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    private readonly projections: ProjectionHost,
  ) {}

  /** The process is alive. */
  @Get('live')
  live() {
    return { status: 'up' };
  }

  /** The process can serve: store, read-model database and bus answer, and no projection has failed. */
  @Get('ready')
  async ready() {
    const checks: Record<string, Check> = {
      eventStore: await this.store.headCheckpoint().then(
        () => 'up',
        (e: Error) => `down: ${e.message}`,
      ),
      readModels: (await this.db.isHealthy()) ? 'up' : 'down',
      bus: (await this.bus.isHealthy()) ? 'up' : 'down',
    };
    for (const p of await this.projections.status()) checks[`projection:${p.name}`] = p.failure ? `failed: ${p.failure}` : 'up';
    const ok = Object.values(checks).every((c) => c === 'up');
    if (!ok) throw new ServiceUnavailableException(`Not ready: ${JSON.stringify(checks)}`);
    return { status: 'up', checks };
  }
}
