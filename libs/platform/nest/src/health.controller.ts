import { Controller, Get, Inject, Logger } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { EventStore } from '@serviceledger/platform/core';
import { MessageBus } from '@serviceledger/platform/messaging';
import { ProjectionHost, ReadModelDatabase } from '@serviceledger/platform/read-models';
import { Public } from '@serviceledger/platform/auth';
import { PlatformRuntime } from './platform-runtime';
import { NotReadyError } from './problem-details';
import { PROCESS_ROLES, ServedBy } from './process-roles';
import { EVENT_STORE, MESSAGE_BUS, READ_MODEL_DB } from './tokens';

/**
 * A check's state as the public readiness answer says it: `up`, `down` (it does not answer), `halted` (a relay
 * stopped at a message that breaks its contract), `failed` (a projection stopped at an event), `unknown` (the
 * projections' state could not be read) or `catching up: <n> of <m> events`. Never why: that is logged.
 */
export type CheckState = 'up' | 'down' | 'halted' | 'failed' | 'unknown' | `catching up: ${number} of ${number} events`;

interface Check {
  state: CheckState;
  /** Why it is not up, for the log only: error text names hosts, ports, key and event ids. */
  why?: string;
}

const UP: Check = { state: 'up' };

/** A state that takes the process out of service and is logged; progress is neither logged nor a fault. */
const isFault = (state: CheckState | undefined): boolean => state !== undefined && state !== 'up' && !state.startsWith('catching up');

/**
 * /health/live and /health/ready. The answers are public, so they say each check's state and nothing more; what
 * went wrong is logged, once as a check goes wrong (a warning naming the check and the error) and once as it
 * recovers, not at every probe.
 */
@Public()
@ServedBy(...PROCESS_ROLES)
@Controller('health')
export class HealthController {
  private readonly logger = new Logger('Health');
  /** The fault each check was last logged in; absent while it is up. */
  private readonly faults = new Map<string, CheckState>();

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
   * under `catchingUp`. Not ready: 503 problem details whose `checks` say the state of each.
   */
  @ApiOperation({ summary: 'Readiness: the store, the bus and the read-model database answer' })
  @Get('ready')
  async ready() {
    const roles = this.runtime.roles;
    const checks: Record<string, Check> = {
      eventStore: await this.store.headCheckpoint().then(() => UP, down),
      readModels: await this.db.dataSource.query('SELECT 1').then(() => UP, down),
    };
    if (roles.has('relay') || roles.has('consumer')) checks.bus = (await this.bus.isHealthy()) ? UP : { state: 'down', why: 'the broker does not answer' };
    for (const relay of this.runtime.runningRelays()) checks[relay.checkpointName] = relay.halted ? { state: 'halted', why: relay.halted.message } : UP;
    const catchingUp: Record<string, string> = {};
    if (roles.has('projector') || roles.has('api')) {
      try {
        for (const p of await this.projections.status()) {
          const progress: CheckState | undefined = p.catchingUp && `catching up: ${p.catchingUp.applied} of ${p.catchingUp.of} events`;
          if (roles.has('projector')) checks[`projection:${p.name}`] = p.failure ? { state: 'failed', why: p.failure } : progress ? { state: progress } : UP;
          else if (progress) catchingUp[p.name] = progress;
        }
      } catch (error) {
        // Their state is read from the databases above: down with them, most likely, and then named there.
        checks.projections = { state: 'unknown', why: (error as Error).message };
      }
    }
    this.logChanges(checks);
    const states = Object.fromEntries(Object.entries(checks).map(([name, check]) => [name, check.state]));
    if (!Object.values(states).every((state) => state === 'up')) throw new NotReadyError(states);
    return { status: 'up', checks: states, ...(Object.keys(catchingUp).length ? { catchingUp } : {}) };
  }

  /** One line as a check goes wrong (or wrong in another way), one as it is up again; nothing while it stays as it was. */
  private logChanges(checks: Record<string, Check>): void {
    for (const [name, { state, why }] of Object.entries(checks)) {
      const before = this.faults.get(name);
      if (isFault(state) && state !== before) {
        this.faults.set(name, state);
        this.logger.warn(`Readiness: ${name} is ${state}${why ? `: ${why}` : ''}`);
      } else if (!isFault(state) && before !== undefined) {
        this.faults.delete(name);
        this.logger.log(`Readiness: ${name} is ${state} now (it was ${before})`);
      }
    }
  }
}

function down(error: unknown): Check {
  return { state: 'down', why: error instanceof Error ? error.message : String(error) };
}
