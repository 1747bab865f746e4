import { Injectable } from '@nestjs/common';
import { ObjectLiteral } from 'typeorm';
import { Actor, NotFoundError } from '@serviceledger/platform/core';
import { EVERY_DEPARTMENT, hasPermission, masked, scopedQuery } from '@serviceledger/platform/auth';
import { Page, PageQuery, ReadAfter, ReadModels } from '@serviceledger/platform/nest';
import { readRows } from '@serviceledger/platform/read-models';
import { Agreement, AgreementVersion, CONTACT_PERSONAL_FIELDS, Partner, SHARED_INFORMATION_KINDS, SharedInformationKind, sharingOverdue } from '@serviceledger/resource/domain';
import { AgreementListQuery, PartnerListQuery } from './partner.dto';
import {
  AgreementRow,
  AgreementVersionRow,
  MeetingActionView,
  PARTNERS_PROJECTION,
  PartnerMeetingRow,
  PartnerRow,
  SharedInformationRow,
} from './partners.projection';

export type PartnerView = Partner & { updatedAt: string };
/** Per kind of information: its cadence in the version in force, when last shared under the agreement, when next due, overdue. */
export interface InformationSharingStatus {
  kind: SharedInformationKind;
  intervalDays?: number;
  lastSharedOn?: string;
  nextDueOn?: string;
  overdue: boolean;
}
export type AgreementView = Agreement & {
  meetingOverdue: boolean;
  renewalDue: boolean;
  sharingOverdue: boolean;
  informationSharing: InformationSharingStatus[];
  updatedAt: string;
};
export type AgreementDetail = AgreementView & { versions: Array<AgreementVersion & { signedBy: string; signedAt: string }> };
export interface PartnerMeetingView {
  meetingId: string;
  agreementId: string;
  partnerId: string;
  heldAt: string;
  minutes: Record<string, unknown>;
  actions: MeetingActionView[];
  recordedBy: string;
}
export type SharedInformationView = SharedInformationRow;

/**
 * Partners, agreements, meetings and the sharing log are the company's, not a department's: whoever holds
 * the route's permission (resource:read) reads every one; customers, who hold none, none. A contact's name,
 * phone and e-mail are shown whole only to those who keep the contacts (`partner:manage`), masked to the
 * other readers, as customers' personal data is (R-3.1).
 */
@Injectable()
export class PartnerQueries {
  constructor(private readonly readModels: ReadModels) {}

  async partners(actor: Actor, query: PartnerListQuery): Promise<Page<PartnerView>> {
    await this.readModels.after(PARTNERS_PROJECTION, query);
    const builder = this.scoped<PartnerRow>(actor, 'partner', 'p');
    if (query.kind) builder.andWhere('p.kind = :kind', { kind: query.kind });
    const [rows, total] = await builder.orderBy('p.name', 'ASC').addOrderBy('p.partnerId', 'ASC').skip((query.page - 1) * query.pageSize).take(query.pageSize).getManyAndCount();
    return { items: rows.map((row) => partnerView(actor, row)), page: query.page, pageSize: query.pageSize, total };
  }

  async partner(actor: Actor, partnerId: string, after: ReadAfter | undefined): Promise<PartnerView> {
    await this.readModels.after(PARTNERS_PROJECTION, after);
    const row = await this.scoped<PartnerRow>(actor, 'partner', 'p').andWhere('p.partnerId = :partnerId', { partnerId }).getOne();
    if (!row) throw new NotFoundError('Partner', partnerId);
    return partnerView(actor, row);
  }

  async agreements(actor: Actor, query: AgreementListQuery): Promise<Page<AgreementView>> {
    await this.readModels.after(PARTNERS_PROJECTION, query);
    const builder = this.scoped<AgreementRow>(actor, 'agreement', 'a');
    if (query.partnerId) builder.andWhere('a.partnerId = :partnerId', { partnerId: query.partnerId });
    if (query.meetingOverdue !== undefined) builder.andWhere('a.meetingOverdue = :overdue', { overdue: query.meetingOverdue });
    if (query.renewalDue !== undefined) builder.andWhere('a.renewalDue = :renewal', { renewal: query.renewalDue });
    if (query.sharingOverdue !== undefined) builder.andWhere('a.sharingOverdue = :sharing', { sharing: query.sharingOverdue });
    const [rows, total] = await builder.orderBy('a.validTo', 'ASC').addOrderBy('a.agreementId', 'ASC').skip((query.page - 1) * query.pageSize).take(query.pageSize).getManyAndCount();
    return { items: rows.map(agreementView), page: query.page, pageSize: query.pageSize, total };
  }

  async agreement(actor: Actor, agreementId: string, after: ReadAfter | undefined): Promise<AgreementDetail> {
    await this.readModels.after(PARTNERS_PROJECTION, after);
    const row = await this.scoped<AgreementRow>(actor, 'agreement', 'a').andWhere('a.agreementId = :agreementId', { agreementId }).getOne();
    if (!row) throw new NotFoundError('Agreement', agreementId);
    const versions = await readRows(
      this.scoped<AgreementVersionRow>(actor, 'agreement_version', 'v')
        .andWhere('v.agreementId = :agreementId', { agreementId })
        .orderBy('v.version', 'ASC'),
    );
    return {
      ...agreementView(row),
      versions: versions.map((v) => ({ ...(JSON.parse(v.terms) as AgreementVersion), signedBy: v.signedBy, signedAt: v.signedAt })),
    };
  }

  async meetings(actor: Actor, agreementId: string, query: PageQuery): Promise<Page<PartnerMeetingView>> {
    await this.readModels.after(PARTNERS_PROJECTION, query);
    const [rows, total] = await this.scoped<PartnerMeetingRow>(actor, 'meeting', 'm')
      .andWhere('m.agreementId = :agreementId', { agreementId })
      .orderBy('m.heldAt', 'DESC')
      .addOrderBy('m.meetingId', 'ASC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
    return { items: rows.map(meetingView), page: query.page, pageSize: query.pageSize, total };
  }

  async meeting(actor: Actor, meetingId: string, after: ReadAfter | undefined): Promise<PartnerMeetingView> {
    await this.readModels.after(PARTNERS_PROJECTION, after);
    const row = await this.scoped<PartnerMeetingRow>(actor, 'meeting', 'm').andWhere('m.meetingId = :meetingId', { meetingId }).getOne();
    if (!row) throw new NotFoundError('Partner meeting', meetingId);
    return meetingView(row);
  }

  async sharedInformation(actor: Actor, partnerId: string, query: PageQuery): Promise<Page<SharedInformationView>> {
    await this.readModels.after(PARTNERS_PROJECTION, query);
    const [items, total] = await this.scoped<SharedInformationRow>(actor, 'shared_information', 's')
      .andWhere('s.partnerId = :partnerId', { partnerId })
      .orderBy('s.sharedAt', 'DESC')
      .addOrderBy('s.sharingId', 'ASC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
    return { items, page: query.page, pageSize: query.pageSize, total };
  }

  private scoped<Row extends ObjectLiteral>(actor: Actor, table: string, alias: string) {
    return scopedQuery(actor, this.readModels.repository<Row>(PARTNERS_PROJECTION, table), alias, { departments: EVERY_DEPARTMENT });
  }
}

function partnerView(actor: Actor, row: PartnerRow): PartnerView {
  const partner = JSON.parse(row.state) as Partner;
  const contacts = hasPermission(actor, 'partner:manage') ? partner.contacts : partner.contacts.map((contact) => masked(contact, CONTACT_PERSONAL_FIELDS));
  return { ...partner, contacts, updatedAt: row.updatedAt };
}

function agreementView(row: AgreementRow): AgreementView {
  const agreement = JSON.parse(row.state) as Agreement;
  const informationSharing = SHARED_INFORMATION_KINDS.flatMap((kind): InformationSharingStatus[] => {
    const intervalDays = agreement.current.sharingIntervalDays?.[kind];
    const cadence = agreement.sharing[kind];
    if (!intervalDays && !cadence) return [];
    const { lastSharedOn, nextDueOn } = cadence ?? {};
    return [{ kind, ...(intervalDays ? { intervalDays } : {}), ...(lastSharedOn ? { lastSharedOn } : {}), ...(nextDueOn ? { nextDueOn } : {}), overdue: sharingOverdue(cadence) }];
  });
  return {
    ...agreement,
    meetingOverdue: row.meetingOverdue,
    renewalDue: row.renewalDue,
    sharingOverdue: row.sharingOverdue,
    informationSharing,
    updatedAt: row.updatedAt,
  };
}

function meetingView(row: PartnerMeetingRow): PartnerMeetingView {
  const { meetingId, agreementId, partnerId, heldAt, recordedBy } = row;
  return { meetingId, agreementId, partnerId, heldAt, minutes: JSON.parse(row.minutes) as Record<string, unknown>, actions: JSON.parse(row.actions) as MeetingActionView[], recordedBy };
}
