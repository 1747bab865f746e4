import { Aggregate, Command, Decider, NotFoundError, RuleViolation, streamOf } from '@serviceledger/platform/core';

/**
 * An information-security incident and its handling (R-3.3, 五(三)3 信息安全管理: 防止信息泄露和網絡攻擊):
 *
 *   detected ──containment──▶ contained ──resolution──▶ resolved
 *
 * Each step says when it happened and who took it. An incident records its severity, the customers it
 * affected (ids) and whether personal data was involved; when it was, the affected must be notified
 * within a deadline counted from the detection (hours, default 72): a notification records when, whom
 * and how, and a deadline passed without one is marked overdue by the platform scheduler
 * (`MarkIncidentNotificationOverdue`). Pure: time and the acting user come with the command.
 */
export const INCIDENT_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type IncidentSeverity = (typeof INCIDENT_SEVERITIES)[number];

export type IncidentStatus = 'detected' | 'contained' | 'resolved';

/** The hours a notification is due in after the detection, when personal data was involved and nothing else is configured. */
export const DEFAULT_NOTIFICATION_HOURS = 72;
/** A configured notification deadline lies within 30 days of the detection. */
export const MAX_NOTIFICATION_HOURS = 720;
/** An incident affects at most this many customers by id; a larger breach is recorded with the count in its description. */
export const MAX_AFFECTED_CUSTOMERS = 500;

export const NOTIFICATION_CHANNELS = ['email', 'phone', 'letter', 'portal', 'in-person', 'regulator-filing'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

/** One notification of the incident: when, whom (the regulator, the affected customers, …) and how. */
export interface IncidentNotification {
  notifiedAt: string;
  recipients: string;
  channel: NotificationChannel;
  recordedAt: string;
  recordedBy: string;
  /** Given after the deadline. */
  late: boolean;
}

/** A step of the incident's handling: when it happened, who took it, and what was done. */
export interface IncidentStep {
  at: string;
  by: string;
  summary: string;
}

export interface SecurityIncident {
  incidentId: string;
  title: string;
  description: string;
  severity: IncidentSeverity;
  status: IncidentStatus;
  detectedAt: string;
  detectedBy: string;
  recordedAt: string;
  recordedBy: string;
  affectedCustomerIds: string[];
  personalDataInvolved: boolean;
  /** Only when personal data was involved. */
  notificationDueAt?: string;
  notificationOverdue: boolean;
  notifications: IncidentNotification[];
  containment?: IncidentStep;
  resolution?: IncidentStep;
}

export type SecurityIncidentState = SecurityIncident | null;

export type RecordSecurityIncident = Command<
  'RecordSecurityIncident',
  {
    incidentId: string;
    title: string;
    description: string;
    severity: string;
    detectedAt: string;
    /** Who detected it; absent: whoever records it. */
    detectedBy?: string;
    affectedCustomerIds: string[];
    personalDataInvolved: boolean;
    /** The configured notification deadline, in hours after the detection (default 72). */
    notificationHours?: number;
  }
>;
export type ContainSecurityIncident = Command<'ContainSecurityIncident', { incidentId: string; measures: string; containedAt?: string }>;
export type ResolveSecurityIncident = Command<'ResolveSecurityIncident', { incidentId: string; resolution: string; resolvedAt?: string }>;
export type RecordIncidentNotification = Command<
  'RecordIncidentNotification',
  { incidentId: string; notifiedAt: string; recipients: string; channel: string }
>;
/** Sent by the scheduler at the notification deadline. */
export type MarkIncidentNotificationOverdue = Command<'MarkIncidentNotificationOverdue', { incidentId: string; dueAt: string }>;
export type SecurityIncidentCommand =
  | RecordSecurityIncident
  | ContainSecurityIncident
  | ResolveSecurityIncident
  | RecordIncidentNotification
  | MarkIncidentNotificationOverdue;

export type SecurityIncidentRecorded = {
  type: 'SecurityIncidentRecorded';
  data: Pick<
    SecurityIncident,
    | 'incidentId'
    | 'title'
    | 'description'
    | 'severity'
    | 'detectedAt'
    | 'detectedBy'
    | 'recordedAt'
    | 'recordedBy'
    | 'affectedCustomerIds'
    | 'personalDataInvolved'
    | 'notificationDueAt'
  >;
};
export type SecurityIncidentContained = {
  type: 'SecurityIncidentContained';
  data: { incidentId: string; measures: string; containedAt: string; containedBy: string };
};
export type SecurityIncidentResolved = {
  type: 'SecurityIncidentResolved';
  data: { incidentId: string; resolution: string; resolvedAt: string; resolvedBy: string };
};
export type IncidentNotificationRecorded = {
  type: 'IncidentNotificationRecorded';
  data: { incidentId: string } & IncidentNotification;
};
export type IncidentNotificationOverdue = {
  type: 'IncidentNotificationOverdue';
  data: { incidentId: string; severity: IncidentSeverity; dueAt: string; markedAt: string };
};
export type SecurityIncidentEvent =
  | SecurityIncidentRecorded
  | SecurityIncidentContained
  | SecurityIncidentResolved
  | IncidentNotificationRecorded
  | IncidentNotificationOverdue;

const HOUR = 60 * 60 * 1000;

export const securityIncident: Decider<SecurityIncidentCommand, SecurityIncidentEvent, SecurityIncidentState> = {
  initialState: () => null,
  evolve(state, event) {
    if (event.type === 'SecurityIncidentRecorded') {
      return { ...event.data, status: 'detected', notificationOverdue: false, notifications: [] };
    }
    if (!state) return state;
    switch (event.type) {
      case 'SecurityIncidentContained':
        return { ...state, status: 'contained', containment: { at: event.data.containedAt, by: event.data.containedBy, summary: event.data.measures } };
      case 'SecurityIncidentResolved':
        return { ...state, status: 'resolved', resolution: { at: event.data.resolvedAt, by: event.data.resolvedBy, summary: event.data.resolution } };
      case 'IncidentNotificationRecorded': {
        const { notifiedAt, recipients, channel, recordedAt, recordedBy, late } = event.data;
        return { ...state, notifications: [...state.notifications, { notifiedAt, recipients, channel, recordedAt, recordedBy, late }] };
      }
      case 'IncidentNotificationOverdue':
        return { ...state, notificationOverdue: true };
    }
  },
  decide(command, state) {
    const { at, actor } = command.metadata;
    if (command.type === 'RecordSecurityIncident') {
      const d = command.data;
      if (state) throw new RuleViolation('incident-exists', `Security incident ${d.incidentId} was already recorded`);
      const detectedAt = instant(d.detectedAt, 'detection time');
      notAfter(detectedAt, at, 'detected');
      const affectedCustomerIds = [...new Set(d.affectedCustomerIds.map((id) => id.trim()).filter((id) => id !== ''))];
      if (affectedCustomerIds.length > MAX_AFFECTED_CUSTOMERS) {
        throw new RuleViolation('too-many-customers', `An incident names at most ${MAX_AFFECTED_CUSTOMERS} affected customers`);
      }
      const hours = d.notificationHours ?? DEFAULT_NOTIFICATION_HOURS;
      if (!(Number.isInteger(hours) && hours >= 1 && hours <= MAX_NOTIFICATION_HOURS)) {
        throw new RuleViolation('notification-hours', `A notification deadline is 1 to ${MAX_NOTIFICATION_HOURS} whole hours after the detection`);
      }
      return [
        {
          type: 'SecurityIncidentRecorded',
          data: {
            incidentId: d.incidentId,
            title: required(d.title, 'title'),
            description: required(d.description, 'description'),
            severity: severityOf(d.severity),
            detectedAt,
            detectedBy: d.detectedBy?.trim() || actor.userId,
            recordedAt: at,
            recordedBy: actor.userId,
            affectedCustomerIds,
            personalDataInvolved: d.personalDataInvolved,
            ...(d.personalDataInvolved ? { notificationDueAt: new Date(Date.parse(detectedAt) + hours * HOUR).toISOString() } : {}),
          },
        },
      ];
    }
    if (!state) throw new NotFoundError('Security incident', command.data.incidentId);
    const { incidentId } = state;
    switch (command.type) {
      case 'ContainSecurityIncident': {
        if (state.status !== 'detected') {
          throw new RuleViolation('incident-state', `Only a detected incident is contained; incident ${incidentId} is ${state.status}`);
        }
        const containedAt = stepTime(command.data.containedAt, at, state.detectedAt, 'contained');
        return [{ type: 'SecurityIncidentContained', data: { incidentId, measures: required(command.data.measures, 'containment measures'), containedAt, containedBy: actor.userId } }];
      }
      case 'ResolveSecurityIncident': {
        if (state.status !== 'contained') {
          throw new RuleViolation('incident-state', `An incident is resolved once contained; incident ${incidentId} is ${state.status}`);
        }
        const resolvedAt = stepTime(command.data.resolvedAt, at, state.containment?.at ?? state.detectedAt, 'resolved');
        return [{ type: 'SecurityIncidentResolved', data: { incidentId, resolution: required(command.data.resolution, 'resolution'), resolvedAt, resolvedBy: actor.userId } }];
      }
      case 'RecordIncidentNotification': {
        if (!state.personalDataInvolved) {
          throw new RuleViolation('notification-not-required', `Incident ${incidentId} involved no personal data: no notification is due`);
        }
        const notifiedAt = stepTime(command.data.notifiedAt, at, state.detectedAt, 'notified');
        const late = Date.parse(notifiedAt) > Date.parse(state.notificationDueAt as string);
        return [
          {
            type: 'IncidentNotificationRecorded',
            data: {
              incidentId,
              notifiedAt,
              recipients: required(command.data.recipients, 'recipients'),
              channel: channelOf(command.data.channel),
              recordedAt: at,
              recordedBy: actor.userId,
              late,
            },
          },
        ];
      }
      case 'MarkIncidentNotificationOverdue': {
        // A deadline met, or already marked, or one this incident never had: the due command changes nothing.
        const due = state.notificationDueAt;
        if (!due || due !== command.data.dueAt || state.notificationOverdue) return [];
        if (state.notifications.some((n) => Date.parse(n.notifiedAt) <= Date.parse(due))) return [];
        return [{ type: 'IncidentNotificationOverdue', data: { incidentId, severity: state.severity, dueAt: due, markedAt: at } }];
      }
    }
  },
};

/** An incident's stream is `resource.security-incident-<id>`, bounded by the incident's own handling. Not a department's: the route's permission suffices. */
export const securityIncidents: Aggregate<SecurityIncidentCommand, SecurityIncidentEvent, SecurityIncidentState> = {
  name: 'Security incident',
  streamPrefix: 'resource.security-incident-',
  decider: securityIncident,
  idOf: (command) => command.data.incidentId,
  creates: ['RecordSecurityIncident'],
};

export const securityIncidentStream = (incidentId: string): string => streamOf(securityIncidents, incidentId);

/** Whether a notification is still awaited: personal data was involved and none has been given. */
export function notificationPending(incident: SecurityIncident): boolean {
  return incident.personalDataInvolved && incident.notifications.length === 0;
}

function required(value: string | undefined, what: string): string {
  const trimmed = value?.trim();
  if (!trimmed) throw new RuleViolation('field-required', `A security incident needs its ${what}`);
  return trimmed;
}

function severityOf(value: string): IncidentSeverity {
  const severity = INCIDENT_SEVERITIES.find((s) => s === value);
  if (!severity) throw new RuleViolation('unknown-severity', `Severity is one of ${INCIDENT_SEVERITIES.join(', ')}; not ${value}`);
  return severity;
}

function channelOf(value: string): NotificationChannel {
  const channel = NOTIFICATION_CHANNELS.find((c) => c === value);
  if (!channel) throw new RuleViolation('unknown-channel', `A notification is given by ${NOTIFICATION_CHANNELS.join(', ')}; not ${value}`);
  return channel;
}

function instant(value: string, what: string): string {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new RuleViolation('invalid-time', `The ${what} ${value} is not a time`);
  return new Date(ms).toISOString();
}

function notAfter(time: string, now: string, what: string): void {
  if (Date.parse(time) > Date.parse(now)) throw new RuleViolation('time-in-the-future', `An incident is not ${what} later than now (${now}): ${time}`);
}

/** When a step happened: as given (not before the step it follows, not in the future), else now. */
function stepTime(given: string | undefined, now: string, after: string, what: string): string {
  const time = given === undefined ? now : instant(given, `time ${what}`);
  notAfter(time, now, what);
  if (Date.parse(time) < Date.parse(after)) throw new RuleViolation('time-out-of-order', `An incident is not ${what} before ${after}: ${time}`);
  return time;
}
