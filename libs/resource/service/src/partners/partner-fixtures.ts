import { Command, fold } from '@serviceledger/platform/core';
import {
  AgreementCommand,
  AgreementEvent,
  PartnerCommand,
  PartnerEvent,
  PartnerMeetingCommand,
  PartnerMeetingEvent,
  SignAgreement,
  agreement,
  partner,
  partnerMeeting,
} from '@serviceledger/resource/domain';

/** Events as the partner deciders decide them, for the projection and mapper specs. */
export const PARTNER_ID = 'acme';
export const AGREEMENT_ID = 'agr-1';
const AT = '2026-12-01T02:00:00.000Z';

export const AGREEMENT_TERMS: SignAgreement['data'] = {
  agreementId: AGREEMENT_ID,
  partnerId: PARTNER_ID,
  rights: ['Audit the partner’s records'],
  duties: ['Keep spare parts five years'],
  scope: 'Printer repair in Shanghai',
  serviceStandards: { targets: [{ priority: 'P3', responseMinutes: 60, resolutionMinutes: 480 }], calendarId: 'office' },
  communicationChannels: [{ kind: 'email', detail: 'service@acme.example' }],
  validFrom: '2026-12-01',
  validTo: '2027-11-30',
  meetingIntervalDays: 30,
};

function decided<C extends Command, E extends { type: string; data: unknown }, S>(
  decider: { decide(c: C, s: S): E[]; evolve(s: S, e: E): S; initialState(): S },
  commands: Array<Omit<C, 'metadata'> & { at?: string }>,
): E[] {
  const events: E[] = [];
  for (const { at, ...command } of commands) {
    const metadata = { commandId: `cmd-${events.length}`, at: at ?? AT, actor: { userId: 'res-wu', roles: ['resource-manager'], departments: [] }, correlationId: 'c' };
    events.push(...decider.decide({ ...command, metadata } as unknown as C, fold(decider, events)));
  }
  return events;
}

export const agreementEvents = (commands: Array<Omit<AgreementCommand, 'metadata'> & { at?: string }>): AgreementEvent[] => decided(agreement, commands);
export const partnerEvents = (commands: Array<Omit<PartnerCommand, 'metadata'> & { at?: string }>): PartnerEvent[] => decided(partner, commands);
export const meetingEvents = (commands: Array<Omit<PartnerMeetingCommand, 'metadata'> & { at?: string }>): PartnerMeetingEvent[] => decided(partnerMeeting, commands);
