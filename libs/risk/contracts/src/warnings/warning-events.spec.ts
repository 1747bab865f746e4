import { createJsonSchemaValidator } from '@serviceledger/platform/testing';
import { RISK_CONTRACTS, RISK_WARNING_TOPIC } from '../index';
import { RISK_WARNING_CONTRACTS, RiskWarningContractData, WARNING_ACKNOWLEDGED_V1, WARNING_CLOSED_V1, WARNING_RAISED_V1 } from './warning-events';

const AT = '2026-12-04T02:00:00.000Z';
const WARNING = '8d0c2c1e-7f39-5d1e-8b55-0c7d9f3e2a10';

/** One complete payload per warning contract, optional fields included: the compiler checks them against the types. */
const EXAMPLES: { [Type in keyof RiskWarningContractData]: RiskWarningContractData[Type] } = {
  [WARNING_RAISED_V1.type]: {
    warningId: WARNING,
    indicatorId: 'complaints-per-customer',
    indicatorVersion: 1,
    category: 'customer',
    groupKind: 'customer',
    groupKey: 'cust-acme',
    window: { key: '2026-12-01T02:00:00.000Z', from: '2026-12-01T02:00:00.000Z', to: '2026-12-08T02:00:00.000Z' },
    threshold: 3,
    count: 3,
    triggeredBy: [1, 2, 3].map((n) => ({ id: `message-${n}`, type: 'serviceledger.intake.complaint.registered.v1', occurredAt: `2026-12-0${n}T02:00:00.000Z` })),
    ownerId: 'cs-head',
    occurredAt: AT,
  },
  [WARNING_ACKNOWLEDGED_V1.type]: { warningId: WARNING, acknowledgedBy: 'cs-head', occurredAt: AT },
  [WARNING_CLOSED_V1.type]: { warningId: WARNING, outcome: 'Account review held; customer retained', riskId: 'risk-7', actions: 2, closedBy: 'cs-head', occurredAt: AT },
};

describe('risk warning contracts (K-3.2)', () => {
  const ajv = createJsonSchemaValidator();

  it('are in the catalogue, on the warning topic', () => {
    for (const contract of RISK_WARNING_CONTRACTS) {
      expect(RISK_CONTRACTS).toContain(contract);
      expect(contract.topic).toBe(RISK_WARNING_TOPIC);
    }
  });

  it.each(RISK_WARNING_CONTRACTS.map((contract) => [contract.type, contract] as const))('%s: the example is valid, and the schema is closed', (type, contract) => {
    const example = EXAMPLES[type as keyof RiskWarningContractData];
    expect(ajv.validate(contract.schema, example)).toBe(true);
    expect(ajv.validate(contract.schema, { ...example, note: 'free text' })).toBe(false);
  });

  it('takes a warning raised to nobody yet and closed without a risk, and refuses an empty count', () => {
    const { ownerId: _owner, ...unowned } = EXAMPLES[WARNING_RAISED_V1.type];
    expect(ajv.validate(WARNING_RAISED_V1.schema, unowned)).toBe(true);
    const { riskId: _risk, ...unlinked } = EXAMPLES[WARNING_CLOSED_V1.type];
    expect(ajv.validate(WARNING_CLOSED_V1.schema, unlinked)).toBe(true);
    expect(ajv.validate(WARNING_RAISED_V1.schema, { ...EXAMPLES[WARNING_RAISED_V1.type], triggeredBy: [] })).toBe(false);
  });
});
