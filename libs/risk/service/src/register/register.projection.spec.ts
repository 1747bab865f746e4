import { DEFAULT_CADENCES, DEFAULT_MATRIX, RiskEvent, RiskMatrix, risk, riskStream } from '@serviceledger/risk/domain';
import { eventStream, projectionSpec } from '@serviceledger/platform/testing';
import { AssessmentRow, RiskRow, registerProjection } from './register.projection';

const matrix: RiskMatrix = { ...DEFAULT_MATRIX, version: 1, publishedAt: '2026-01-01T00:00:00.000Z', publishedBy: 'risk-service' };
const meta = (at: string) => ({ commandId: `c-${at}`, at, actor: { userId: 'officer-li', roles: ['risk-officer'], departments: [] }, correlationId: 'c' });

const identified: RiskEvent = {
  type: 'RiskIdentified',
  data: {
    riskId: 'r-1',
    category: 'legal',
    title: 'Contract without a liability cap',
    ownerId: 'legal-he',
    departmentId: 'legal',
    causes: ['Template of 2019'],
    consequences: ['Unlimited damages'],
    links: [{ kind: 'partner', id: 'p-7' }],
    identifiedAt: '2026-09-01T02:00:00.000Z',
    identifiedBy: 'officer-li',
  },
};

/** The decider's own events for an assessment: what the projection receives. */
function assessed(history: RiskEvent[], likelihood: number, impact: number, at: string): RiskEvent[] {
  const state = history.reduce(risk.evolve, risk.initialState());
  return risk.decide({ type: 'AssessRisk', data: { riskId: 'r-1', likelihood, impact, controllable: true, matrix, reviewCadences: DEFAULT_CADENCES.review }, metadata: meta(at) }, state);
}

describe('register projection', () => {
  const projection = projectionSpec(registerProjection);

  it('lists a risk by category, owner, department and state, with its current level, and keeps every assessment', async () => {
    const r1 = eventStream<RiskEvent>(riskStream('r-1'));
    const first = assessed([identified], 2, 2, '2026-09-02T02:00:00.000Z');
    const second = assessed([identified, ...first], 4, 4, '2026-10-02T10:00:00+08:00');
    await projection.apply([identified, ...first, ...second].map((e) => r1(e)));

    const [row] = await projection.rows<RiskRow>('risk');
    expect(row).toEqual({
      riskId: 'r-1',
      title: 'Contract without a liability cap',
      category: 'legal',
      ownerId: 'legal-he',
      departmentId: 'legal',
      state: 'assessed',
      level: 'high',
      band: 'high',
      likelihood: 4,
      impact: 4,
      matrixVersion: 1,
      strategy: null,
      responseStatus: null,
      nextReviewDue: '2026-11-02T02:00:00.000Z',
      reviewOverdue: false,
      identifiedAt: '2026-09-01T02:00:00.000Z',
      changedAt: '2026-10-02T02:00:00.000Z',
      closedAt: null,
      risk: expect.any(String),
    });
    expect(JSON.parse(row.risk).assessments).toHaveLength(2);
    expect(await projection.rows<AssessmentRow>('assessment')).toEqual([
      { riskId: 'r-1', assessmentNumber: 1, likelihood: 2, impact: 2, level: 'low', band: 'low', matrixVersion: 1, assessedAt: '2026-09-02T02:00:00.000Z' },
      { riskId: 'r-1', assessmentNumber: 2, likelihood: 4, impact: 4, level: 'high', band: 'high', matrixVersion: 1, assessedAt: '2026-10-02T02:00:00.000Z' },
    ]);
  });

  it('shows a closed risk as closed, with its closing time', async () => {
    const r1 = eventStream<RiskEvent>(riskStream('r-1'));
    await projection.apply([r1(identified), r1({ type: 'RiskClosed', data: { riskId: 'r-1', reason: 'Template replaced', closedAt: '2026-09-20T02:00:00.000Z', closedBy: 'officer-li' } })]);
    expect(await projection.rows<RiskRow>('risk')).toEqual([expect.objectContaining({ state: 'closed', closedAt: '2026-09-20T02:00:00.000Z', changedAt: '2026-09-20T02:00:00.000Z' })]);
  });

  it('changes nothing when events are delivered again', async () => {
    const r1 = eventStream<RiskEvent>(riskStream('r-1'));
    const events = [identified, ...assessed([identified], 3, 3, '2026-09-02T02:00:00.000Z')].map((e) => r1(e));
    await projection.apply(events);
    const once = [await projection.rows('risk'), await projection.rows('assessment')];
    await projection.apply(events);
    expect([await projection.rows('risk'), await projection.rows('assessment')]).toEqual(once);
  });
});
