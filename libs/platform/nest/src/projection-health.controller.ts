import { Controller, Get, Logger } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { Public } from '@serviceledger/platform/auth';
import { ProjectionHost, parkRoute } from '@serviceledger/platform/read-models';
import { NotReadyError } from './problem-details';
import { PROCESS_ROLES, ServedBy } from './process-roles';

export interface ProjectionHealth {
  name: string;
  status: 'up' | 'rebuilding' | 'failed';
  checkpoint?: string;
  /** The event it cannot apply; the error itself is logged and shown at /operations/projections, behind authentication. */
  stuckOn?: { eventId: string; eventType: string; stream: string; streamPosition: number; since: string };
  /** How an operator lets the projection go on past that event. */
  park?: string;
}

export interface HealthSummary {
  status: 'up' | 'degraded';
  projections: ProjectionHealth[];
}

/**
 * `/health`: what an operator looks at first. Degraded while a projection is stopped, naming it and the
 * event it is stuck on, from whichever replica runs it. The probes are /health/live and /health/ready.
 */
@Public()
@ServedBy(...PROCESS_ROLES)
@Controller('health')
export class ProjectionHealthController {
  private readonly logger = new Logger('Health');
  /** Whether the last answer could not read the projections' state: logged once as it starts and once as it ends. */
  private unreadable = false;

  constructor(private readonly projections: ProjectionHost) {}

  /** The projections' state cannot be read (the databases are away, most likely): 503, its `checks` saying `projections: unknown`. */
  @ApiOperation({ summary: "Projection health: each projection's lag and whether it is stuck" })
  @Get()
  async health(): Promise<HealthSummary> {
    let status: Awaited<ReturnType<ProjectionHost['status']>>;
    try {
      status = await this.projections.status();
    } catch (error) {
      if (!this.unreadable) this.logger.warn(`The projections' state cannot be read: ${(error as Error).message}`);
      this.unreadable = true;
      throw new NotReadyError({ projections: 'unknown' });
    }
    if (this.unreadable) this.logger.log("The projections' state can be read again");
    this.unreadable = false;
    const projections = status.map((p): ProjectionHealth => {
      const failed = p.failedEvent;
      return {
        name: p.name,
        status: p.failure ? 'failed' : p.rebuilding ? 'rebuilding' : 'up',
        ...(p.checkpoint === undefined ? {} : { checkpoint: p.checkpoint }),
        ...(failed
          ? {
              stuckOn: { eventId: failed.eventId, eventType: failed.eventType, stream: failed.stream, streamPosition: failed.streamPosition, since: failed.failedAt },
              park: parkRoute(p.name),
            }
          : {}),
      };
    });
    return { status: projections.some((p) => p.status === 'failed') ? 'degraded' : 'up', projections };
  }
}
