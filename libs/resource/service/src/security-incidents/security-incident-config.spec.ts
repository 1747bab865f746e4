import { loadSecurityIncidentConfig } from './security-incident-config';

describe('the security incident register’s configuration', () => {
  it('gives 72 hours to notify unless SECURITY_INCIDENT_NOTIFICATION_HOURS says otherwise', () => {
    expect(loadSecurityIncidentConfig({}).notificationHours).toBe(72);
    expect(loadSecurityIncidentConfig({ SECURITY_INCIDENT_NOTIFICATION_HOURS: '' }).notificationHours).toBe(72);
    expect(loadSecurityIncidentConfig({ SECURITY_INCIDENT_NOTIFICATION_HOURS: ' 24 ' }).notificationHours).toBe(24);
  });

  it.each(['0', '721', '1.5', '-3', 'three days'])('stops the start for %s, naming the variable', (given) => {
    expect(() => loadSecurityIncidentConfig({ SECURITY_INCIDENT_NOTIFICATION_HOURS: given })).toThrow(/SECURITY_INCIDENT_NOTIFICATION_HOURS/);
  });
});
