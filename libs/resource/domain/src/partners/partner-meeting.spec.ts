import { actor, commandsOf, deciderSpec, refused } from '@serviceledger/platform/testing/decider-spec';
import { PartnerMeetingCommand, RecordPartnerMeeting, partnerMeeting, partnerMeetingStream } from './partner-meeting';
import { informationSharingLog, informationSharingStream } from './information-sharing';

const AT = '2026-12-20T08:00:00.000Z';
const command = commandsOf<PartnerMeetingCommand, { meetingId: string }>({ at: AT, actor: actor('res-wu', ['resource-manager'], ['operations']), data: { meetingId: 'pm-1' } });
const { when, stateAfter, refusal } = deciderSpec(partnerMeeting);

const MINUTES: Omit<RecordPartnerMeeting['data'], 'meetingId'> = {
  agreementId: 'agr-1',
  partnerId: 'acme',
  heldAt: '2026-12-20T02:00:00.000Z',
  attendees: ['res-wu', 'li'],
  partnerContactIds: ['c-1'],
  progress: 'Twelve repairs done on time',
  problems: 'Spare parts late twice',
  solutions: 'A local stock of toner units',
  decisions: ['Keep ten units in Pudong'],
  actions: [{ description: 'Set up the Pudong stock', ownerId: 'c-1', dueOn: '2026-12-31' }],
};
const RECORDED = when([], command('RecordPartnerMeeting', MINUTES));

describe('meetings with partners (C-3.2, 六(三)2 定期溝通會議)', () => {
  it('records the minutes with both sides, progress, problems, solutions and numbered actions with owners and due dates', () => {
    expect(partnerMeetingStream('pm-1')).toBe('resource.cooperation-meeting-pm-1');
    expect(RECORDED).toEqual([
      {
        type: 'PartnerMeetingRecorded',
        data: { meetingId: 'pm-1', ...MINUTES, heldOn: '2026-12-20', actions: [{ actionNumber: 1, ...MINUTES.actions[0] }], recordedBy: 'res-wu' },
      },
    ]);
  });

  it.each([
    ['both-parties-required', { partnerContactIds: [] }],
    ['progress-required', { progress: ' ' }],
    ['meeting-not-held-yet', { heldAt: '2026-12-21T02:00:00.000Z' }],
    ['action-due-before-meeting', { actions: [{ description: 'x', ownerId: 'li', dueOn: '2026-12-19' }] }],
    ['action-owner-required', { actions: [{ description: 'x', ownerId: '', dueOn: '2026-12-21' }] }],
    ['unknown-cooperation-area', { actions: [{ description: 'x', ownerId: 'li', dueOn: '2026-12-21', cooperationArea: 'finance' as never }] }],
  ])('refuses minutes with %s', (code, change) => {
    expect(refusal([], command('RecordPartnerMeeting', { ...MINUTES, ...change }))).toMatchObject(refused(code));
  });

  it('names the area of cooperation (協同合作) an action serves, when given', () => {
    const action = { description: 'Joint firmware test', ownerId: 'c-1', dueOn: '2026-12-31', cooperationArea: 'technology' as const };
    const [recorded] = when([], command('RecordPartnerMeeting', { ...MINUTES, actions: [action] }));
    expect(recorded.data).toMatchObject({ actions: [{ actionNumber: 1, ...action }] });
    expect(stateAfter([recorded])?.actions[0]).toMatchObject({ cooperationArea: 'technology', done: false });
  });

  it('completes an action once, late after its due date', () => {
    const done = when(RECORDED, command('CompletePartnerMeetingAction', { actionNumber: 1, outcome: 'Stock in place' }, { at: '2027-01-02T02:00:00.000Z' }));
    expect(done[0]).toMatchObject({ type: 'PartnerMeetingActionCompleted', data: { actionNumber: 1, late: true, completedBy: 'res-wu' } });
    expect(stateAfter([...RECORDED, ...done])?.actions[0].done).toBe(true);
    expect(refusal([...RECORDED, ...done], command('CompletePartnerMeetingAction', { actionNumber: 1, outcome: 'again' }))).toMatchObject(refused('action-already-done'));
    expect(refusal(RECORDED, command('CompletePartnerMeetingAction', { actionNumber: 2, outcome: 'x' }))).toMatchObject({ name: 'NotFoundError' });
  });
});

describe('the information-sharing log (C-3.2, 六(三)3 信息共享與協同)', () => {
  const log = deciderSpec(informationSharingLog);
  const share = commandsOf<Parameters<typeof informationSharingLog.decide>[0]>({ at: AT, actor: actor('res-wu', ['resource-manager'], []) });

  it('appends what was shared, with whom, when and by whom, reading nothing back', () => {
    expect(informationSharingLog.appendOnly).toBe(true);
    expect(informationSharingStream('acme')).toBe('resource.shared-information-acme');
    const data = { partnerId: 'acme', sharingId: 's-1', kind: 'market' as const, subject: 'Q4 printer demand', summary: 'Demand up 12 % in Pudong', channel: 'email' };
    expect(log.when([], share('RecordInformationShared', data))).toEqual([{ type: 'InformationShared', data: { ...data, sharedAt: AT, sharedBy: 'res-wu' } }]);
    expect(log.refusal([], share('RecordInformationShared', { ...data, kind: 'gossip' as never }))).toMatchObject(refused('unknown-information-kind'));
    expect(log.refusal([], share('RecordInformationShared', { ...data, sharedAt: '2026-12-21T00:00:00.000Z' }))).toMatchObject(refused('not-shared-yet'));
  });

  it('names the agreement it was shared under and the area of cooperation (協同合作) it serves, when given', () => {
    const data = { partnerId: 'acme', sharingId: 's-2', kind: 'technical' as const, subject: 'Firmware 4.2', summary: 'Joint test plan', channel: 'meeting' };
    expect(log.when([], share('RecordInformationShared', { ...data, agreementId: 'agr-1', cooperationArea: 'technology' }))).toEqual([
      { type: 'InformationShared', data: { ...data, sharedAt: AT, sharedBy: 'res-wu', agreementId: 'agr-1', cooperationArea: 'technology' } },
    ]);
    expect(log.refusal([], share('RecordInformationShared', { ...data, cooperationArea: 'finance' as never }))).toMatchObject(refused('unknown-cooperation-area'));
  });
});
