import { eventStream, contractMapperSpec } from '@serviceledger/platform/testing';
import { PARTNER_CONTRACTS, PARTNER_TOPIC } from '@serviceledger/resource/contracts';
import { AgreementEvent, agreementStream, partnerStream } from '@serviceledger/resource/domain';
import { AGREEMENT_ID, AGREEMENT_TERMS, PARTNER_ID, agreementEvents } from './partner-fixtures';
import { mapPartnerEvent, partnerRelayPart } from './partner-contract-mapper';

describe('partner contract events (C-3.1, C-3.2)', () => {
  const spec = contractMapperSpec({ contracts: PARTNER_CONTRACTS, map: mapPartnerEvent });
  const stream = eventStream<AgreementEvent>(agreementStream(AGREEMENT_ID));
  const history = agreementEvents([
    { type: 'SignAgreement', data: AGREEMENT_TERMS },
    { type: 'MarkPartnerMeetingOverdue', data: { agreementId: AGREEMENT_ID, dueOn: '2026-12-31' } },
    { type: 'MarkAgreementExpiring', data: { agreementId: AGREEMENT_ID, version: 1 } },
    { type: 'NotePartnerMeetingHeld', data: { agreementId: AGREEMENT_ID, meetingId: 'pm-1', heldOn: '2027-01-05' } },
  ]).map((e) => stream(e));

  it('publishes every partner contract, keyed by the partner, valid against its schema; a held meeting stays inside', () => {
    expect(spec.publishedTypes(history)).toEqual(spec.contractTypes);
    expect(spec.internalTypes(history)).toEqual(['PartnerMeetingHeld']);
    for (const event of history) {
      const message = mapPartnerEvent(event);
      if (!message) continue;
      expect(spec.schemaErrors(message)).toEqual([]);
      expect(message).toMatchObject({ key: PARTNER_ID, topic: PARTNER_TOPIC, id: event.id });
    }
  });

  it('carries the signed version’s service standards for quality monitoring, and none of its wording', () => {
    expect(mapPartnerEvent(history[0])?.data).toEqual({
      partnerId: PARTNER_ID,
      agreementId: AGREEMENT_ID,
      version: 1,
      validFrom: '2026-12-01',
      validTo: '2027-11-30',
      serviceStandards: { targets: [{ priority: 'P3', responseMinutes: 60, resolutionMinutes: 480 }], calendarId: 'office' },
      signedAt: '2026-12-01T02:00:00.000Z',
      occurredAt: history[0].occurredAt,
    });
  });

  it('maps nothing of the other resource streams, which the next relay part maps', () => {
    const partnerEvent = eventStream<{ type: 'PartnerRegistered'; data: object }>(partnerStream(PARTNER_ID))({ type: 'PartnerRegistered', data: {} });
    expect(mapPartnerEvent(partnerEvent)).toBeUndefined();
    expect(partnerRelayPart.filter.streamPrefixes).toEqual(['resource.agreement-']);
  });
});
