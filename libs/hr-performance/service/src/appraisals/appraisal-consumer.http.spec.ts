import { ManualClock } from '@serviceledger/platform/core';
import { IntegrationMessage, MessageBus } from '@serviceledger/platform/messaging';
import { MESSAGE_BUS } from '@serviceledger/platform/nest';
import { RequestHeaders, TestApp, eventually, publishedMessage } from '@serviceledger/platform/testing';
import { PERIOD_CLOSED_V1, PERIOD_INDICATORS, PERIOD_SCORECARD_ADJUSTED_V1, PeriodClosedV1, QUALITY_MONITORING_SOURCE } from '@serviceledger/quality-monitoring/contracts';
import { MET, startHrApp } from '../testing/hr-test-app';

const AT = '2026-12-01T01:00:00.000Z';
const nothing = Object.fromEntries(PERIOD_INDICATORS.map((i) => [i, null])) as PeriodClosedV1['persons'][number]['indicators'];

/**
 * The monthly draft from quality monitoring's `period.closed.v1` and the review flag from
 * `period.scorecard-adjusted.v1` (H-2.1, H-2.2), through the service's own inbox consumer.
 */
describe('appraisals drafted from closed months', () => {
  const clock = new ManualClock(new Date(AT));
  let t: TestApp;
  let hr: RequestHeaders;
  let bus: MessageBus;

  const send = (method: 'POST' | 'PUT', url: string, payload: object) => t.app.inject({ method, url, payload, headers: hr });
  const appraisals = async (query: string) => (await t.app.inject({ method: 'GET', url: `/hr-performance/appraisals?${query}`, headers: hr })).json();
  const closed = (period: string, kind: 'month' | 'quarter', persons: PeriodClosedV1['persons']): IntegrationMessage =>
    publishedMessage(
      PERIOD_CLOSED_V1,
      { source: QUALITY_MONITORING_SOURCE, key: period },
      {
        period,
        kind,
        from: '2026-11-01',
        to: '2026-11-30',
        scheme: { schemeId: 'standard', version: 1, weights: { satisfaction: 1 }, referenceMinutes: {} },
        scorecards: [],
        persons,
        closedAt: AT,
        closedBy: 'qm-zhao',
        occurredAt: AT,
      },
      AT,
    );
  const person = (personId: string, indicators: Partial<PeriodClosedV1['persons'][number]['indicators']>) => ({ personId, indicators: { ...nothing, ...indicators }, counts: {} });

  beforeAll(async () => {
    t = await startHrApp({ clock });
    hr = await t.headersFor({ userId: 'hr-li', roles: ['hr'], departments: ['human-resources'] });
    bus = t.app.get<MessageBus>(MESSAGE_BUS);
    const standards = { knowledge: '網絡', skills: '排障', serviceAttitude: '耐心' };
    const programme = { items: ['company', 'culture', 'service-process', 'business-knowledge', 'communication-skills'].map((topic) => ({ topic, title: topic })) };
    for (const [postId, departmentId] of [
      ['support-engineer', 'tech-support'],
      ['developer', 'software-development'],
    ]) {
      expect((await send('PUT', `/hr-performance/posts/${postId}`, { name: postId, departmentId, track: 'professional', duties: ['現場服務規範'], standards })).statusCode).toBe(200);
      expect((await send('PUT', `/hr-performance/posts/${postId}/onboarding-programme`, programme)).statusCode).toBe(200);
    }
    for (const [employeeId, postId] of [
      ['ts-lead', 'support-engineer'],
      ['ts-wang', 'support-engineer'],
      ['sd-lead', 'developer'],
    ]) {
      expect((await send('POST', '/hr-performance/employees', { employeeId, name: employeeId, postId, level: 'P1', hiredOn: '2026-01-05', assessment: MET })).statusCode).toBe(201);
    }
    // Only support engineers are appraised: the developer's post has no scheme yet.
    const scheme = {
      name: '月度考核',
      lines: [
        { indicatorId: 'csat', source: 'quality', indicator: 'satisfaction', weight: 1 },
        { indicatorId: 'resolved', source: 'quality', indicator: 'resolutionRate', weight: 1 },
      ],
    };
    expect((await send('PUT', '/hr-performance/appraisal-schemes/support-engineer', scheme)).statusCode).toBe(200);
  });
  afterAll(() => t.close());

  it('drafts once per employee on a post with a scheme, however often the message is delivered, and leaves out quarters and strangers', async () => {
    const november = closed('2026-11', 'month', [person('ts-lead', { satisfaction: 4.5, resolutionRate: 0.8 }), person('ts-wang', { resolutionRate: 1 }), person('sd-lead', { satisfaction: 5 }), person('visitor', { satisfaction: 1 })]);
    await bus.publish([november]);
    await bus.publish([november]);
    await bus.publish([closed('2026-Q4', 'quarter', [person('ts-lead', { satisfaction: 1 })])]);
    await eventually(async () => expect((await appraisals('period=2026-11')).total).toBe(2));
    // ts-lead: (1 × 4.5 ÷ 5 + 1 × 0.8) ÷ 2 × 100 = 85; ts-wang, without a satisfaction figure: 1 × 1 ÷ 1 × 100 = 100.
    expect((await appraisals('period=2026-11')).items.map((a: { appraisalId: string; score: number }) => [a.appraisalId, a.score])).toEqual([
      ['ts-lead.2026-11', 85],
      ['ts-wang.2026-11', 100],
    ]);
    // ts-wang's score rests on resolution alone: flagged for review, naming the satisfaction line without a value.
    expect((await appraisals('period=2026-11&needsReview=true')).items.map((a: { appraisalId: string }) => a.appraisalId)).toEqual(['ts-wang.2026-11']);
    const wang = await t.app.inject({ method: 'GET', url: '/hr-performance/appraisals/ts-wang.2026-11?reason=複核', headers: hr });
    expect(wang.json()).toMatchObject({ score: 100, needsReview: true, missingIndicators: ['csat'] });
    // The quarter drafted nothing: ts-lead has November's appraisal only.
    expect((await appraisals('employee=ts-lead')).items.map((a: { period: string }) => a.period)).toEqual(['2026-11']);
  });

  it('flags the month’s appraisals of the adjusted department for review, once per adjustment, and changes no score', async () => {
    const adjusted = (adjustment: number, departmentId: string) =>
      publishedMessage(
        PERIOD_SCORECARD_ADJUSTED_V1,
        { source: QUALITY_MONITORING_SOURCE, key: '2026-11' },
        {
          period: '2026-11',
          adjustment,
          departmentId,
          indicatorsBefore: { satisfaction: 4.5 },
          indicatorsAfter: { satisfaction: 4 },
          scoreBefore: 80,
          scoreAfter: 78,
          reason: '漏計一次回訪',
          adjustedAt: '2026-12-05T01:00:00.000Z',
          adjustedBy: 'qm-zhao',
          occurredAt: '2026-12-05T01:00:00.000Z',
        },
        '2026-12-05T01:00:00.000Z',
      );
    const first = adjusted(1, 'tech-support');
    await bus.publish([first]);
    await bus.publish([first]);
    await bus.publish([adjusted(1, 'software-development')]);
    await eventually(async () => expect((await appraisals('period=2026-11&needsReview=true')).total).toBe(2));
    const detail = await t.app.inject({ method: 'GET', url: '/hr-performance/appraisals/ts-lead.2026-11?reason=複核', headers: hr });
    expect(detail.json()).toMatchObject({ score: 85, status: 'draft', reviewFlags: [{ adjustment: 1, departmentId: 'tech-support', reason: '漏計一次回訪', messageId: first.id }] });
  });

  it('refuses a department head assessing his own appraisal (409 own-appraisal); another head of the department assesses it', async () => {
    const tsLead = await t.headersFor({ userId: 'ts-lead', roles: ['department-head'], departments: ['tech-support'] });
    const own = await t.app.inject({ method: 'POST', url: '/hr-performance/appraisals/ts-lead.2026-11/assessment', payload: { assessment: '表現良好', ratings: {} }, headers: tsLead });
    expect(own.json()).toMatchObject({ status: 409, code: 'own-appraisal' });
    const deputy = await t.headersFor({ userId: 'ts-deputy', roles: ['department-head'], departments: ['tech-support'] });
    const other = await t.app.inject({ method: 'POST', url: '/hr-performance/appraisals/ts-lead.2026-11/assessment', payload: { assessment: '表現良好', ratings: {} }, headers: deputy });
    expect(other.statusCode).toBe(200);
  });
});
