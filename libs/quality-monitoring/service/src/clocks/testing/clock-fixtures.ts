import {
  BusinessCalendar,
  ClockSignal,
  Policy,
  PolicySnapshot,
  PolicyTerms,
  policyRegistry,
} from '@serviceledger/quality-monitoring/domain';
import { CASE_DELIVERY_STARTED_V1, CASE_OPENED_V1 } from '@serviceledger/service-delivery/contracts';

/** Fixtures for the clock planner's, driver's and replay's specs: one demand, a two-day office calendar, P3 and P2 policies. */
export const DEMAND = '6f1c0d52-4c1e-4f7e-9d1a-0c2b7c9e1a01';
export const office: BusinessCalendar = {
  calendarId: 'cn-office',
  version: 1,
  timeZone: 'Asia/Shanghai',
  weeklyHours: {
    monday: [{ start: '09:00', end: '12:00' }, { start: '13:30', end: '18:00' }],
    tuesday: [{ start: '09:00', end: '12:00' }, { start: '13:30', end: '18:00' }],
    wednesday: [],
    thursday: [],
    friday: [],
    saturday: [],
    sunday: [],
  },
  holidays: [],
  makeUpDays: [],
};

/** An active SLA policy for one priority, on the office calendar, pausing on the customer unless `terms` say otherwise. */
export function policy(policyId: string, priority: string, targets: PolicySnapshot['targets'], terms: Partial<PolicyTerms> = {}): Policy {
  const [event] = policyRegistry.decide(
    {
      type: 'DefinePolicy',
      data: { policyId, kind: 'SLA', name: policyId, match: { priorities: [priority as 'P1'] }, targets, calendarId: 'cn-office', pauseOn: ['waiting-on-customer'], ...terms },
      metadata: { commandId: 'c', at: '2026-11-01T00:00:00Z', actor: { userId: 'u', roles: [], departments: [] }, correlationId: 'c' },
    },
    policyRegistry.initialState(),
  );
  return { ...(event.data as PolicySnapshot), retired: false };
}

export const POLICIES = [
  policy('p3', 'P3', { 'time-to-own': 60, 'first-response': 240, resolution: 1800, 'next-update': 480 }),
  policy('p2', 'P2', { 'time-to-own': 30, 'first-response': 60, resolution: 900 }),
];

export const message = (id: string, event: string, data: object): ClockSignal => ({
  id,
  type: `serviceledger.intake.${event}.v1`,
  data: { demandId: DEMAND, ...data },
  time: '2026-11-30T01:00:00Z',
  extensions: { correlationid: 'corr-1' },
});

export const registered = message('m-1', 'demand.registered', {
  reference: 'SR-2026-000001',
  customerId: 'c-1',
  customerTier: 'gold',
  channel: 'phone',
  kind: 'enquiry',
  subject: 'Printer',
  businessCategory: 'technical-support',
  impact: 2,
  urgency: 2,
  priority: 'P3',
  registeredAt: '2026-11-30T01:00:00.000Z',
  occurredAt: '2026-11-30T01:00:00.123Z',
});

/** The service-delivery case that delivers DEMAND. */
export const DELIVERY_CASE = 'case-7';

export const delivery = (id: string, type: string, data: object): ClockSignal => ({
  id,
  type,
  data: { caseId: DELIVERY_CASE, ...data },
  time: '2026-11-30T02:00:00Z',
  extensions: { correlationid: 'corr-2' },
});

export const caseOpened = delivery('d-1', CASE_OPENED_V1.type, {
  demandId: DEMAND,
  reference: 'SR-2026-000001',
  customerId: 'c-1',
  responsibleDepartmentId: 'tech-support',
  departments: ['tech-support'],
  complexity: 'routine',
  planDueAt: '2026-12-01T01:00:00Z',
  occurredAt: '2026-11-30T01:30:00Z',
});

/** 10:00 Monday in Shanghai. */
export const deliveryStarted = delivery('d-2', CASE_DELIVERY_STARTED_V1.type, {
  planVersion: 1,
  projectManagerId: 'pm-1',
  startedAt: '2026-11-30T02:00:00Z',
  nextReportDueAt: '2026-12-01T02:30:00Z',
  occurredAt: '2026-11-30T02:00:00.200Z',
});
