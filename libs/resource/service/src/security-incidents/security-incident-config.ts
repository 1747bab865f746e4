import { DEFAULT_NOTIFICATION_HOURS, MAX_NOTIFICATION_HOURS } from '@serviceledger/resource/domain';

/** The security-incident register's configuration, read from the environment at start-up. */
export class SecurityIncidentConfig {
  constructor(
    /** Hours after the detection within which the affected must be notified of an incident involving personal data. */
    readonly notificationHours: number,
  ) {}
}

/**
 * `SECURITY_INCIDENT_NOTIFICATION_HOURS`: whole hours, 1 to 720; unset or empty, 72. Anything else stops the
 * start with the variable named, rather than running a deadline nobody chose.
 */
export function loadSecurityIncidentConfig(env: NodeJS.ProcessEnv): SecurityIncidentConfig {
  const given = env['SECURITY_INCIDENT_NOTIFICATION_HOURS']?.trim();
  if (given === undefined || given === '') return new SecurityIncidentConfig(DEFAULT_NOTIFICATION_HOURS);
  const hours = /^\d+$/.test(given) ? Number(given) : Number.NaN;
  if (!(hours >= 1 && hours <= MAX_NOTIFICATION_HOURS)) {
    throw new Error(`SECURITY_INCIDENT_NOTIFICATION_HOURS=${JSON.stringify(given)}: whole hours from 1 to ${MAX_NOTIFICATION_HOURS}`);
  }
  return new SecurityIncidentConfig(hours);
}

/** The configuration as a provider of the resource module. */
export const securityIncidentConfigProvider = {
  provide: SecurityIncidentConfig,
  useFactory: (): SecurityIncidentConfig => loadSecurityIncidentConfig(process.env),
};
