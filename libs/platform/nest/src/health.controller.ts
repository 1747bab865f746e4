import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { EventStore } from '@serviceledger/platform/core';
import { MessageBus } from '@serviceledger/platform/messaging';
import { ProjectionHost, ReadModelDatabase } from '@serviceledger/platform/read-models';
import { Public } from '@serviceledger/platform/auth';
import { PlatformRuntime } from './platform-runtime';
import { PROCESS_ROLES, ServedBy } from './process-roles';
import { EVENT_STORE, MESSAGE_BUS, READ_MODEL_DB } from './tokens';

type Check = 'up' | string;

@Public()
@ServedBy(...PROCESS_ROLES)
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_DB) private readonly db: ReadModelDatabase,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    private readonly projections: ProjectionHost,
    private readonly runtime: PlatformRuntime,
  ) {}

  /** The process is alive. */
  @ApiOperation({ summary: 'Liveness: the process is up' })
  @Get('live')
  live() {
    return { status: 'up' };
  }

  /**
   * The process can do what its roles need. Every role: the event store and the read-model database
   * answer. The bus only with `relay` or `consumer`: an api process keeps taking commands while the
   * broker is away (the log is the outbox), so a broker outage must not take it out of service.
   * With `relay`: no relay it runs has stopped at a message that breaks its contract. With `projector`:
   * none of the projections it runs has failed, and each has caught up with the head the log had when the
   * process started (until then its check says how far it got). An api process without `projector` stays
   * ready while the projections it queries catch up (it takes commands meanwhile) and reports their progress
   * under `catchingUp`.
   */
  @ApiOperation({ summary: 'Readiness: the store, the bus and the read-model database answer' })
  @Get('ready')
  async ready() {
    const roles = this.runtime.roles;
    const checks: Record<string, Check> = {
      eventStore: await this.store.headCheckpoint().then(
        () => 'up',
        (e: Error) => `down: ${e.message}`,
      ),
      readModels: (await this.db.isHealthy()) ? 'up' : 'down',
    };
    if (roles.has('relay') || roles.has('consumer')) checks.bus = (await this.bus.isHealthy()) ? 'up' : 'down';
    for (const relay of this.runtime.runningRelays()) checks[relay.checkpointName] = relay.halted ? `halted: ${relay.halted.message}` : 'up';
    const catchingUp: Record<string, string> = {};
    for (const p of roles.has('projector') || roles.has('api') ? await this.projections.status() : []) {
      const progress = p.catchingUp && `catching up: ${p.catchingUp.applied} of ${p.catchingUp.of} events`;
      if (roles.has('projector')) checks[`projection:${p.name}`] = p.failure ? `failed: ${p.failure}` : (progress ?? 'up');
      else if (progress) catchingUp[p.name] = progress;
    }
    const ok = Object.values(checks).every((c) => c === 'up');
    if (!ok) throw new ServiceUnavailableException(`Not ready: ${JSON.stringify(checks)}`);
    return { status: 'up', checks, ...(Object.keys(catchingUp).length ? { catchingUp } : {}) };
  }
}
