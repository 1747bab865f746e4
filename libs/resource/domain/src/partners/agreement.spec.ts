import { actor, commandsOf, deciderSpec, refused } from '@serviceledger/platform/testing/decider-spec';
import { AgreementCommand, AgreementEvent, SignAgreement, agreement, agreementStream, renewalWarningOn, sharingOverdue } from './agreement';

const AT = '2026-12-01T02:00:00.000Z';
const manager = actor('res-wu', ['resource-manager'], ['operations']);
const command = commandsOf<AgreementCommand, { agreementId: string }>({ at: AT, actor: manager, data: { agreementId: 'agr-1' } });
const { when, stateAfter, refusal } = deciderSpec(agreement);

export const TERMS: Omit<SignAgreement['data'], 'agreementId'> = {
  partnerId: 'acme',
  rights: ['We may audit the partner’s service records'],
  duties: ['The partner keeps spare parts for five years'],
  scope: 'On-site printer repair in Shanghai',
  serviceStandards: {
    targets: [
      { priority: 'P3', responseMinutes: 60, resolutionMinutes: 480 },
      { priority: 'P1', responseMinutes: 15, resolutionMinutes: 120 },
    ],
  },
  communicationChannels: [{ kind: 'email', detail: 'service@acme.example for tickets' }],
  validFrom: '2026-12-01',
  validTo: '2027-11-30',
  meetingIntervalDays: 30,
};

const SIGNED = when([], command('SignAgreement', TERMS));

describe('cooperation agreement (C-3.1, 六(三)1 合作協議簽訂)', () => {
  describe('SignAgreement', () => {
    it('signs version 1 with every term, its standards per priority in order, and the first meeting due an interval after it begins', () => {
      expect(agreementStream('agr-1')).toBe('resource.agreement-agr-1');
      expect(SIGNED).toEqual([
        {
          type: 'AgreementSigned',
          data: {
            agreementId: 'agr-1',
            partnerId: 'acme',
            version: 1,
            rights: TERMS.rights,
            duties: TERMS.duties,
            scope: TERMS.scope,
            serviceStandards: {
              targets: [
                { priority: 'P1', responseMinutes: 15, resolutionMinutes: 120 },
                { priority: 'P3', responseMinutes: 60, resolutionMinutes: 480 },
              ],
            },
            communicationChannels: TERMS.communicationChannels,
            validFrom: '2026-12-01',
            validTo: '2027-11-30',
            meetingIntervalDays: 30,
            renewalNoticeDays: 30,
            nextMeetingDueOn: '2026-12-31',
            signedBy: 'res-wu',
            signedAt: AT,
          },
        },
      ]);
    });

    it.each([
      ['rights', 'rights-required'],
      ['duties', 'duties-required'],
      ['scope', 'scope-required'],
      ['serviceStandards', 'service-standards-required'],
      ['communicationChannels', 'communication-channels-required'],
    ] as const)('refuses an agreement without its %s, naming the term', (term, code) => {
      const { [term]: _left, ...rest } = TERMS;
      expect(refusal([], command('SignAgreement', rest))).toMatchObject(refused(code));
    });

    it('refuses service standards that are not measurable', () => {
      const standards = (targets: unknown[]) => command('SignAgreement', { ...TERMS, serviceStandards: { targets } as never });
      expect(refusal([], standards([]))).toMatchObject(refused('service-standards-required'));
      expect(refusal([], standards([{ priority: 'P9', responseMinutes: 1, resolutionMinutes: 2 }]))).toMatchObject(refused('unknown-priority'));
      expect(refusal([], standards([{ priority: 'P1', responseMinutes: 0, resolutionMinutes: 2 }]))).toMatchObject(refused('invalid-target'));
      expect(refusal([], standards([{ priority: 'P1', responseMinutes: 60, resolutionMinutes: 30 }]))).toMatchObject(refused('resolution-before-response'));
      expect(
        refusal([], standards([{ priority: 'P1', responseMinutes: 1, resolutionMinutes: 2 }, { priority: 'P1', responseMinutes: 1, resolutionMinutes: 2 }])),
      ).toMatchObject(refused('duplicate-priority'));
    });

    it('refuses a validity that ends before it begins, a date that is none, and a cadence out of bounds', () => {
      expect(refusal([], command('SignAgreement', { ...TERMS, validTo: '2026-11-30' }))).toMatchObject(refused('invalid-validity'));
      expect(refusal([], command('SignAgreement', { ...TERMS, validFrom: '2026-02-30' }))).toMatchObject(refused('invalid-date'));
      expect(refusal([], command('SignAgreement', { ...TERMS, validFrom: '2026-13-01' }))).toMatchObject(refused('invalid-date'));
      expect(refusal([], command('SignAgreement', { ...TERMS, validTo: '2027-11-32' }))).toMatchObject(refused('invalid-date'));
      expect(refusal([], command('SignAgreement', { ...TERMS, meetingIntervalDays: 0 }))).toMatchObject(refused('invalid-meeting-interval'));
      expect(refusal([], command('SignAgreement', { ...TERMS, communicationChannels: [{ kind: 'fax' as never, detail: 'x' }] }))).toMatchObject(
        refused('unknown-channel'),
      );
    });

    it('signs a renewal as version 2, its meetings still counted from the last one held', () => {
      const held = when(SIGNED, command('NotePartnerMeetingHeld', { meetingId: 'm-1', heldOn: '2026-12-20' }));
      const renewal = when([...SIGNED, ...held], command('SignAgreement', { ...TERMS, validFrom: '2027-12-01', validTo: '2028-11-30', meetingIntervalDays: 60 }));
      expect(renewal[0].data).toMatchObject({ version: 2, validTo: '2028-11-30', nextMeetingDueOn: '2027-02-18' });
      expect(stateAfter([...SIGNED, ...held, ...renewal])).toMatchObject({ startedOn: '2026-12-01', current: { version: 2 } });
    });

    it('refuses another partner on an existing agreement', () => {
      expect(refusal(SIGNED, command('SignAgreement', { ...TERMS, partnerId: 'globex' }))).toMatchObject(refused('agreement-partner-fixed'));
    });
  });

  describe('renewal warnings (scheduler)', () => {
    it('warns of the renewal of the version in force once, from its notice day', () => {
      expect(renewalWarningOn({ validTo: '2027-11-30', renewalNoticeDays: 30 })).toBe('2027-10-31');
      const warned = when(SIGNED, command('MarkAgreementExpiring', { version: 1 }, { at: '2027-10-30T16:00:00.000Z' }));
      expect(warned).toEqual([
        { type: 'AgreementExpiring', data: { agreementId: 'agr-1', partnerId: 'acme', version: 1, validTo: '2027-11-30', warnedAt: '2027-10-30T16:00:00.000Z' } },
      ]);
      expect(when([...SIGNED, ...warned], command('MarkAgreementExpiring', { version: 1 }))).toEqual([]);
    });

    it('warns of nothing for a version a renewal superseded', () => {
      const renewed = [...SIGNED, ...when(SIGNED, command('SignAgreement', { ...TERMS, validTo: '2028-11-30' }))];
      expect(when(renewed, command('MarkAgreementExpiring', { version: 1 }))).toEqual([]);
    });
  });

  describe('meeting cadence (C-3.2, 六(三)2 定期溝通會議)', () => {
    it('marks the meeting due on a day overdue when none was held by then, once', () => {
      const overdue = when(SIGNED, command('MarkPartnerMeetingOverdue', { dueOn: '2026-12-31' }, { at: '2026-12-31T16:00:00.000Z' }));
      expect(overdue).toEqual([
        { type: 'PartnerMeetingOverdue', data: { agreementId: 'agr-1', partnerId: 'acme', dueOn: '2026-12-31', markedAt: '2026-12-31T16:00:00.000Z' } },
      ]);
      expect(when([...SIGNED, ...overdue], command('MarkPartnerMeetingOverdue', { dueOn: '2026-12-31' }))).toEqual([]);
    });

    it('moves the due date an interval past each meeting held, so a due date a meeting replaced marks nothing', () => {
      const held = when(SIGNED, command('NotePartnerMeetingHeld', { meetingId: 'm-1', heldOn: '2026-12-20' }));
      expect(held).toEqual([
        { type: 'PartnerMeetingHeld', data: { agreementId: 'agr-1', partnerId: 'acme', meetingId: 'm-1', heldOn: '2026-12-20', nextMeetingDueOn: '2027-01-19' } },
      ]);
      expect(when([...SIGNED, ...held], command('MarkPartnerMeetingOverdue', { dueOn: '2026-12-31' }))).toEqual([]);
      expect(when([...SIGNED, ...held], command('NotePartnerMeetingHeld', { meetingId: 'm-1', heldOn: '2026-12-20' }))).toEqual([]);
      const older = when([...SIGNED, ...held], command('NotePartnerMeetingHeld', { meetingId: 'm-0', heldOn: '2026-12-10' }));
      expect(older[0].data).toMatchObject({ nextMeetingDueOn: '2027-01-19' });
    });

    it('owes no meeting after the agreement ended', () => {
      const short = when([], command('SignAgreement', { ...TERMS, validTo: '2026-12-15' }));
      expect(when(short, command('MarkPartnerMeetingOverdue', { dueOn: '2026-12-31' }))).toEqual([]);
    });

    it('refuses a scheduler command on an agreement never signed', () => {
      expect(refusal([] as AgreementEvent[], command('MarkPartnerMeetingOverdue', { dueOn: '2026-12-31' }))).toMatchObject({ name: 'NotFoundError' });
    });
  });

  describe('information-sharing cadence (C-3.2, 六(三)3 信息共享與協同, 及時)', () => {
    const CADENCED = when([], command('SignAgreement', { ...TERMS, sharingIntervalDays: { market: 30, business: 14 } }));

    it('sets a due date per kind with a cadence, an interval after the agreement begins; a kind without one owes nothing', () => {
      expect(CADENCED[0].data).toMatchObject({ sharingIntervalDays: { market: 30, business: 14 }, nextSharingDueOn: { market: '2026-12-31', business: '2026-12-15' } });
      expect(stateAfter(CADENCED)?.sharing).toEqual({ business: { nextDueOn: '2026-12-15', overdueDueOns: [] }, market: { nextDueOn: '2026-12-31', overdueDueOns: [] } });
      expect(when(CADENCED, command('MarkInformationSharingOverdue', { kind: 'technical', dueOn: '2026-12-15' }))).toEqual([]);
    });

    it('marks a kind overdue at its due date when nothing of it was shared, once', () => {
      const overdue = when(CADENCED, command('MarkInformationSharingOverdue', { kind: 'business', dueOn: '2026-12-15' }, { at: '2026-12-15T16:00:00.000Z' }));
      expect(overdue).toEqual([
        { type: 'InformationSharingOverdue', data: { agreementId: 'agr-1', partnerId: 'acme', kind: 'business', dueOn: '2026-12-15', markedAt: '2026-12-15T16:00:00.000Z' } },
      ]);
      expect(sharingOverdue(stateAfter([...CADENCED, ...overdue])?.sharing.business)).toBe(true);
      expect(when([...CADENCED, ...overdue], command('MarkInformationSharingOverdue', { kind: 'business', dueOn: '2026-12-15' }))).toEqual([]);
    });

    it('moves a kind’s due date an interval past each sharing, clearing its overdue, so a due date a sharing replaced marks nothing', () => {
      const overdue = when(CADENCED, command('MarkInformationSharingOverdue', { kind: 'business', dueOn: '2026-12-15' }));
      const history = [...CADENCED, ...overdue];
      const shared = when(history, command('NoteInformationShared', { kind: 'business', sharedOn: '2026-12-18' }));
      expect(shared).toEqual([
        { type: 'AgreementInformationShared', data: { agreementId: 'agr-1', partnerId: 'acme', kind: 'business', sharedOn: '2026-12-18', nextDueOn: '2027-01-01' } },
      ]);
      const after = stateAfter([...history, ...shared])?.sharing.business;
      expect(after).toMatchObject({ lastSharedOn: '2026-12-18', nextDueOn: '2027-01-01' });
      expect(sharingOverdue(after)).toBe(false);
      expect(when([...CADENCED, ...shared], command('MarkInformationSharingOverdue', { kind: 'business', dueOn: '2026-12-15' }))).toEqual([]);
      expect(when([...CADENCED, ...shared], command('NoteInformationShared', { kind: 'business', sharedOn: '2026-12-18' }))).toEqual([]);
    });

    it('notes a sharing of a kind without a cadence as its last, owing nothing; a renewal counts the cadence from the last sharing', () => {
      const shared = when(CADENCED, command('NoteInformationShared', { kind: 'technical', sharedOn: '2026-12-05' }));
      expect(shared[0].data).toEqual({ agreementId: 'agr-1', partnerId: 'acme', kind: 'technical', sharedOn: '2026-12-05' });
      const renewed = when([...CADENCED, ...shared], command('SignAgreement', { ...TERMS, sharingIntervalDays: { technical: 60 } }));
      expect(renewed[0].data).toMatchObject({ nextSharingDueOn: { technical: '2027-02-03' } });
      expect(stateAfter([...CADENCED, ...shared, ...renewed])?.sharing).toEqual({
        business: { overdueDueOns: [] },
        market: { overdueDueOns: [] },
        technical: { lastSharedOn: '2026-12-05', nextDueOn: '2027-02-03', overdueDueOns: [] },
      });
    });

    it('owes no sharing after the agreement ended', () => {
      const short = when([], command('SignAgreement', { ...TERMS, validTo: '2026-12-10', sharingIntervalDays: { business: 14 } }));
      expect(when(short, command('MarkInformationSharingOverdue', { kind: 'business', dueOn: '2026-12-15' }))).toEqual([]);
    });

    it.each([
      [{ market: 0 }, 'invalid-sharing-interval'],
      [{ market: 367 }, 'invalid-sharing-interval'],
      [{ business: 1.5 }, 'invalid-sharing-interval'],
      [{ rumours: 7 }, 'unknown-information-kind'],
    ])('refuses the cadence %j (%s)', (sharingIntervalDays, code) => {
      expect(refusal([], command('SignAgreement', { ...TERMS, sharingIntervalDays } as SignAgreement['data']))).toMatchObject(refused(code));
    });
  });
});
