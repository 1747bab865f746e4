import { eventStream, projectionSpec } from '@serviceledger/platform/testing';
import { SecurityIncidentEvent, securityIncidentStream } from '@serviceledger/resource/domain';
import { INCIDENT_ID, incidentContained, incidentNotified, incidentOverdue, incidentRecorded, incidentResolved } from './security-incident-fixtures';
import { AffectedCustomerRow, SecurityIncidentRow, securityIncidentsProjection } from './security-incidents.projection';

describe('security incidents projection (R-3.3)', () => {
  const projection = projectionSpec(securityIncidentsProjection);
  const incident = () => projection.rows<SecurityIncidentRow>('incident').then(([row]) => row);

  it('lists a detected incident with its severity, its affected customers and its notification pending', async () => {
    const stream = eventStream<SecurityIncidentEvent>(securityIncidentStream(INCIDENT_ID));
    await projection.apply([stream(incidentRecorded, { at: '2026-12-01T02:00:00.000Z' })]);
    expect(await incident()).toEqual({
      incidentId: INCIDENT_ID,
      title: 'CRM export mailed to a wrong address',
      severity: 'medium',
      status: 'detected',
      personalDataInvolved: true,
      notificationDueAt: '2026-12-04T01:00:00.000Z',
      notificationPending: true,
      notificationOverdue: false,
      detectedAt: '2026-12-01T01:00:00.000Z',
      state: expect.any(String),
      updatedAt: '2026-12-01T02:00:00.000Z',
    });
    expect(await projection.rows<AffectedCustomerRow>('affected_customer')).toEqual([
      { incidentId: INCIDENT_ID, customerId: 'c-acme' },
      { incidentId: INCIDENT_ID, customerId: 'c-bright' },
    ]);
  });

  it('follows the incident to its resolution, overdue and then notified late, the same when an event is redelivered', async () => {
    const stream = eventStream<SecurityIncidentEvent>(securityIncidentStream(INCIDENT_ID));
    const events = [stream(incidentRecorded), stream(incidentContained), stream(incidentOverdue), stream(incidentNotified), stream(incidentResolved)];
    await projection.apply(events.slice(0, 3));
    expect(await incident()).toMatchObject({ status: 'contained', notificationOverdue: true, notificationPending: true });
    await projection.apply(events);
    const row = await incident();
    expect(row).toMatchObject({ status: 'resolved', notificationOverdue: true, notificationPending: false });
    expect(JSON.parse(row.state)).toMatchObject({
      containment: { at: '2026-12-01T03:00:00.000Z', by: 'risk-qian' },
      resolution: { at: '2026-12-05T02:00:00.000Z', by: 'risk-qian' },
      notifications: [{ notifiedAt: '2026-12-04T05:00:00.000Z', channel: 'phone', late: true }],
    });
    expect(await projection.rows('affected_customer')).toHaveLength(2);
  });
});
