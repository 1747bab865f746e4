import { Controller, Get } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { Public } from '@serviceledger/platform/auth';
import { ProjectionHost, parkRoute } from '@serviceledger/platform/read-models';
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
  constructor(private readonly projections: ProjectionHost) {}

  @ApiOperation({ summary: "Projection health: each projection's lag and whether it is stuck" })
  @Get()
  async health(): Promise<HealthSummary> {
    const projections = (await this.projections.status()).map((p): ProjectionHealth => {
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
