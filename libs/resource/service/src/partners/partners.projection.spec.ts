import { eventStream, projectionSpec } from '@serviceledger/platform/testing';
import { AgreementEvent, InformationShared, PartnerEvent, PartnerMeetingEvent, agreementStream, informationSharingStream, partnerMeetingStream, partnerStream } from '@serviceledger/resource/domain';
import { AGREEMENT_ID, AGREEMENT_TERMS, PARTNER_ID, agreementEvents, meetingEvents, partnerEvents } from './partner-fixtures';
import { AgreementRow, AgreementVersionRow, PartnerMeetingRow, PartnerRow, SharedInformationRow, partnersProjection } from './partners.projection';

describe('partners projection (C-3.1, C-3.2)', () => {
  const projection = projectionSpec(partnersProjection);

  it('lists a partner with its contacts, and drops a contact removed', async () => {
    const stream = eventStream<PartnerEvent>(partnerStream(PARTNER_ID));
    const events = partnerEvents([
      { type: 'RegisterPartner', data: { partnerId: PARTNER_ID, name: 'Acme', kind: 'supplier', departmentId: 'logistics' } },
      { type: 'AddPartnerContact', data: { partnerId: PARTNER_ID, contactId: 'c-1', name: '錢偉', role: 'Account manager', email: 'qian@acme.example' } },
      { type: 'RemovePartnerContact', data: { partnerId: PARTNER_ID, contactId: 'c-1', reason: 'Left' } },
    ]).map((e) => stream(e));
    await projection.apply(events.slice(0, 2));
    const [row] = await projection.rows<PartnerRow>('partner');
    expect(row).toMatchObject({ partnerId: PARTNER_ID, name: 'Acme', kind: 'supplier', departmentId: 'logistics' });
    expect(JSON.parse(row.state).contacts).toEqual([{ contactId: 'c-1', name: '錢偉', role: 'Account manager', email: 'qian@acme.example' }]);
    await projection.apply(events);
    expect(JSON.parse((await projection.rows<PartnerRow>('partner'))[0].state).contacts).toEqual([]);
  });

  it('keeps every version of an agreement, and shows a meeting overdue and a renewal due until a meeting and a renewal answer them, the same when redelivered', async () => {
    const stream = eventStream<AgreementEvent>(agreementStream(AGREEMENT_ID));
    const events = agreementEvents([
      { type: 'SignAgreement', data: AGREEMENT_TERMS },
      { type: 'MarkPartnerMeetingOverdue', data: { agreementId: AGREEMENT_ID, dueOn: '2026-12-31' } },
      { type: 'MarkAgreementExpiring', data: { agreementId: AGREEMENT_ID, version: 1 } },
      { type: 'NotePartnerMeetingHeld', data: { agreementId: AGREEMENT_ID, meetingId: 'pm-1', heldOn: '2027-01-05' } },
      { type: 'SignAgreement', data: { ...AGREEMENT_TERMS, validTo: '2028-11-30' } },
    ]).map((e) => stream(e));
    await projection.apply(events.slice(0, 3));
    expect((await projection.rows<AgreementRow>('agreement'))[0]).toMatchObject({ version: 1, nextMeetingDueOn: '2026-12-31', meetingOverdue: true, renewalDue: true });
    await projection.apply(events);
    await projection.apply(events);
    expect((await projection.rows<AgreementRow>('agreement'))[0]).toMatchObject({
      agreementId: AGREEMENT_ID,
      partnerId: PARTNER_ID,
      version: 2,
      validTo: '2028-11-30',
      nextMeetingDueOn: '2027-02-04',
      meetingOverdue: false,
      renewalDue: false,
    });
    const versions = await projection.rows<AgreementVersionRow>('agreement_version');
    expect(versions.map((v) => [v.version, JSON.parse(v.terms).validTo, v.signedBy])).toEqual([
      [1, '2027-11-30', 'res-wu'],
      [2, '2028-11-30', 'res-wu'],
    ]);
  });

  it('shows a kind of information overdue for sharing until a sharing under the agreement answers it, the same when redelivered', async () => {
    const stream = eventStream<AgreementEvent>(agreementStream('agr-2'));
    const events = agreementEvents([
      { type: 'SignAgreement', data: { ...AGREEMENT_TERMS, agreementId: 'agr-2', sharingIntervalDays: { market: 30 } } },
      { type: 'MarkInformationSharingOverdue', data: { agreementId: 'agr-2', kind: 'market', dueOn: '2026-12-31' } },
      { type: 'NoteInformationShared', data: { agreementId: 'agr-2', kind: 'market', sharedOn: '2027-01-03' } },
    ]).map((e) => stream(e));
    await projection.apply(events.slice(0, 2));
    expect((await projection.rows<AgreementRow>('agreement')).find((r) => r.agreementId === 'agr-2')).toMatchObject({ sharingOverdue: true, meetingOverdue: false });
    await projection.apply(events);
    await projection.apply(events);
    const row = (await projection.rows<AgreementRow>('agreement')).find((r) => r.agreementId === 'agr-2');
    expect(row).toMatchObject({ sharingOverdue: false });
    expect(JSON.parse(row?.state ?? '{}').sharing).toEqual({ market: { lastSharedOn: '2027-01-03', nextDueOn: '2027-02-02', overdueDueOns: ['2026-12-31'] } });
  });

  it('keeps the minutes of a meeting and its actions with how each was completed', async () => {
    const stream = eventStream<PartnerMeetingEvent>(partnerMeetingStream('pm-1'));
    const events = meetingEvents([
      {
        type: 'RecordPartnerMeeting',
        data: {
          meetingId: 'pm-1',
          agreementId: AGREEMENT_ID,
          partnerId: PARTNER_ID,
          heldAt: '2026-12-01T01:00:00.000Z',
          attendees: ['res-wu'],
          partnerContactIds: ['c-1'],
          progress: 'On plan',
          problems: '',
          solutions: '',
          decisions: [],
          actions: [{ description: 'Send the stock list', ownerId: 'c-1', dueOn: '2026-12-05' }],
        },
      },
      { type: 'CompletePartnerMeetingAction', data: { meetingId: 'pm-1', actionNumber: 1, outcome: 'Sent' }, at: '2026-12-06T02:00:00.000Z' },
    ]).map((e) => stream(e));
    await projection.apply(events);
    const [row] = await projection.rows<PartnerMeetingRow>('meeting');
    expect(row).toMatchObject({ meetingId: 'pm-1', agreementId: AGREEMENT_ID, partnerId: PARTNER_ID, heldAt: '2026-12-01T01:00:00.000Z' });
    expect(JSON.parse(row.minutes)).toMatchObject({ progress: 'On plan', heldOn: '2026-12-01' });
    expect(JSON.parse(row.actions)).toEqual([
      { actionNumber: 1, description: 'Send the stock list', ownerId: 'c-1', dueOn: '2026-12-05', done: true, outcome: 'Sent', late: true, completedBy: 'res-wu', completedAt: '2026-12-06T02:00:00.000Z' },
    ]);
  });

  it('lists each entry of the sharing log once', async () => {
    const stream = eventStream<InformationShared>(informationSharingStream(PARTNER_ID));
    const shared = stream({
      type: 'InformationShared',
      data: { partnerId: PARTNER_ID, sharingId: 's-1', kind: 'market', subject: 'Q4', summary: 'Demand up', channel: 'email', sharedAt: '2026-12-01T02:00:00.000Z', sharedBy: 'res-wu' },
    });
    await projection.apply([shared]);
    await projection.apply([shared]);
    expect(await projection.rows<SharedInformationRow>('shared_information')).toEqual([
      {
        sharingId: 's-1',
        partnerId: PARTNER_ID,
        kind: 'market',
        subject: 'Q4',
        summary: 'Demand up',
        channel: 'email',
        sharedAt: '2026-12-01T02:00:00.000Z',
        sharedBy: 'res-wu',
        agreementId: null,
        cooperationArea: null,
      },
    ]);
  });
});
