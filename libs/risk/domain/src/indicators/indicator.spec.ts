import { CommandMetadata } from '@serviceledger/platform/core';
import { deciderSpec, refused } from '@serviceledger/platform/testing/decider-spec';
import { IndicatorCommand, IndicatorDefinition, IndicatorEvent, activeIndicators, indicatorRegistry, ownerOf } from './indicator';

const meta = (at: string, userId = 'risk-li'): CommandMetadata => ({ commandId: `${userId}-${at}`, at, actor: { userId, roles: [], departments: [] }, correlationId: 'c' });
const { when, stateAfter, refusal } = deciderSpec(indicatorRegistry);

const definition: IndicatorDefinition = {
  indicatorId: 'staff-left-per-quarter',
  name: 'Staff who left per department per quarter',
  category: 'personnel',
  counts: [{ type: 'serviceledger.hr-performance.employee.left.v1' }],
  groupBy: { kind: 'department', field: 'departmentId' },
  window: { kind: 'calendar', unit: 'quarter' },
  threshold: 3,
};
const define = (data: IndicatorDefinition = definition): IndicatorCommand => ({ type: 'DefineIndicator', data, metadata: meta('2026-12-01T00:00:00.000Z') });
const defined: IndicatorEvent = { type: 'IndicatorDefined', data: { ...definition, version: 1, since: '2026-12-01T00:00:00.000Z', by: 'risk-li' } };

describe('key risk indicators as versioned data (K-3.2)', () => {
  it('defines an indicator at version 1', () => {
    expect(when([], define())).toEqual([defined]);
  });

  it('versions each revision that changes something, keeps every version, and not a repeat', () => {
    const revise: IndicatorCommand = { type: 'ReviseIndicator', data: { ...definition, threshold: 2 }, metadata: meta('2026-12-02T00:00:00.000Z') };
    const revised = when([defined], revise);
    expect(revised).toEqual([{ type: 'IndicatorRevised', data: expect.objectContaining({ threshold: 2, version: 2, since: '2026-12-02T00:00:00.000Z' }) }]);
    const registry = stateAfter([defined, ...revised]);
    expect(registry.indicators[definition.indicatorId].versions.map((v) => [v.version, v.threshold])).toEqual([
      [1, 3],
      [2, 2],
    ]);
    expect(when([defined, ...revised], revise)).toEqual([]);
  });

  it('retires an indicator: it counts no more', () => {
    const retired = when([defined], { type: 'RetireIndicator', data: { indicatorId: definition.indicatorId, reason: 'replaced' }, metadata: meta('2026-12-03T00:00:00.000Z') });
    expect(activeIndicators(stateAfter([defined, ...retired]))).toEqual([]);
  });

  it.each([
    ['indicator-threshold-invalid', { threshold: 0 }],
    ['indicator-category-unknown', { category: 'weather' }],
    ['indicator-counts-nothing', { counts: [] }],
    ['indicator-condition-invalid', { counts: [{ type: 'x', where: [{ field: 'severity', oneOf: [] }] }] }],
    ['indicator-grouping-invalid', { groupBy: { kind: 'department' } }],
    ['indicator-grouping-invalid', { groupBy: { kind: 'organisation', field: 'departmentId' } }],
    ['indicator-window-invalid', { window: { kind: 'rolling', days: 0 } }],
    ['indicator-window-invalid', { window: { kind: 'calendar', unit: 'fortnight' } }],
  ])('refuses a definition with %s: %j', (code, change) => {
    expect(refusal([], define({ ...definition, ...change } as IndicatorDefinition))).toMatchObject(refused(code));
  });

  it('refuses to define an indicator twice', () => {
    expect(refusal([defined], define())).toMatchObject(refused('indicator-exists'));
  });

  it('warns the indicator’s own owner, else the owner of its category’s risks', () => {
    const assigned = when([defined], { type: 'AssignCategoryOwner', data: { category: 'personnel', ownerId: 'hr-head' }, metadata: meta('2026-12-01T01:00:00.000Z') });
    const registry = stateAfter([defined, ...assigned]);
    expect(ownerOf(registry, definition)).toBe('hr-head');
    expect(ownerOf(registry, { ...definition, ownerId: 'risk-li' })).toBe('risk-li');
    expect(ownerOf(stateAfter([defined]), definition)).toBeUndefined();
    expect(refusal([], { type: 'AssignCategoryOwner', data: { category: 'weather', ownerId: 'x' }, metadata: meta('2026-12-01T01:00:00.000Z') })).toMatchObject(
      refused('indicator-category-unknown'),
    );
  });
});
