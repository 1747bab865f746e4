import { CommandMetadata } from '@serviceledger/platform/core';
import { deciderSpec, refused } from '@serviceledger/platform/testing/decider-spec';
import { SecurityIncidentCommand, SecurityIncidentEvent, securityIncident } from './security-incident';

const meta = (at: string, userId = 'risk-qian'): CommandMetadata => ({
  commandId: `${userId}-${at}`,
  at,
  actor: { userId, roles: ['risk-officer'], departments: [] },
  correlationId: 'c',
});
const { when, refusal, aggregateAfter } = deciderSpec(securityIncident);

const DETECTED = '2026-12-01T02:00:00.000Z';
const RECORDED = '2026-12-01T03:00:00.000Z';
const record = (data: Partial<Extract<SecurityIncidentCommand, { type: 'RecordSecurityIncident' }>['data']> = {}): SecurityIncidentCommand => ({
  type: 'RecordSecurityIncident',
  data: {
    incidentId: 'si-1',
    title: 'Phishing mail opened on a support laptop',
    description: 'A support laptop ran a macro from a phishing mail; the CRM export folder was reachable',
    severity: 'high',
    detectedAt: DETECTED,
    affectedCustomerIds: ['c-1', ' c-2 ', 'c-1', ''],
    personalDataInvolved: true,
    ...data,
  },
  metadata: meta(RECORDED),
});

const recorded = when([], record())[0] as SecurityIncidentEvent;
const contained: SecurityIncidentEvent = {
  type: 'SecurityIncidentContained',
  data: { incidentId: 'si-1', measures: 'Laptop isolated, passwords reset', containedAt: '2026-12-01T04:00:00.000Z', containedBy: 'it-sun' },
};
const cmd = <T extends SecurityIncidentCommand['type']>(type: T, data: Omit<Extract<SecurityIncidentCommand, { type: T }>['data'], 'incidentId'>, at: string, userId?: string) =>
  ({ type, data: { incidentId: 'si-1', ...data }, metadata: meta(at, userId) }) as unknown as SecurityIncidentCommand;

describe('security incident register (R-3.3, 五(三)3)', () => {
  describe('RecordSecurityIncident', () => {
    it('records a detected incident with its severity, affected customers, personal data, and a notification due 72 hours after detection', () => {
      expect(recorded).toEqual({
        type: 'SecurityIncidentRecorded',
        data: {
          incidentId: 'si-1',
          title: 'Phishing mail opened on a support laptop',
          description: 'A support laptop ran a macro from a phishing mail; the CRM export folder was reachable',
          severity: 'high',
          detectedAt: DETECTED,
          detectedBy: 'risk-qian',
          recordedAt: RECORDED,
          recordedBy: 'risk-qian',
          affectedCustomerIds: ['c-1', 'c-2'],
          personalDataInvolved: true,
          notificationDueAt: '2026-12-04T02:00:00.000Z',
        },
      });
      expect(aggregateAfter([recorded])).toMatchObject({ status: 'detected', notificationOverdue: false, notifications: [] });
    });

    it('counts the configured hours, names who detected it, and sets no deadline when no personal data was involved', () => {
      expect(when([], record({ notificationHours: 24, detectedBy: 'soc-li' }))[0].data).toMatchObject({ detectedBy: 'soc-li', notificationDueAt: '2026-12-02T02:00:00.000Z' });
      expect(when([], record({ personalDataInvolved: false }))[0].data).not.toHaveProperty('notificationDueAt');
    });

    it.each([
      ['incident-exists', [recorded], record()],
      ['unknown-severity', [], record({ severity: 'dire' })],
      ['field-required', [], record({ title: '  ' })],
      ['time-in-the-future', [], record({ detectedAt: '2026-12-01T03:00:01.000Z' })],
      ['invalid-time', [], record({ detectedAt: 'yesterday' })],
      ['notification-hours', [], record({ notificationHours: 0 })],
      ['too-many-customers', [], record({ affectedCustomerIds: Array.from({ length: 501 }, (_, i) => `c-${i}`) })],
    ] as const)('refuses with %s', (code, given, command) => {
      expect(refusal([...given], command)).toMatchObject(refused(code));
    });
  });

  describe('containment and resolution', () => {
    it('contains a detected incident, when and by whom, then resolves it', () => {
      expect(when([recorded], cmd('ContainSecurityIncident', { measures: ' Laptop isolated, passwords reset ', containedAt: '2026-12-01T04:00:00Z' }, '2026-12-01T05:00:00.000Z', 'it-sun'))).toEqual([contained]);
      const resolved = when([recorded, contained], cmd('ResolveSecurityIncident', { resolution: 'Laptop re-imaged; macro policy enforced' }, '2026-12-02T05:00:00.000Z', 'it-sun'));
      expect(resolved).toEqual([
        { type: 'SecurityIncidentResolved', data: { incidentId: 'si-1', resolution: 'Laptop re-imaged; macro policy enforced', resolvedAt: '2026-12-02T05:00:00.000Z', resolvedBy: 'it-sun' } },
      ]);
      expect(aggregateAfter([recorded, contained, ...resolved])).toMatchObject({
        status: 'resolved',
        containment: { at: '2026-12-01T04:00:00.000Z', by: 'it-sun', summary: 'Laptop isolated, passwords reset' },
        resolution: { at: '2026-12-02T05:00:00.000Z', by: 'it-sun' },
      });
    });

    it('refuses steps out of order, twice, before the step they follow or in the future', () => {
      expect(refusal([recorded], cmd('ResolveSecurityIncident', { resolution: 'Done' }, '2026-12-02T05:00:00Z'))).toMatchObject(refused('incident-state'));
      expect(refusal([recorded, contained], cmd('ContainSecurityIncident', { measures: 'Again' }, '2026-12-02T05:00:00Z'))).toMatchObject(refused('incident-state'));
      expect(refusal([recorded], cmd('ContainSecurityIncident', { measures: 'Isolated', containedAt: '2026-12-01T01:00:00Z' }, '2026-12-02T05:00:00Z'))).toMatchObject(refused('time-out-of-order'));
      expect(refusal([recorded], cmd('ContainSecurityIncident', { measures: 'Isolated', containedAt: '2026-12-03T01:00:00Z' }, '2026-12-02T05:00:00Z'))).toMatchObject(refused('time-in-the-future'));
      expect(refusal([recorded, contained], cmd('ResolveSecurityIncident', { resolution: 'Done', resolvedAt: '2026-12-01T03:30:00Z' }, '2026-12-02T05:00:00Z'))).toMatchObject(refused('time-out-of-order'));
      expect(refusal([], cmd('ContainSecurityIncident', { measures: 'Isolated' }, '2026-12-02T05:00:00Z'))).toMatchObject({ name: 'NotFoundError' });
    });
  });

  describe('notification of an incident involving personal data', () => {
    const notify = (notifiedAt: string, at = '2026-12-05T00:00:00.000Z') =>
      cmd('RecordIncidentNotification', { notifiedAt, recipients: 'Affected customers’ contacts', channel: 'email' }, at);

    it('records when, whom and how the affected were notified, and whether it was late', () => {
      expect(when([recorded], notify('2026-12-03T02:00:00Z'))).toEqual([
        {
          type: 'IncidentNotificationRecorded',
          data: {
            incidentId: 'si-1',
            notifiedAt: '2026-12-03T02:00:00.000Z',
            recipients: 'Affected customers’ contacts',
            channel: 'email',
            recordedAt: '2026-12-05T00:00:00.000Z',
            recordedBy: 'risk-qian',
            late: false,
          },
        },
      ]);
      expect(when([recorded], notify('2026-12-04T02:00:01Z'))[0].data).toMatchObject({ late: true });
    });

    it('refuses a notification for an incident without personal data, by an unknown channel, or before the detection', () => {
      const withoutPersonalData = when([], record({ personalDataInvolved: false }));
      expect(refusal(withoutPersonalData, notify('2026-12-03T02:00:00Z'))).toMatchObject(refused('notification-not-required'));
      expect(refusal([recorded], cmd('RecordIncidentNotification', { notifiedAt: '2026-12-03T02:00:00Z', recipients: 'CAC', channel: 'carrier-pigeon' }, '2026-12-05T00:00:00Z'))).toMatchObject(refused('unknown-channel'));
      expect(refusal([recorded], notify('2026-11-30T02:00:00Z'))).toMatchObject(refused('time-out-of-order'));
    });

    it('is marked overdue at the deadline when no one was notified by then, once', () => {
      const due = cmd('MarkIncidentNotificationOverdue', { dueAt: '2026-12-04T02:00:00.000Z' }, '2026-12-04T02:00:00.000Z', 'resource');
      const overdue = when([recorded], due);
      expect(overdue).toEqual([{ type: 'IncidentNotificationOverdue', data: { incidentId: 'si-1', severity: 'high', dueAt: '2026-12-04T02:00:00.000Z', markedAt: '2026-12-04T02:00:00.000Z' } }]);
      expect(aggregateAfter([recorded, ...overdue])).toMatchObject({ notificationOverdue: true });
      expect(when([recorded, ...overdue], due)).toEqual([]);
    });

    it('is not marked overdue when notified in time, nor for another deadline', () => {
      const notified = when([recorded], notify('2026-12-03T02:00:00Z'));
      expect(when([recorded, ...notified], cmd('MarkIncidentNotificationOverdue', { dueAt: '2026-12-04T02:00:00.000Z' }, '2026-12-04T02:00:00Z', 'resource'))).toEqual([]);
      expect(when([recorded], cmd('MarkIncidentNotificationOverdue', { dueAt: '2026-12-05T02:00:00.000Z' }, '2026-12-05T02:00:00Z', 'resource'))).toEqual([]);
    });
  });
});
