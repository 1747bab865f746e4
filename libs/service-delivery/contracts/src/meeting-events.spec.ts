import { createJsonSchemaValidator, schemaPropertyNames } from '@serviceledger/platform/testing';
import {
  MEETING_ACTION_OVERDUE_V1,
  MEETING_DEPARTMENTS_NOT_REPORTING_V1,
  MEETING_MISSED_V1,
  SERVICE_DELIVERY_MEETING_CONTRACTS,
  SERVICE_DELIVERY_MEETING_TOPIC,
  SERVICE_DELIVERY_TOPICS,
  ServiceDeliveryMeetingData,
} from './index';

const MISSED: ServiceDeliveryMeetingData[typeof MEETING_MISSED_V1.type] = {
  kind: 'weekly',
  periodKey: '2026-W49',
  from: '2026-11-30',
  to: '2026-12-06',
  cadenceVersion: 1,
  expectedDepartments: ['tech-support', 'customer-service'],
  endedAt: '2026-12-06T16:00:00.000Z',
  occurredAt: '2026-12-06T16:00:00.000Z',
};

describe('service-delivery meeting contracts (C-1.1)', () => {
  const validate = (contract: (typeof SERVICE_DELIVERY_MEETING_CONTRACTS)[number], data: unknown) => createJsonSchemaValidator().compile(contract.schema)(data);

  it('publishes the meeting events on the meeting topic, one of the service’s topics', () => {
    expect(SERVICE_DELIVERY_MEETING_CONTRACTS.map((c) => c.type)).toEqual([
      'serviceledger.service-delivery.meeting.missed.v1',
      'serviceledger.service-delivery.meeting.departments-not-reporting.v1',
      'serviceledger.service-delivery.meeting.action-overdue.v1',
    ]);
    expect(new Set(SERVICE_DELIVERY_MEETING_CONTRACTS.map((c) => c.topic))).toEqual(new Set([SERVICE_DELIVERY_MEETING_TOPIC]));
    expect(Object.values(SERVICE_DELIVERY_TOPICS)).toContain(SERVICE_DELIVERY_MEETING_TOPIC);
  });

  it('accepts a missed weekly meeting, and refuses a project meeting, a period without dates or with no department expected', () => {
    expect(validate(MEETING_MISSED_V1, MISSED)).toBe(true);
    expect(validate(MEETING_MISSED_V1, { ...MISSED, kind: 'project' })).toBe(false);
    expect(validate(MEETING_MISSED_V1, { ...MISSED, from: 'last Monday' })).toBe(false);
    expect(validate(MEETING_MISSED_V1, { ...MISSED, expectedDepartments: [] })).toBe(false);
  });

  it('accepts an overdue action with or without its department', () => {
    const overdue = { meetingId: 'mt-1', actionNumber: 1, ownerId: 'li', departmentId: 'tech-support', dueAt: MISSED.endedAt, occurredAt: MISSED.endedAt };
    expect(validate(MEETING_ACTION_OVERDUE_V1, overdue)).toBe(true);
    const { departmentId: _, ...undepartmented } = overdue;
    expect(validate(MEETING_ACTION_OVERDUE_V1, undepartmented)).toBe(true);
    expect(validate(MEETING_ACTION_OVERDUE_V1, { ...overdue, actionNumber: 0 })).toBe(false);
  });

  it('carries no minutes: reports, decisions and the wording of actions stay in service-delivery', () => {
    const text = ['progress', 'problems', 'solutions', 'decisions', 'description', 'outcome', 'attendees'];
    for (const contract of [MEETING_MISSED_V1, MEETING_DEPARTMENTS_NOT_REPORTING_V1, MEETING_ACTION_OVERDUE_V1]) {
      expect(schemaPropertyNames(contract.schema).filter((name) => text.includes(name))).toEqual([]);
    }
  });
});
