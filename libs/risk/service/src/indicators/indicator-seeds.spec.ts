import { IntegrationMessage } from '@serviceledger/platform/messaging';
import { createJsonSchemaValidator } from '@serviceledger/platform/testing';
import { EMPLOYEE_LEFT_V1 } from '@serviceledger/hr-performance/contracts';
import { CLOCK_BREACHED_V2, DAILY_CHECK_RECORDED_V1 } from '@serviceledger/quality-monitoring/contracts';
import { EQUIPMENT_FAILED_V1, PARTNER_MEETING_OVERDUE_V1, SECURITY_INCIDENT_RECORDED_V1 } from '@serviceledger/resource/contracts';
import { IndicatorVersion, Signal, backTest, ensureDefinition } from '@serviceledger/risk/domain';
import { SEED_INDICATORS } from './indicator-seeds';
import { SIGNAL_CONTRACTS, SIGNAL_SOURCES, SIGNAL_TOPICS, signalFields, signalSourceOf } from './signal-sources';

const seeded = (indicatorId: string): IndicatorVersion => ({ ...SEED_INDICATORS.find((i) => i.indicatorId === indicatorId)!, version: 1, since: '2026-01-01T00:00:00.000Z', by: 'risk-service' });
const ajv = createJsonSchemaValidator();

/** A contract event of the documented shape, valid against its producer's schema, as the consumer keeps it. */
function signal(contract: { type: string; schema: object }, id: string, data: Record<string, unknown>): Signal {
  expect(ajv.validate(contract.schema, data)).toBe(true);
  const message = { id, type: contract.type, data, time: data['occurredAt'] } as IntegrationMessage;
  return { id, type: contract.type, occurredAt: data['occurredAt'] as string, fields: signalFields(signalSourceOf(contract.type)!, message) };
}

describe('the shipped key risk indicators (K-3.2)', () => {
  it('are valid definitions, each counting events the consumer reads', () => {
    const read = SIGNAL_SOURCES.map((source) => source.contract.type);
    for (const indicator of SEED_INDICATORS) {
      expect(() => ensureDefinition(indicator)).not.toThrow();
      for (const match of indicator.counts) expect(read).toContain(match.type);
    }
  });

  it('are fed by a consumer that knows every contract of the topics it follows, and only those', () => {
    expect(new Set(SIGNAL_CONTRACTS.map((c) => c.topic))).toEqual(new Set(SIGNAL_TOPICS));
    for (const source of SIGNAL_SOURCES) expect(SIGNAL_CONTRACTS).toContain(source.contract);
  });

  it('warn of the second failure of one piece of equipment in a month', () => {
    const failed = (n: number, assetId: string, failedAt: string) =>
      signal(EQUIPMENT_FAILED_V1, `failed-${n}`, { assetId, assetName: 'Core switch', category: 'technical', departmentId: 'operations', failedAt, severity: 'high', occurredAt: failedAt });
    const warnings = backTest(seeded('equipment-failures-per-asset'), [
      failed(1, 'sw-01', '2026-11-02T02:00:00.000Z'),
      failed(2, 'sw-02', '2026-11-03T02:00:00.000Z'),
      failed(3, 'sw-01', '2026-11-20T02:00:00.000Z'),
      failed(4, 'sw-02', '2026-12-01T02:00:00.000Z'),
    ]);
    expect(warnings.map((w) => [w.groupKind, w.groupKey, w.window.key, w.signals.map((s) => s.id)])).toEqual([['equipment', 'sw-01', '2026-11', ['failed-1', 'failed-3']]]);
  });

  it('warn of the third leaver of one department in a calendar quarter', () => {
    const left = (n: number, departmentId: string, occurredAt: string) =>
      signal(EMPLOYEE_LEFT_V1, `left-${n}`, { employeeId: `e-${n}`, departmentId, postId: 'engineer', leftOn: occurredAt.slice(0, 10), reason: 'resigned', occurredAt });
    const warnings = backTest(seeded('staff-left-per-department'), [
      left(1, 'tech-support', '2026-09-30T02:00:00.000Z'),
      left(2, 'tech-support', '2026-10-08T02:00:00.000Z'),
      left(3, 'software-development', '2026-10-09T02:00:00.000Z'),
      left(4, 'tech-support', '2026-11-10T02:00:00.000Z'),
      left(5, 'tech-support', '2026-12-30T02:00:00.000Z'),
    ]);
    expect(warnings.map((w) => [w.groupKey, w.window.key, w.count])).toEqual([['tech-support', '2026-Q4', 3]]);
  });

  it('warn of a partner missing a second meeting in a quarter, and of every incident involving personal data', () => {
    const overdue = (n: number, occurredAt: string) => signal(PARTNER_MEETING_OVERDUE_V1, `meeting-${n}`, { partnerId: 'p-1', agreementId: 'a-1', dueOn: occurredAt.slice(0, 10), occurredAt });
    expect(backTest(seeded('overdue-partner-meetings'), [overdue(1, '2026-10-05T02:00:00.000Z'), overdue(2, '2026-11-05T02:00:00.000Z')]).map((w) => [w.groupKind, w.groupKey])).toEqual([
      ['partner', 'p-1'],
    ]);

    const incident = (n: number, personalDataInvolved: boolean, detectedAt: string) =>
      signal(SECURITY_INCIDENT_RECORDED_V1, `incident-${n}`, { incidentId: `i-${n}`, severity: 'high', personalDataInvolved, affectedCustomerIds: [], detectedAt, occurredAt: detectedAt });
    const warnings = backTest(seeded('personal-data-incidents'), [
      incident(1, true, '2026-11-02T02:00:00.000Z'),
      incident(2, false, '2026-11-03T02:00:00.000Z'),
      incident(3, true, '2026-11-04T02:00:00.000Z'),
    ]);
    expect(warnings.map((w) => [w.groupKind, w.signals.map((s) => s.id)])).toEqual([
      ['organisation', ['incident-1']],
      ['organisation', ['incident-3']],
    ]);
  });

  it('let a new indicator count quality monitoring’s daily checks: failed record reviews per department and month', () => {
    const review = (n: number, compliant: boolean) =>
      signal(DAILY_CHECK_RECORDED_V1, `check-${n}`, { checkId: `c-${n}`, caseId: `d-${n}`, departmentId: 'tech-support', kind: 'record-review', compliant, checkedBy: 'qm-zhao', occurredAt: `2026-12-0${n}T02:00:00.000Z` });
    const failedReviews: IndicatorVersion = {
      ...seeded('overdue-rectifications-per-department'),
      indicatorId: 'failed-record-reviews',
      counts: [{ type: DAILY_CHECK_RECORDED_V1.type, where: [{ field: 'kind', oneOf: ['record-review'] }, { field: 'compliant', oneOf: [false] }] }],
    };
    expect(backTest(failedReviews, [review(1, false), review(2, true), review(3, false)]).map((w) => w.signals.map((s) => s.id))).toEqual([['check-1', 'check-3']]);
  });

  it('count SLA breaches per department, and overdue rectifications apart from them', () => {
    const breach = (n: number, caseKind: string, departmentId: string | null) =>
      signal(CLOCK_BREACHED_V2, `breach-${n}`, {
        clockId: `c-${n}.resolution.1`,
        caseId: `c-${n}`,
        metric: caseKind === 'rectification' ? 'rectification-deadline' : 'resolution',
        cycle: '1',
        dueAt: '2026-12-01T02:00:00.000Z',
        targetMinutes: 240,
        caseKind,
        departmentId,
        responsibleId: null,
        occurredAt: `2026-12-0${n}T02:00:00.000Z`,
      });
    const signals = [breach(1, 'demand', 'tech-support'), breach(2, 'rectification', 'tech-support'), breach(3, 'rectification', 'tech-support'), breach(4, 'complaint', null)];
    expect(backTest(seeded('overdue-rectifications-per-department'), signals).map((w) => [w.groupKey, w.window.key, w.count])).toEqual([['tech-support', '2026-12', 2]]);
    expect(backTest({ ...seeded('sla-breaches-per-department'), threshold: 1 }, signals).map((w) => w.signals.map((s) => s.id))).toEqual([['breach-1']]);
  });
});
