import { Inject, Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { Actor, Clock, NotFoundError } from '@serviceledger/platform/core';
import { CLOCK, ReadAfter, ReadModels } from '@serviceledger/platform/nest';
import { DEMAND_PERSONAL_FIELDS, PERSONAL_FIELDS } from '@serviceledger/intake/domain';
import { PersonalDataAccesses } from '../access/personal-data-accesses';
import { DemandDetail, TimelineEntry } from '../demands/demand-queries';
import { CUSTOMERS_PROJECTION, CustomerRow } from '../projections/customers.projection';
import { DemandDepartmentRow, DemandRow, TimelineEntryRow } from '../projections/demand-rows';
import { DEMANDS_PROJECTION } from '../projections/demands.projection';
import { PersonalDataAccessRow } from './personal-data-register.projection';
import { PersonalDataRegister } from './personal-data-register';

/** What a subject-access export shows unmasked: the customer's own fields, and their demands' contacts and message senders. */
const EXPORTED_PERSONAL_FIELDS = [...PERSONAL_FIELDS, ...DEMAND_PERSONAL_FIELDS.map((field) => `demands.${field}`), 'demands.timeline.from'];

/** Everything intake holds about one customer, unmasked. */
export interface SubjectAccessExport {
  customerId: string;
  exportedAt: string;
  exportedBy: string;
  reason: string;
  customer: CustomerRow;
  /** Every demand of the customer with its departments and whole timeline, messages included, oldest first. */
  demands: DemandDetail[];
  /** Who read the customer's personal data, when and why, this export included. */
  personalDataAccesses: PersonalDataAccessRow[];
}

/**
 * a subject-access export. Registered as an access, with its reason, before it is answered, so
 * the register the export includes already shows it.
 */
@Injectable()
export class SubjectAccess {
  constructor(
    private readonly readModels: ReadModels,
    private readonly personalDataAccesses: PersonalDataAccesses,
    private readonly register: PersonalDataRegister,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async export(actor: Actor, customerId: string, reason: string, after: ReadAfter): Promise<SubjectAccessExport> {
    await this.readModels.after(CUSTOMERS_PROJECTION, after);
    const customer = await this.readModels.repository<CustomerRow>(CUSTOMERS_PROJECTION, 'customer').findOneBy({ customerId });
    if (!customer) throw new NotFoundError('Customer', customerId);
    await this.readModels.after(DEMANDS_PROJECTION, after);
    const exportedAt = this.clock.now().toISOString();
    const recorded = await this.personalDataAccesses.record(actor, {
      customerId,
      fields: EXPORTED_PERSONAL_FIELDS,
      reason,
      record: { type: 'subject-access-export', id: customerId },
    });
    const demands = await this.demandsOf(customerId);
    const register = await this.register.all({ customer: customerId }, { after: recorded.checkpoint });
    const personalDataAccesses: PersonalDataAccessRow[] = [];
    for await (const entry of register) personalDataAccesses.push(entry);
    return { customerId, exportedAt, exportedBy: actor.userId, reason, customer, demands, personalDataAccesses };
  }

  private async demandsOf(customerId: string): Promise<DemandDetail[]> {
    const rows = await this.readModels.repository<DemandRow>(DEMANDS_PROJECTION, 'demand').find({ where: { customerId }, order: { registeredAt: 'ASC', demandId: 'ASC' } });
    if (rows.length === 0) return [];
    const ids = rows.map((row) => row.demandId);
    const departments = await this.readModels
      .repository<DemandDepartmentRow>(DEMANDS_PROJECTION, 'department')
      .find({ where: { demandId: In(ids) }, order: { departmentId: 'ASC' } });
    const entries = await this.readModels
      .repository<TimelineEntryRow>(DEMANDS_PROJECTION, 'timeline')
      .find({ where: { demandId: In(ids) }, order: { demandId: 'ASC', position: 'ASC' } });
    return rows.map((row) => ({
      ...row,
      departments: departments.filter((d) => d.demandId === row.demandId).map((d) => d.departmentId),
      timeline: entries.filter((e) => e.demandId === row.demandId).map(timelineEntry),
    }));
  }
}

function timelineEntry({ demandId: _demandId, details, ...entry }: TimelineEntryRow): TimelineEntry {
  return { ...entry, details: JSON.parse(details) };
}
