import { EventEnvelope } from '@serviceledger/platform/core';
import { contractMapperSpec } from '@serviceledger/platform/testing';
import { RISK_ASSESSED_V1, RISK_REGISTER_CONTRACTS, RISK_REGISTER_TOPIC } from '@serviceledger/risk/contracts';
import { RiskEvent } from '@serviceledger/risk/domain';
import { mapRegisterEvent } from './register-relay';

const RISK = '5b0c2c1e-7f39-5d1e-8b55-0c7d9f3e2a10';
const AT = '2026-10-10T02:00:00.000Z';

function envelope(event: RiskEvent, position = 1): EventEnvelope {
  return {
    id: `event-${position}`,
    type: event.type,
    data: event.data,
    stream: `risk.risk-${RISK}`,
    streamPosition: position,
    checkpoint: String(position),
    occurredAt: AT,
    metadata: { correlationId: 'corr', causationId: 'cause', actor: { userId: 'officer-li', roles: ['risk-officer'], departments: [] }, schemaVersion: 1 },
  };
}

const identified: RiskEvent = {
  type: 'RiskIdentified',
  data: { riskId: RISK, category: 'technical', title: 'Single database server', ownerId: 'ops-wang', departmentId: 'operations', causes: ['No replica'], consequences: ['Outage'], links: [], identifiedAt: AT, identifiedBy: 'officer-li' },
};
const assessed: RiskEvent = {
  type: 'RiskAssessed',
  data: {
    riskId: RISK,
    category: 'technical',
    departmentId: 'operations',
    ownerId: 'ops-wang',
    assessmentNumber: 2,
    likelihood: 4,
    impact: 5,
    level: 'high',
    band: 'high',
    matrixVersion: 1,
    controllable: true,
    rationale: 'Disk errors every week',
    assessedAt: AT,
    assessedBy: 'officer-li',
    previousBand: 'medium',
    nextReviewDue: '2026-11-10T02:00:00.000Z',
    previousReviewDue: '2027-01-10T02:00:00.000Z',
  },
};
const actionOverdue: RiskEvent = {
  type: 'ResponseActionOverdue',
  data: { riskId: RISK, responseNumber: 1, actionNumber: 1, strategy: 'reduce', description: 'Order a server', ownerId: 'ops-zhou', departmentId: 'operations', dueAt: AT, overdueAt: AT },
};
const reviewOverdue: RiskEvent = {
  type: 'RiskReviewOverdue',
  data: { riskId: RISK, title: 'Single database server', category: 'technical', ownerId: 'ops-wang', departmentId: 'operations', level: 'high', band: 'high', dueAt: AT, overdueAt: AT },
};

describe('risk register contract events', () => {
  const { schemaErrors, publishedTypes, internalTypes, contractTypes } = contractMapperSpec({ contracts: RISK_REGISTER_CONTRACTS, map: mapRegisterEvent });

  it('publishes an assessment with its level, keyed by the risk, without its rationale', () => {
    const message = mapRegisterEvent(envelope(assessed));
    expect(message).toMatchObject({
      id: 'event-1',
      type: RISK_ASSESSED_V1.type,
      source: '/serviceledger/risk',
      topic: RISK_REGISTER_TOPIC,
      key: RISK,
      subject: RISK,
      data: { riskId: RISK, level: 'high', band: 'high', previousBand: 'medium', likelihood: 4, impact: 5, occurredAt: AT },
      extensions: { correlationid: 'corr', causationid: 'cause' },
    });
    expect(JSON.stringify(message!.data)).not.toContain('Disk errors');
    expect(schemaErrors(message!)).toEqual([]);
  });

  it('publishes overdue actions and reviews without their free text, each valid against its schema', () => {
    for (const event of [actionOverdue, reviewOverdue]) {
      const message = mapRegisterEvent(envelope(event))!;
      expect(schemaErrors(message)).toEqual([]);
      expect(JSON.stringify(message.data)).not.toMatch(/Order a server|Single database server/);
    }
  });

  it('publishes every register contract, and keeps identification and the rest inside the service', () => {
    const events = [identified, assessed, actionOverdue, reviewOverdue].map((e, i) => envelope(e, i));
    expect(publishedTypes(events)).toEqual(contractTypes);
    expect(internalTypes(events)).toEqual(['RiskIdentified']);
    expect(mapRegisterEvent({ ...envelope(assessed), stream: 'risk.warning-w-1' })).toBeUndefined();
  });
});
