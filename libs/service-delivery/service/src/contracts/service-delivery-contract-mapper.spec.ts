import { EventEnvelope } from '@serviceledger/platform/core';
import { IntegrationMessage } from '@serviceledger/platform/messaging';
import { contractMapperSpec } from '@serviceledger/platform/testing';
import {
  SERVICE_DELIVERY_CASE_TOPIC,
  SERVICE_DELIVERY_CONTRACTS,
  SERVICE_DELIVERY_MEETING_CONTRACTS,
  SERVICE_DELIVERY_MEETING_TOPIC,
  SERVICE_DELIVERY_SOURCE,
  SERVICE_DELIVERY_STANDARD_CONTRACTS,
  SERVICE_DELIVERY_STANDARD_TOPIC,
} from '@serviceledger/service-delivery/contracts';
import { DeliveryEvent, mapServiceDeliveryEvent } from './service-delivery-contract-mapper';

const AT = '2026-12-01T01:00:00.000Z';
const CASE = '3a0c2c1e-7f39-5d1e-8b55-0c7d9f3e2a10';
const PLAN = {
  goals: ['g'],
  content: 'SECRET plan content',
  steps: [{ stepId: 's1', description: 'SECRET step', milestoneId: 'm1' }],
  milestones: [{ milestoneId: 'm1', title: 'SECRET milestone', dueAt: AT }],
  expectedResults: ['r'],
  acceptanceCriteria: [{ criterionId: 'c1', text: 'SECRET criterion' }],
};
const SIGNATORY = { name: 'SECRET 王小明', title: 'SECRET manager' };

/** Every published domain event, free text marked SECRET so a leak shows. */
const PUBLISHED: DeliveryEvent[] = [
  {
    type: 'ServiceCaseOpened',
    data: {
      caseId: CASE,
      demandId: 'd-1',
      reference: 'SR-2026-000001',
      customerId: 'c-1',
      departmentId: 'tech-support',
      ownerId: 'ts-lead',
      complexity: 'complex',
      leadDepartmentId: 'system-maintenance',
      responsibilities: [{ departmentId: 'system-maintenance', responsibility: 'SECRET' }],
      responsibleDepartmentId: 'system-maintenance',
      departments: ['tech-support', 'system-maintenance'],
      planDueAt: AT,
      progressReportIntervalHours: 72,
      followUpVisitOffsetsDays: [7, 30],
      openedAt: AT,
    },
  },
  { type: 'PlanVersionApproved', data: { caseId: CASE, version: 2, plan: PLAN, comments: 'SECRET', supersedesVersion: 1, approvedBy: 'head', approvedAt: AT } },
  { type: 'DeliveryStarted', data: { caseId: CASE, planVersion: 2, projectManagerId: 'pm', startedAt: AT, nextReportDueAt: AT } },
  {
    type: 'MilestoneCompleted',
    data: { caseId: CASE, milestoneId: 'm1', planVersion: 2, dueAt: AT, evidence: 'SECRET', late: true, lateReason: 'SECRET', completedBy: 'x', completedAt: AT },
  },
  {
    type: 'ProgressReportSent',
    data: {
      caseId: CASE,
      reportNumber: 1,
      progress: 'SECRET',
      problems: [{ problem: 'SECRET', solution: 'SECRET' }],
      dueAt: AT,
      onTime: true,
      sentBy: 'x',
      sentAt: AT,
      nextReportDueAt: AT,
    },
  },
  { type: 'ProgressReportMissed', data: { caseId: CASE, dueAt: AT, nextReportDueAt: AT } },
  {
    type: 'AcceptanceOrganised',
    data: {
      caseId: CASE,
      round: 1,
      planVersion: 1,
      criteria: [{ criterionId: 'c1', text: 'SECRET' }],
      contract: { contractReference: 'SECRET SC-2026-017', version: 2 },
      organisedBy: 'agent',
      organisedAt: AT,
    },
  },
  {
    type: 'AcceptanceRejected',
    data: {
      caseId: CASE,
      round: 1,
      results: [{ criterionId: 'c1', met: false, note: 'SECRET' }],
      signatory: { ...SIGNATORY, userId: 'SECRET portal user' },
      comments: 'SECRET',
      recordedBy: 'SECRET portal user',
      form: 'portal',
      rectificationItems: [{ itemId: '1.1', description: 'SECRET', criterionId: 'c1' }],
      rejectedAt: AT,
      nextReportDueAt: AT,
    },
  },
  { type: 'RectificationItemFixed', data: { caseId: CASE, itemId: '1.1', round: 1, note: 'SECRET', fixedBy: 'x', fixedAt: AT } },
  {
    type: 'AcceptancePassed',
    data: {
      caseId: CASE,
      round: 2,
      results: [{ criterionId: 'c1', met: true }],
      signatory: SIGNATORY,
      recordedBy: 'agent',
      form: 'paper',
      signedDocument: { sha256: 'SECRET', fileName: 'SECRET scan.pdf' },
      conditions: [],
      acceptedAt: AT,
      followUpVisits: [{ visitId: `${CASE}-visit-1`, visitNumber: 1, dueAt: AT }],
    },
  },
  {
    type: 'FollowUpVisitRecorded',
    data: {
      visitId: `${CASE}-visit-1`,
      caseId: CASE,
      visitNumber: 1,
      channel: 'phone',
      survey: { surveyId: 'follow-up', version: 2, scale: { lowest: 0, highest: 10 } },
      satisfaction: 7,
      recommendation: 3,
      comments: 'SECRET',
      findings: [{ description: 'SECRET', stage: 'planning' }],
      dueAt: AT,
      visitedBy: 'agent',
      visitedAt: AT,
    },
  },
  {
    type: 'AfterSalesProblemRaised',
    data: {
      problemId: 'p-1',
      caseId: CASE,
      reference: 'SR-2026-000001',
      customerId: 'c-1',
      departmentId: 'tech-support',
      source: 'follow-up-visit',
      visitId: `${CASE}-visit-1`,
      description: 'SECRET',
      raisedBy: 'agent',
      raisedAt: AT,
    },
  },
  {
    type: 'ProblemHandlerAssigned',
    data: { problemId: 'p-1', caseId: CASE, handlerId: 'tech', previousHandlerId: 'li', reason: 'SECRET', assignedBy: 'head', assignedAt: AT },
  },
  {
    type: 'AfterSalesProblemResolved',
    data: {
      problemId: 'p-1',
      caseId: CASE,
      resolution: 'SECRET',
      stage: 'implementation',
      nature: 'defect',
      complexity: 'simple',
      handlerId: 'tech',
      resolvedBy: 'tech',
      resolvedAt: AT,
    },
  },
  { type: 'AfterSalesProblemReopened', data: { problemId: 'p-1', caseId: CASE, reason: 'SECRET', reopenedBy: 'agent', reopenedAt: AT } },
  { type: 'ServiceCaseClosed', data: { caseId: CASE, summary: 'SECRET', closedBy: 'head', closedAt: AT } },
  { type: 'ServiceCaseCancelled', data: { caseId: CASE, reason: 'SECRET', previousStatus: 'in-delivery', cancelledBy: 'x', cancelledAt: AT } },
];

const INTERNAL: DeliveryEvent[] = [
  {
    type: 'ContractAcceptanceCriteriaRecorded',
    data: { caseId: CASE, contractReference: 'SECRET', version: 1, criteria: [{ criterionId: 'c1', text: 'SECRET' }], recordedBy: 'agent', recordedAt: AT },
  },
  { type: 'TeamMemberJoined', data: { caseId: CASE, memberId: 'pm', role: 'project-manager', duties: 'SECRET', addedBy: 'x', joinedAt: AT } },
  { type: 'StepCompleted', data: { caseId: CASE, stepId: 's1', milestoneId: 'm1', planVersion: 1, evidence: 'SECRET', completedBy: 'x', completedAt: AT } },
  { type: 'PlanChangesRequested', data: { caseId: CASE, version: 1, comments: 'SECRET', requestedBy: 'head', requestedAt: AT } },
];

function envelope(event: DeliveryEvent, index: number): EventEnvelope {
  return {
    id: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
    type: event.type,
    data: event.data,
    stream: `service-delivery.case-${CASE}`,
    streamPosition: index,
    checkpoint: String(index),
    occurredAt: AT,
    metadata: { correlationId: 'corr', causationId: 'cause', actor: { userId: 'x', roles: [], departments: [] }, schemaVersion: 1 },
  } as EventEnvelope;
}

describe('service-delivery contract mapper', () => {
  const { schemaErrors, publishedTypes, contractTypes } = contractMapperSpec({
    contracts: SERVICE_DELIVERY_CONTRACTS,
    map: mapServiceDeliveryEvent,
  });

  it.each(PUBLISHED.map((e, i) => [e.type, e, i] as const))('publishes %s as a valid contract event without free text or personal data', (_, event, i) => {
    const message = mapServiceDeliveryEvent(envelope(event, i));
    expect(message).toBeDefined();
    expect(schemaErrors(message!)).toEqual([]);
    expect(message).toMatchObject({ source: SERVICE_DELIVERY_SOURCE, topic: SERVICE_DELIVERY_CASE_TOPIC, key: CASE, subject: CASE, id: envelope(event, i).id });
    expect(JSON.stringify(message)).not.toContain('SECRET');
  });

  it('publishes a visit with the survey version it answered, and one recorded before surveys without it', () => {
    const recorded = PUBLISHED.find((e) => e.type === 'FollowUpVisitRecorded')!;
    expect(mapServiceDeliveryEvent(envelope(recorded, 1))!.data).toMatchObject({
      survey: { surveyId: 'follow-up', version: 2, scale: { lowest: 0, highest: 10 } },
      satisfaction: 7,
    });
    const { survey: _, ...before } = recorded.data as Extract<DeliveryEvent, { type: 'FollowUpVisitRecorded' }>['data'];
    const message = mapServiceDeliveryEvent(envelope({ type: 'FollowUpVisitRecorded', data: { ...before, satisfaction: 2 } }, 2))!;
    expect(message.data).not.toHaveProperty('survey');
    expect(schemaErrors(message)).toEqual([]);
  });

  it('publishes a resolved problem with its class, and one resolved before classification without it (P-6.2)', () => {
    const resolved = PUBLISHED.find((e) => e.type === 'AfterSalesProblemResolved')!;
    expect(mapServiceDeliveryEvent(envelope(resolved, 1))!.data).toMatchObject({ stage: 'implementation', nature: 'defect', complexity: 'simple' });
    const { nature: _, complexity: __, ...before } = resolved.data as Extract<DeliveryEvent, { type: 'AfterSalesProblemResolved' }>['data'];
    const message = mapServiceDeliveryEvent(envelope({ type: 'AfterSalesProblemResolved', data: before }, 2))!;
    expect(message.data).not.toHaveProperty('nature');
    expect(schemaErrors(message)).toEqual([]);
  });

  it('publishes the contract criteria version and the report form, and a round from before them without either (P-5.1)', () => {
    const published = (event: DeliveryEvent, index: number) => mapServiceDeliveryEvent(envelope(event, index)) as IntegrationMessage;
    const [organised, rejected] = ['AcceptanceOrganised', 'AcceptanceRejected'].map((type) => PUBLISHED.find((e) => e.type === type)!);
    expect(published(organised, 1).data).toMatchObject({ criteriaVersion: 2 });
    expect(published(rejected, 2).data).toMatchObject({ reportForm: 'portal' });
    const { contract: _, ...organisedBefore } = organised.data as Extract<DeliveryEvent, { type: 'AcceptanceOrganised' }>['data'];
    const { form: __, ...rejectedBefore } = rejected.data as Extract<DeliveryEvent, { type: 'AcceptanceRejected' }>['data'];
    for (const event of [
      { type: 'AcceptanceOrganised', data: organisedBefore },
      { type: 'AcceptanceRejected', data: rejectedBefore },
    ] as DeliveryEvent[]) {
      const message = published(event, 3);
      expect(message.data).not.toHaveProperty('criteriaVersion');
      expect(message.data).not.toHaveProperty('reportForm');
      expect(schemaErrors(message)).toEqual([]);
    }
  });

  it('publishes every contract it declares', () => {
    expect(publishedTypes(PUBLISHED.map(envelope))).toEqual(contractTypes);
  });

  it.each(INTERNAL.map((e) => [e.type, e] as const))('keeps %s inside the service', (_, event) => {
    expect(mapServiceDeliveryEvent(envelope(event, 99))).toBeUndefined();
  });

  it('publishes a standard’s version on the standard topic, keyed by the standard, with its check ids only; declarations stay inside (P-4.2)', () => {
    const standards = contractMapperSpec({ contracts: SERVICE_DELIVERY_STANDARD_CONTRACTS, map: mapServiceDeliveryEvent });
    const published: DeliveryEvent = {
      type: 'TechnicalStandardPublished',
      data: {
        standardId: 'printer-repair',
        version: 2,
        kind: 'operating-rule',
        businessCategory: 'technical-support',
        title: 'SECRET',
        documents: [{ reference: 'SECRET', title: 'SECRET' }],
        checks: [{ checkId: 'test-page', description: 'SECRET' }],
        publishedAt: AT,
        publishedBy: 'ts-head',
      },
    };
    const message = mapServiceDeliveryEvent(envelope(published, 1)) as IntegrationMessage;
    expect(message).toMatchObject({ topic: SERVICE_DELIVERY_STANDARD_TOPIC, key: 'printer-repair', subject: 'printer-repair', data: { checkIds: ['test-page'] } });
    expect(standards.schemaErrors(message)).toEqual([]);
    expect(JSON.stringify(message)).not.toContain('SECRET');
    const declared: DeliveryEvent = {
      type: 'StandardsDeclared',
      data: { caseId: CASE, milestoneId: 'm1', planVersion: 2, standards: [{ standardId: 'printer-repair', version: 2, title: 'SECRET', checks: [] }], declaredBy: 'pm', declaredAt: AT },
    };
    expect(mapServiceDeliveryEvent(envelope(declared, 2))).toBeUndefined();
  });

  it('publishes a missed meeting, departments not reporting and an overdue action on the meeting topic; the minutes and the watch stay inside (C-1.1)', () => {
    const meetings = contractMapperSpec({ contracts: SERVICE_DELIVERY_MEETING_CONTRACTS, map: mapServiceDeliveryEvent });
    const period = { key: '2026-W49', from: '2026-11-30', to: '2026-12-06' };
    const published: DeliveryEvent[] = [
      { type: 'MeetingMissed', data: { kind: 'weekly', period, cadenceVersion: 1, expectedDepartments: ['tech-support'], endedAt: AT } },
      { type: 'DepartmentsDidNotReport', data: { kind: 'weekly', periodKey: period.key, meetingId: 'mt-1', heldAt: AT, cadenceVersion: 1, departmentIds: ['tech-support'] } },
      { type: 'MeetingActionOverdue', data: { meetingId: 'mt-1', actionNumber: 1, ownerId: 'li', departmentId: 'tech-support', dueAt: AT } },
    ];
    const messages = published.map((event, i) => mapServiceDeliveryEvent(envelope(event, i)) as IntegrationMessage);
    expect(messages.map((m) => [m.topic, m.key])).toEqual([
      [SERVICE_DELIVERY_MEETING_TOPIC, 'weekly'],
      [SERVICE_DELIVERY_MEETING_TOPIC, 'weekly'],
      [SERVICE_DELIVERY_MEETING_TOPIC, 'mt-1'],
    ]);
    expect(messages[0].data).toMatchObject({ periodKey: '2026-W49', from: '2026-11-30', to: '2026-12-06' });
    for (const message of messages) expect(meetings.schemaErrors(message)).toEqual([]);
    expect(meetings.publishedTypes(published.map(envelope))).toEqual(meetings.contractTypes);
    const inside: DeliveryEvent[] = [
      { type: 'MeetingCadenceSet', data: { kind: 'weekly', version: 1, expectedDepartments: ['tech-support'], period, setBy: 'gm', setAt: AT } },
      { type: 'CadenceMeetingHeld', data: { kind: 'weekly', periodKey: period.key, meetingId: 'mt-1', heldAt: AT } },
      { type: 'MeetingPeriodClosed', data: { kind: 'weekly', period, meetingIds: ['mt-1'] } },
      { type: 'MeetingActionCompleted', data: { meetingId: 'mt-1', actionNumber: 1, outcome: 'SECRET', dueAt: AT, late: false, completedBy: 'li', completedAt: AT } },
    ];
    for (const event of inside) expect(mapServiceDeliveryEvent(envelope(event, 5))).toBeUndefined();
  });
});
