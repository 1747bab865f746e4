import { EventEnvelope } from '@serviceledger/platform/core';
import { IntegrationMessage } from '@serviceledger/platform/messaging';
import { contractMapperSpec, eventStream } from '@serviceledger/platform/testing';
import { RISK_WARNING_CONTRACTS, RISK_WARNING_TOPIC, WARNING_RAISED_V1 } from '@serviceledger/risk/contracts';
import { WarningEvent, warningStream } from '@serviceledger/risk/domain';
import { mapWarningEvent } from './warning-contract-mapper';

const w1 = eventStream<WarningEvent>(warningStream('w-1'));
const history: EventEnvelope[] = [
  w1({
    type: 'WarningRaised',
    data: {
      warningId: 'w-1',
      indicator: { indicatorId: 'sla-breaches-per-department', version: 2, name: 'SLA breaches', category: 'customer', window: { kind: 'calendar', unit: 'week' }, threshold: 2 },
      groupKind: 'department',
      groupKey: 'tech-support',
      window: { key: '2026-W49', from: '2026-11-29T16:00:00.000Z', to: '2026-12-06T16:00:00.000Z' },
      count: 2,
      triggeredBy: [1, 2].map((n) => ({ id: `m-${n}`, type: 'serviceledger.quality-monitoring.clock.breached.v2', occurredAt: `2026-12-0${n}T02:00:00.000Z` })),
      raisedAt: '2026-12-02T02:00:00.000Z',
    },
  }),
  w1({ type: 'WarningAcknowledged', data: { warningId: 'w-1', note: 'Looking', acknowledgedAt: '2026-12-02T03:00:00.000Z', acknowledgedBy: 'risk-li' } }),
  w1({ type: 'WarningLinkedToRisk', data: { warningId: 'w-1', riskId: 'risk-7', linkedAt: '2026-12-02T04:00:00.000Z', linkedBy: 'risk-li' } }),
  w1({ type: 'WarningActionRecorded', data: { warningId: 'w-1', action: 'Second shift on the help desk', recordedAt: '2026-12-02T05:00:00.000Z', recordedBy: 'risk-li' } }),
  w1({ type: 'WarningClosed', data: { warningId: 'w-1', outcome: 'Backlog cleared', riskId: 'risk-7', actions: 1, closedAt: '2026-12-09T02:00:00.000Z', closedBy: 'risk-li' } }),
];

describe('risk warning contract events (K-3.2)', () => {
  const { schemaErrors, publishedTypes, internalTypes, contractTypes } = contractMapperSpec({ contracts: RISK_WARNING_CONTRACTS, map: mapWarningEvent });

  it('publishes every warning contract from a warning’s life, and keeps the link and the actions inside', () => {
    expect(publishedTypes(history)).toEqual(contractTypes);
    expect(internalTypes(history)).toEqual(['WarningActionRecorded', 'WarningLinkedToRisk']);
  });

  it('publishes each on the warning topic, keyed by the warning, valid against its schema, with no free text but the outcome', () => {
    const messages = history.map((e) => mapWarningEvent(e)).filter((m): m is IntegrationMessage => m !== undefined);
    for (const m of messages) {
      expect(m).toMatchObject({ topic: RISK_WARNING_TOPIC, key: 'w-1', source: '/serviceledger/risk' });
      expect(schemaErrors(m)).toEqual([]);
    }
    expect(messages[0]).toMatchObject({
      type: WARNING_RAISED_V1.type,
      data: { indicatorId: 'sla-breaches-per-department', indicatorVersion: 2, groupKind: 'department', groupKey: 'tech-support', threshold: 2, count: 2 },
    });
    expect(messages[0].data).not.toHaveProperty('ownerId');
    expect(JSON.stringify(messages)).not.toContain('Looking');
    expect(messages[2].data).toEqual({ warningId: 'w-1', outcome: 'Backlog cleared', riskId: 'risk-7', actions: 1, closedBy: 'risk-li', occurredAt: history[4].occurredAt });
  });

  it('leaves other streams alone', () => {
    expect(mapWarningEvent({ ...history[0], stream: 'risk.risk-r1' })).toBeUndefined();
  });
});
