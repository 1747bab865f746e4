import { Injectable } from '@nestjs/common';
import { Commands, ReadModels } from '@serviceledger/platform/nest';
import { CaseAnswering, answeringOf, deliveryCaseLinks, trackedCases } from '@serviceledger/quality-monitoring/domain';
import { CaseFactRow, DemandFactRow, PERFORMANCE_FACTS_PROJECTION } from '../periods/performance-facts.projection';

/**
 * What quality monitoring knows of the cases and departments a quality monitor names (Q-2.1, Q-3.1), from the
 * other services' facts only: intake has no public contract for its department registry, so the departments it
 * knows are those demands (intake's demand.assigned) and service cases (service delivery's case.opened) were
 * assigned to, which intake draws from its registry.
 */
@Injectable()
export class CaseDirectory {
  constructor(
    private readonly commands: Commands,
    private readonly readModels: ReadModels,
  ) {}

  /** Who answers for a demand (or a case tracked here), or for a service-delivery case through the demand it delivers. */
  async answering(caseId: string): Promise<CaseAnswering> {
    const tracked = await this.commands.state(trackedCases, caseId);
    if (tracked) return answeringOf(caseId, tracked);
    const link = await this.commands.state(deliveryCaseLinks, caseId);
    if (!link) return answeringOf(caseId, null);
    return { ...answeringOf(link.demandId, await this.commands.state(trackedCases, link.demandId)), caseId };
  }

  /** Every department a demand or a service case was assigned to. */
  async knownDepartments(): Promise<string[]> {
    const distinct = async <T extends object>(table: string): Promise<string[]> => {
      const builder = this.readModels
        .repository<T>(PERFORMANCE_FACTS_PROJECTION, table)
        .createQueryBuilder('f')
        .select('DISTINCT f.departmentId', 'departmentId')
        .where('f.departmentId IS NOT NULL');
      return (await builder.getRawMany<{ departmentId: string }>()).map((row) => row.departmentId);
    };
    const [demands, cases] = await Promise.all([distinct<DemandFactRow>('demand_fact'), distinct<CaseFactRow>('case_fact')]);
    return [...new Set([...demands, ...cases])].sort();
  }
}
