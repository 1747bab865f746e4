import { Injectable } from '@nestjs/common';
import { Actor, NotFoundError } from '@serviceledger/platform/core';
import { EVERY_DEPARTMENT, scopedQuery } from '@serviceledger/platform/auth';
import { Page, ReadAfter, ReadModels } from '@serviceledger/platform/nest';
import { SecurityIncident } from '@serviceledger/resource/domain';
import { SecurityIncidentListQuery } from './security-incident.dto';
import { AffectedCustomerRow, SECURITY_INCIDENTS_PROJECTION, SecurityIncidentRow } from './security-incidents.projection';

export type SecurityIncidentView = SecurityIncident & { notificationPending: boolean; updatedAt: string };

/**
 * The incident register, newest detection first. Incidents are the company's, not a department's: whoever
 * holds the route's permission (risk:read) sees every one; customers, who hold none, none.
 */
@Injectable()
export class SecurityIncidentQueries {
  constructor(private readonly readModels: ReadModels) {}

  async list(actor: Actor, query: SecurityIncidentListQuery): Promise<Page<SecurityIncidentView>> {
    await this.readModels.after(SECURITY_INCIDENTS_PROJECTION, query);
    const builder = this.scoped(actor);
    if (query.state) builder.andWhere('i.status = :state', { state: query.state });
    if (query.severity) builder.andWhere('i.severity = :severity', { severity: query.severity });
    if (query.personalData !== undefined) builder.andWhere('i.personalDataInvolved = :personalData', { personalData: query.personalData });
    if (query.notificationOverdue !== undefined) builder.andWhere('i.notificationOverdue = :overdue', { overdue: query.notificationOverdue });
    if (query.customer) {
      const affected = this.readModels
        .repository<AffectedCustomerRow>(SECURITY_INCIDENTS_PROJECTION, 'affected_customer')
        .createQueryBuilder('a')
        .select('a.incidentId')
        .where('a.customerId = :customer');
      builder.andWhere(`i.incidentId IN (${affected.getQuery()})`, { customer: query.customer });
    }
    const [rows, total] = await builder
      .orderBy('i.detectedAt', 'DESC')
      .addOrderBy('i.incidentId', 'ASC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
    return { items: rows.map(view), page: query.page, pageSize: query.pageSize, total };
  }

  async detail(actor: Actor, incidentId: string, after: ReadAfter | undefined): Promise<SecurityIncidentView> {
    await this.readModels.after(SECURITY_INCIDENTS_PROJECTION, after);
    const row = await this.scoped(actor).andWhere('i.incidentId = :incidentId', { incidentId }).getOne();
    if (!row) throw new NotFoundError('Security incident', incidentId);
    return view(row);
  }

  private scoped(actor: Actor) {
    return scopedQuery(actor, this.readModels.repository<SecurityIncidentRow>(SECURITY_INCIDENTS_PROJECTION, 'incident'), 'i', { departments: EVERY_DEPARTMENT });
  }
}

function view(row: SecurityIncidentRow): SecurityIncidentView {
  return { ...(JSON.parse(row.state) as SecurityIncident), notificationPending: row.notificationPending, updatedAt: row.updatedAt };
}
