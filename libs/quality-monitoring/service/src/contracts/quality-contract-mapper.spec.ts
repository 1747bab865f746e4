import { EventEnvelope } from '@serviceledger/platform/core';
import { IntegrationMessage } from '@serviceledger/platform/messaging';
import { contractMapperSpec, createJsonSchemaValidator } from '@serviceledger/platform/testing';
import {
  CLOCK_BREACHED_V1,
  CLOCK_BREACHED_V2,
  CLOCK_ESCALATED_V1,
  CLOCK_STOPPED_V1,
  CLOCK_WARNING_REACHED_V1,
  CLOCK_WARNING_REACHED_V2,
  QUALITY_CLOCK_TOPIC,
  QUALITY_MONITORING_CONTRACTS,
} from '@serviceledger/quality-monitoring/contracts';
import { ClockEvent } from '@serviceledger/quality-monitoring/domain';
import { clockIdentity, mapQualityEvent } from './quality-contract-mapper';

const CASE = '6f1c0d52-4c1e-4f7e-9d1a-0c2b7c9e1a01';
const CLOCK = `${CASE}.first-response.1`;

function envelope(event: ClockEvent, position = 1): EventEnvelope {
  return {
    id: `event-${position}`,
    type: event.type,
    data: event.data,
    stream: `quality-monitoring.clock-${CLOCK}`,
    streamPosition: position,
    checkpoint: String(position),
    occurredAt: '2026-11-30T06:30:00.000Z',
    metadata: { correlationId: 'corr', causationId: 'cause', actor: { userId: 'system', roles: [], departments: [] }, schemaVersion: 1 },
  };
}

/** An event recorded before warnings and breaches named their kind of case is published as one message, version 1. */
const mapOne = (event: EventEnvelope) => mapQualityEvent(event) as IntegrationMessage | undefined;

describe('quality-monitoring contract events', () => {
  const { schemaErrors } = contractMapperSpec({ contracts: QUALITY_MONITORING_CONTRACTS, map: mapQualityEvent });

  it('reads a clock id back into case, metric and cycle', () => {
    expect(clockIdentity(CLOCK)).toEqual({ clockId: CLOCK, caseId: CASE, metric: 'first-response', cycle: '1' });
  });

  it('publishes a breach keyed by the case, valid against its schema', () => {
    const message = mapOne(
      envelope({ type: 'ClockBreached', data: { clockId: CLOCK, dueAt: '2026-11-30T06:30:00.000Z', targetMinutes: 240, raisedAt: '2026-11-30T06:30:00.000Z' } }),
    );
    expect(message).toMatchObject({
      id: 'event-1',
      type: 'serviceledger.quality-monitoring.clock.breached.v1',
      source: '/serviceledger/quality-monitoring',
      topic: QUALITY_CLOCK_TOPIC,
      key: CASE,
      subject: CASE,
      data: { clockId: CLOCK, caseId: CASE, metric: 'first-response', cycle: '1', dueAt: '2026-11-30T06:30:00.000Z', targetMinutes: 240 },
      extensions: { correlationid: 'corr', causationid: 'cause' },
    });
    expect(schemaErrors({ type: CLOCK_BREACHED_V1.type, data: message!.data })).toEqual([]);
  });

  it('publishes warnings and stops, with used and diff minutes, valid against their schemas', () => {
    const warning = mapOne(
      envelope({ type: 'ClockWarningReached', data: { clockId: CLOCK, dueAt: '2026-11-30T05:30:00.000Z', thresholdMinutes: 180, targetMinutes: 240, raisedAt: '2026-11-30T05:30:00.000Z' } }),
    );
    expect(warning?.type).toBe(CLOCK_WARNING_REACHED_V1.type);
    expect(schemaErrors({ type: CLOCK_WARNING_REACHED_V1.type, data: warning!.data })).toEqual([]);
    const stopped = mapOne(
      envelope({
        type: 'ClockStopped',
        data: {
          clockId: CLOCK,
          stoppedAt: '2026-11-30T06:40:00.000Z',
          usedMinutes: 250,
          pausedMinutes: 0,
          diffMinutes: -10,
          outcome: 'breached',
          targetMinutes: 240,
          policy: { policyId: 'standard-sla-p3', version: 1, kind: 'SLA' },
          calendar: { calendarId: 'cn-office', version: 1 },
          superseded: [],
        },
      }),
    );
    expect(stopped?.data).toMatchObject({ outcome: 'breached', usedMinutes: 250, diffMinutes: -10, policy: { policyId: 'standard-sla-p3' } });
    expect(stopped?.data).not.toHaveProperty('superseded');
    expect(schemaErrors({ type: CLOCK_STOPPED_V1.type, data: stopped!.data })).toEqual([]);
    // The schema holds met to a diff of at least 0.
    expect(schemaErrors({ type: CLOCK_STOPPED_V1.type, data: { ...(stopped!.data as object), outcome: 'met' } })).not.toEqual([]);
  });

  it('publishes an escalation with its step, threshold and target, valid against its schema', () => {
    const escalated = mapOne(
      envelope({
        type: 'ClockEscalated',
        data: {
          clockId: CLOCK,
          key: 'escalation:60:notify-department-head',
          step: { offsetMinutes: 60, action: 'notify-department-head', metrics: ['first-response'] },
          dueAt: '2026-11-30T07:30:00.000Z',
          thresholdMinutes: 300,
          targetMinutes: 240,
          raisedAt: '2026-11-30T07:30:00.000Z',
        },
      }),
    );
    expect(escalated).toMatchObject({
      type: 'serviceledger.quality-monitoring.clock.escalated.v1',
      topic: QUALITY_CLOCK_TOPIC,
      key: CASE,
      data: {
        clockId: CLOCK,
        caseId: CASE,
        metric: 'first-response',
        cycle: '1',
        step: { offsetMinutes: 60, action: 'notify-department-head' },
        dueAt: '2026-11-30T07:30:00.000Z',
        thresholdMinutes: 300,
        targetMinutes: 240,
      },
    });
    // The step's scoping to metrics and the internal key stay inside.
    expect((escalated!.data as { step: object }).step).toEqual({ offsetMinutes: 60, action: 'notify-department-head' });
    expect(escalated!.data).not.toHaveProperty('key');
    expect(schemaErrors({ type: CLOCK_ESCALATED_V1.type, data: escalated!.data })).toEqual([]);

    const raise = mapOne(
      envelope({
        type: 'ClockEscalated',
        data: {
          clockId: CLOCK,
          key: 'escalation:-30:raise-priority',
          step: { offsetMinutes: -30, action: 'raise-priority' },
          dueAt: '2026-11-30T06:00:00.000Z',
          thresholdMinutes: 210,
          targetMinutes: 240,
          raisedAt: '2026-11-30T06:00:00.000Z',
        },
      }),
    );
    expect((raise!.data as { step: object }).step).toEqual({ offsetMinutes: -30, action: 'raise-priority', levels: 1 });
    expect(schemaErrors({ type: CLOCK_ESCALATED_V1.type, data: raise!.data })).toEqual([]);
    expect(schemaErrors({ type: CLOCK_ESCALATED_V1.type, data: { ...(raise!.data as object), step: { offsetMinutes: 0, action: 'call-the-ceo' } } })).not.toEqual([]);
  });

  it('publishes a warning and a breach that name their case as version 1 and, beside it, version 2 with the kind of case and who answers for it (K-3.2)', () => {
    const breach = mapQualityEvent(
      envelope({
        type: 'ClockBreached',
        data: { clockId: CLOCK, dueAt: '2026-11-30T06:30:00.000Z', targetMinutes: 240, raisedAt: '2026-11-30T06:30:00.000Z', caseKind: 'complaint', departmentId: 'tech-support', responsibleId: 'ts-lead' },
      }),
    ) as IntegrationMessage[];
    expect(breach.map((m) => [m.type, m.key])).toEqual([
      [CLOCK_BREACHED_V1.type, CASE],
      [CLOCK_BREACHED_V2.type, CASE],
    ]);
    expect(breach[0].data).not.toHaveProperty('departmentId');
    expect(breach[1].data).toEqual({ ...(breach[0].data as object), caseKind: 'complaint', departmentId: 'tech-support', responsibleId: 'ts-lead' });
    expect(breach[1].id).not.toBe(breach[0].id);
    for (const message of breach) expect(schemaErrors(message)).toEqual([]);

    const unassigned = mapQualityEvent(
      envelope({ type: 'ClockWarningReached', data: { clockId: CLOCK, dueAt: '2026-11-30T05:30:00.000Z', thresholdMinutes: 180, targetMinutes: 240, raisedAt: '2026-11-30T05:30:00.000Z', caseKind: 'demand' } }),
    ) as IntegrationMessage[];
    expect(unassigned[1]).toMatchObject({ type: CLOCK_WARNING_REACHED_V2.type, data: { caseKind: 'demand', departmentId: null, responsibleId: null } });
    expect(schemaErrors(unassigned[1])).toEqual([]);
    expect(schemaErrors({ type: CLOCK_BREACHED_V2.type, data: { ...(breach[1].data as object), caseKind: 'incident' } })).not.toEqual([]);
  });

  it('keeps starts, pauses and cancellations inside the service', () => {
    expect(mapOne(envelope({ type: 'ClockPaused', data: { clockId: CLOCK, waitingState: 'waiting-on-customer', pausedAt: '2026-11-30T02:00:00Z', superseded: [] } }))).toBeUndefined();
    expect(mapOne(envelope({ type: 'ClockCancelled', data: { clockId: CLOCK, reason: 'withdrawn', cancelledAt: '2026-11-30T02:00:00Z', superseded: [] } }))).toBeUndefined();
  });

  it('every contract schema compiles under the strict 2020-12 validator', () => {
    for (const contract of QUALITY_MONITORING_CONTRACTS) expect(() => createJsonSchemaValidator().compile(contract.schema)).not.toThrow();
  });
});
