import { Injectable } from '@nestjs/common';
import { Actor, NotFoundError } from '@serviceledger/platform/core';
import { EVERY_DEPARTMENT, scopedQuery } from '@serviceledger/platform/auth';
import { Page, ReadAfter, ReadModels } from '@serviceledger/platform/nest';
import { readRows } from '@serviceledger/platform/read-models';
import { SecurityIncident } from '@serviceledger/resource/domain';
import { SecurityIncidentListQuery } from './security-incident.dto';
import { AffectedCustomerRow, SECURITY_INCIDENTS_PROJECTION, SecurityIncidentRow } from './security-incidents.projection';

export type SecurityIncidentView = SecurityIncident & { notificationPending: boolean; updatedAt: string };

/** The register's columns as the CSV export gives them: one row per incident, its steps with when and who. */
export const SECURITY_INCIDENT_REGISTER_COLUMNS = [
  'incidentId',
  'title',
  'severity',
  'status',
  'detectedAt',
  'detectedBy',
  'recordedAt',
  'recordedBy',
  'containedAt',
  'containedBy',
  'resolvedAt',
  'resolvedBy',
  'affectedCustomerIds',
  'personalDataInvolved',
  'notificationDueAt',
  'notifiedAt',
  'notificationOverdue',
] as const;

/**
 * The incident register, newest detection first. Incidents are the company's, not a department's: whoever
 * holds the route's permission (risk:read) sees every one; customers, who hold none, none.
 */
@Injectable()
export class SecurityIncidentQueries {
  constructor(private readonly readModels: ReadModels) {}

  async list(actor: Actor, query: SecurityIncidentListQuery): Promise<Page<SecurityIncidentView>> {
    await this.readModels.after(SECURITY_INCIDENTS_PROJECTION, query);
    const [rows, total] = await this.filtered(actor, query)
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
    return { items: rows.map(view), page: query.page, pageSize: query.pageSize, total };
  }

  /** The register as CSV rows, with the list's filters, read a page at a time. */
  async register(actor: Actor, query: SecurityIncidentListQuery): Promise<AsyncIterable<Record<(typeof SECURITY_INCIDENT_REGISTER_COLUMNS)[number], unknown>>> {
    await this.readModels.after(SECURITY_INCIDENTS_PROJECTION, query);
    const pageOf = (page: number, pageSize: number) => readRows(this.filtered(actor, query).skip(page * pageSize).take(pageSize));
    return (async function* () {
      const pageSize = 500;
      for (let page = 0; ; page++) {
        const rows = await pageOf(page, pageSize);
        for (const row of rows) yield registerRow(JSON.parse(row.state) as SecurityIncident);
        if (rows.length < pageSize) return;
      }
    })();
  }

  async detail(actor: Actor, incidentId: string, after: ReadAfter | undefined): Promise<SecurityIncidentView> {
    await this.readModels.after(SECURITY_INCIDENTS_PROJECTION, after);
    const row = await this.scoped(actor).andWhere('i.incidentId = :incidentId', { incidentId }).getOne();
    if (!row) throw new NotFoundError('Security incident', incidentId);
    return view(row);
  }

  /** The incidents the filters select, newest detection first. */
  private filtered(actor: Actor, query: SecurityIncidentListQuery) {
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
    return builder.orderBy('i.detectedAt', 'DESC').addOrderBy('i.incidentId', 'ASC');
  }

  private scoped(actor: Actor) {
    return scopedQuery(actor, this.readModels.repository<SecurityIncidentRow>(SECURITY_INCIDENTS_PROJECTION, 'incident'), 'i', { departments: EVERY_DEPARTMENT });
  }
}

function registerRow(incident: SecurityIncident): Record<(typeof SECURITY_INCIDENT_REGISTER_COLUMNS)[number], unknown> {
  return {
    incidentId: incident.incidentId,
    title: incident.title,
    severity: incident.severity,
    status: incident.status,
    detectedAt: incident.detectedAt,
    detectedBy: incident.detectedBy,
    recordedAt: incident.recordedAt,
    recordedBy: incident.recordedBy,
    containedAt: incident.containment?.at,
    containedBy: incident.containment?.by,
    resolvedAt: incident.resolution?.at,
    resolvedBy: incident.resolution?.by,
    affectedCustomerIds: incident.affectedCustomerIds.join(' '),
    personalDataInvolved: incident.personalDataInvolved,
    notificationDueAt: incident.notificationDueAt,
    notifiedAt: incident.notifications[0]?.notifiedAt,
    notificationOverdue: incident.notificationOverdue,
  };
}

function view(row: SecurityIncidentRow): SecurityIncidentView {
  return { ...(JSON.parse(row.state) as SecurityIncident), notificationPending: row.notificationPending, updatedAt: row.updatedAt };
}
