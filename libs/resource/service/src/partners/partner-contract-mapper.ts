import { ContractMapper, contractMessageFor } from '@serviceledger/platform/messaging';
import { AGREEMENT_EXPIRING_V1, AGREEMENT_SIGNED_V1, PARTNER_CONTRACTS, PARTNER_MEETING_OVERDUE_V1, PartnerContractData } from '@serviceledger/resource/contracts';
import { AgreementEvent, agreements } from '@serviceledger/resource/domain';
import { ResourceRelayPart } from '../resource-relay';

/** The CloudEvents `source` of what the partner records publish. */
export const PARTNER_SOURCE = '/serviceledger/resource';

/** Keyed and subjected by the partner id, so that a partner's events stay in order on the topic. */
const message = contractMessageFor<PartnerContractData>({ source: PARTNER_SOURCE, keyOf: (data) => data.partnerId });

/**
 * The agreements' events → the partner topic, field by field: a signed version with its measurable service
 * standards (for quality monitoring's UC policies), its renewal warning and an overdue meeting. The wording
 * of the terms, the contacts, the minutes and the sharing log stay in resource; a held meeting is internal.
 */
export const mapPartnerEvent: ContractMapper = (envelope) => {
  if (!envelope.stream.startsWith(agreements.streamPrefix)) return undefined;
  const event = { type: envelope.type, data: envelope.data } as AgreementEvent;
  const occurredAt = envelope.occurredAt;
  switch (event.type) {
    case 'AgreementSigned': {
      const d = event.data;
      const { targets, calendarId } = d.serviceStandards;
      return message(envelope, AGREEMENT_SIGNED_V1, {
        partnerId: d.partnerId,
        agreementId: d.agreementId,
        version: d.version,
        validFrom: d.validFrom,
        validTo: d.validTo,
        serviceStandards: {
          targets: targets.map((t) => ({ priority: t.priority, responseMinutes: t.responseMinutes, resolutionMinutes: t.resolutionMinutes })),
          ...(calendarId ? { calendarId } : {}),
        },
        signedAt: d.signedAt,
        occurredAt,
      });
    }
    case 'AgreementExpiring': {
      const { partnerId, agreementId, version, validTo } = event.data;
      return message(envelope, AGREEMENT_EXPIRING_V1, { partnerId, agreementId, version, validTo, occurredAt });
    }
    case 'PartnerMeetingOverdue': {
      const { partnerId, agreementId, dueOn } = event.data;
      return message(envelope, PARTNER_MEETING_OVERDUE_V1, { partnerId, agreementId, dueOn, occurredAt });
    }
    case 'PartnerMeetingHeld':
    case 'AgreementInformationShared':
    case 'InformationSharingOverdue':
      return undefined;
    default:
      return notAnAgreementEvent(event);
  }
};

/** The partner records' share of the resource relay. */
export const partnerRelayPart: ResourceRelayPart = {
  filter: { streamPrefixes: [agreements.streamPrefix] },
  map: mapPartnerEvent,
  contracts: PARTNER_CONTRACTS,
};

/** Exhaustiveness: a new agreement event that is not mapped fails to compile here; at run time an unknown type publishes nothing. */
function notAnAgreementEvent(_event: never): undefined {
  return undefined;
}
