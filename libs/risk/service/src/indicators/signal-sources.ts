import { Contract } from '@serviceledger/platform/core';
import { IntegrationMessage } from '@serviceledger/platform/messaging';
import { EMPLOYEE_LEFT_V1, HR_PERFORMANCE_CONTRACTS, HR_STAFF_TOPIC } from '@serviceledger/hr-performance/contracts';
import { COMPLAINT_REGISTERED_V1, INTAKE_CONTRACTS, INTAKE_DEMAND_TOPIC } from '@serviceledger/intake/contracts';
import {
  CLOCK_BREACHED_V2,
  CLOCK_WARNING_REACHED_V2,
  DAILY_CHECK_RECORDED_V1,
  FINDING_RAISED_V1,
  FINDING_RECTIFICATION_REPORTED_V1,
  QUALITY_CHECK_CONTRACTS,
  QUALITY_CHECK_TOPIC,
  QUALITY_CLOCK_TOPIC,
  QUALITY_FINDING_CONTRACTS,
  QUALITY_FINDING_TOPIC,
  QUALITY_MONITORING_CONTRACTS,
} from '@serviceledger/quality-monitoring/contracts';
import {
  EQUIPMENT_CONTRACTS,
  EQUIPMENT_FAILED_V1,
  EQUIPMENT_TOPIC,
  PARTNER_CONTRACTS,
  PARTNER_MEETING_OVERDUE_V1,
  PARTNER_TOPIC,
  SECURITY_INCIDENT_CONTRACTS,
  SECURITY_INCIDENT_RECORDED_V1,
  SECURITY_INCIDENT_TOPIC,
} from '@serviceledger/resource/contracts';
import { DEPARTMENT_FIELD, Signal, SignalValue } from '@serviceledger/risk/domain';

/**
 * What risk reads of the other services' contract events (K-3.2): for each type an indicator may count,
 * the fields it keeps as the signal's fields (ids to group by, kinds and severities to filter on). Nothing
 * else of an event is kept: no free text, no personal data beyond the ids. A consumer reads one version
 * of an event, never both (ADR 0012): quality monitoring's warnings and breaches as version 2, which
 * names the department, the responsible person and the kind of case.
 */
export interface SignalSource {
  contract: Contract;
  fields: readonly string[];
}

export const SIGNAL_SOURCES: readonly SignalSource[] = [
  // The customer comes from the demand's registration (`demand.registered`, same key, before it).
  { contract: COMPLAINT_REGISTERED_V1, fields: ['demandId', 'priority'] },
  { contract: CLOCK_BREACHED_V2, fields: ['caseId', 'metric', 'caseKind', 'departmentId', 'responsibleId'] },
  { contract: CLOCK_WARNING_REACHED_V2, fields: ['caseId', 'metric', 'caseKind', 'departmentId', 'responsibleId'] },
  { contract: FINDING_RAISED_V1, fields: ['findingId', 'departmentId', 'responsibleId', 'processStage'] },
  { contract: FINDING_RECTIFICATION_REPORTED_V1, fields: ['findingId', 'round', 'overdue'] },
  { contract: DAILY_CHECK_RECORDED_V1, fields: ['checkId', 'caseId', 'departmentId', 'personId', 'kind', 'compliant', 'score', 'satisfied', 'customerScore'] },
  { contract: EQUIPMENT_FAILED_V1, fields: ['assetId', 'category', 'departmentId', 'severity'] },
  { contract: EMPLOYEE_LEFT_V1, fields: ['employeeId', 'departmentId', 'postId', 'reason'] },
  { contract: PARTNER_MEETING_OVERDUE_V1, fields: ['partnerId', 'agreementId'] },
  { contract: SECURITY_INCIDENT_RECORDED_V1, fields: ['incidentId', 'severity', 'personalDataInvolved'] },
];

/**
 * Quality monitoring's warnings and breaches name the department answering for the case when they fell due,
 * none (null) before the case was assigned: a time-to-own breach always. For intake's demands and complaints
 * the case is the demand, so risk attributes such a signal to the department the demand is assigned to
 * (`risk.demand-<id>`, `demand.ts` in the domain). Another kind of case (after-sales, rectification) is not
 * one of intake's demands and stays as it came.
 */
const ATTRIBUTED_BY_DEMAND: ReadonlySet<string> = new Set([CLOCK_BREACHED_V2.type, CLOCK_WARNING_REACHED_V2.type]);
const DEMAND_CASE_KINDS: readonly SignalValue[] = ['demand', 'complaint'];

/** The demand whose department the signal is to be attributed to, or undefined when it names one already or is about no demand. */
export function demandToAttribute(signal: Signal): string | undefined {
  if (!ATTRIBUTED_BY_DEMAND.has(signal.type) || signal.fields[DEPARTMENT_FIELD] !== null) return undefined;
  const caseId = signal.fields['caseId'];
  return DEMAND_CASE_KINDS.includes(signal.fields['caseKind'] ?? null) && typeof caseId === 'string' && caseId.length > 0 ? caseId : undefined;
}

/** The topics the indicators' consumer follows. */
export const SIGNAL_TOPICS = [INTAKE_DEMAND_TOPIC, QUALITY_CLOCK_TOPIC, QUALITY_FINDING_TOPIC, QUALITY_CHECK_TOPIC, EQUIPMENT_TOPIC, HR_STAFF_TOPIC, PARTNER_TOPIC, SECURITY_INCIDENT_TOPIC];

/**
 * Every contract published on those topics: each message is checked against its own, and the types no
 * indicator counts (and the demand's registration and assignment, read for its customer and department) are
 * known, so acknowledged quietly.
 */
export const SIGNAL_CONTRACTS: readonly Contract[] = [
  ...INTAKE_CONTRACTS,
  ...QUALITY_MONITORING_CONTRACTS,
  ...QUALITY_FINDING_CONTRACTS,
  ...QUALITY_CHECK_CONTRACTS,
  ...EQUIPMENT_CONTRACTS,
  ...HR_PERFORMANCE_CONTRACTS,
  ...PARTNER_CONTRACTS,
  ...SECURITY_INCIDENT_CONTRACTS,
].filter((contract) => SIGNAL_TOPICS.includes(contract.topic));

export function signalSourceOf(type: string): SignalSource | undefined {
  return SIGNAL_SOURCES.find((source) => source.contract.type === type);
}

/** The fields the source keeps, a missing one as null. */
export function signalFields(source: SignalSource, message: IntegrationMessage): Record<string, SignalValue> {
  const data = message.data as Record<string, unknown>;
  return Object.fromEntries(source.fields.map((field) => [field, scalar(data[field])]));
}

function scalar(value: unknown): SignalValue {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : null;
}
