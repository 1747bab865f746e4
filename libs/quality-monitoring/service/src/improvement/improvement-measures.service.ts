import { Injectable } from '@nestjs/common';
import { CommandMetadata, commandIdFrom, followOn } from '@serviceledger/platform/core';
import { CommandAccepted, Commands } from '@serviceledger/platform/nest';
import { ImprovementMeasure, improvementMeasureStream, improvementMeasures } from '@serviceledger/quality-monitoring/domain';
import { FindingAccepted, FindingsService } from '../findings/findings.service';
import { FindingFromMeasureDto } from './improvement.dto';

/**
 * A quality finding raised from an improvement measure (P-6.3 → Q-3): the finding improves the measure's
 * stage, and the measure lists it. Both command ids derive from the request's, so a retried request raises one
 * finding and links it once.
 */
@Injectable()
export class ImprovementMeasuresService {
  constructor(
    private readonly commands: Commands,
    private readonly findings: FindingsService,
  ) {}

  async raiseFinding(measureId: string, dto: FindingFromMeasureDto, metadata: CommandMetadata): Promise<FindingAccepted & { measure: CommandAccepted }> {
    const measure = (await this.commands.stateFor(improvementMeasures, measureId, metadata.actor)) as ImprovementMeasure;
    const findingId = commandIdFrom('quality-monitoring-finding', metadata.commandId);
    // Linked first: the measure's decider refuses a measure that is done, before any finding is raised.
    const linked = await this.commands.execute(improvementMeasures, {
      type: 'LinkImprovementFinding',
      data: { measureId, findingId },
      metadata: followOn(metadata, improvementMeasureStream(measureId)),
    });
    const { departmentId = measure.departmentId, ...content } = dto;
    const raised = await this.findings.raise({
      type: 'RaiseFinding',
      data: { findingId, departmentId, ...content, processStage: measure.stage },
      metadata,
    });
    return { ...raised, measure: linked };
  }
}
