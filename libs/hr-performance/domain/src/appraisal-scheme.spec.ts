import { CommandMetadata } from '@serviceledger/platform/core';
import { deciderSpec, refused } from '@serviceledger/platform/testing/decider-spec';
import { SchemeLine, SetAppraisalScheme, appraisalScheme, satisfactionWeightPercent } from './appraisal-scheme';

const meta = (at: string): CommandMetadata => ({ commandId: `hr-${at}`, at, actor: { userId: 'hr-wu', roles: [], departments: [] }, correlationId: 'c' });
const { when, refusal, aggregateAfter } = deciderSpec(appraisalScheme);

const lines: SchemeLine[] = [
  { indicatorId: 'csat', source: 'quality', indicator: 'satisfaction', weight: 3 },
  { indicatorId: 'resolved', source: 'quality', indicator: 'resolutionRate', weight: 4 },
  { indicatorId: 'onsite', source: 'duty', duty: ' 現場服務規範 ', weight: 3 },
];
const set = (data: Partial<SetAppraisalScheme['data']> = {}, at = '2026-10-01T00:00:00.000Z'): SetAppraisalScheme => ({
  type: 'SetAppraisalScheme',
  data: { postId: 'support-engineer', name: '月度考核', lines, satisfactionFloorPercent: 30, ...data },
  metadata: meta(at),
});

describe('appraisal schemes per post (H-2.1)', () => {
  it('versions a post’s indicators from its duties and the published quality indicators, with weights', () => {
    const v1 = when([], set());
    expect(v1).toEqual([
      {
        type: 'AppraisalSchemeSet',
        data: {
          postId: 'support-engineer',
          version: 1,
          name: '月度考核',
          lines: [lines[0], lines[1], { indicatorId: 'onsite', source: 'duty', duty: '現場服務規範', weight: 3 }],
          referenceMinutes: {},
          definedAt: '2026-10-01T00:00:00.000Z',
          definedBy: 'hr-wu',
        },
      },
    ]);
    expect(when(v1, set())).toEqual([]);
    const v2 = when(v1, set({ lines: [...lines, { indicatorId: 'nps', source: 'quality', indicator: 'nps', weight: 2 }, { indicatorId: 'frt', source: 'quality', indicator: 'frtAverage', weight: 1 }], referenceMinutes: { frtAverage: 400 } }, '2026-11-01T00:00:00.000Z'));
    expect(v2[0].data).toMatchObject({ version: 2, referenceMinutes: { frtAverage: 400 } });
    expect(aggregateAfter([...v1, ...v2]).versions.map((v) => v.version)).toEqual([1, 2]);
  });

  describe('customer first (一(三)1 客戶至上: 以客戶滿意度為衡量服務質量的核心標準)', () => {
    it('measures customer satisfaction’s share of the weight: satisfaction, the share satisfied and NPS', () => {
      expect(satisfactionWeightPercent(lines)).toBe(30);
      expect(satisfactionWeightPercent([...lines, { indicatorId: 'nps', source: 'quality', indicator: 'nps', weight: 10 }])).toBe(65);
    });

    it('refuses a scheme in which customer satisfaction weighs less than the configured floor', () => {
      expect(when([], set({ satisfactionFloorPercent: 30 }))).toHaveLength(1);
      expect(refusal([], set({ satisfactionFloorPercent: 31 }))).toMatchObject({ ...refused('satisfaction-below-floor'), message: expect.stringContaining('carries 30 %') });
      expect(refusal([], set({ lines: [lines[1], lines[2]] }))).toMatchObject(refused('satisfaction-below-floor'));
    });
  });

  it('refuses an unknown indicator, a duty without text, a weight out of range, a repeated id, and a weighted time without its reference', () => {
    const one = (line: object) => set({ lines: [lines[0], line as SchemeLine] });
    expect(refusal([], one({ indicatorId: 'x', source: 'quality', indicator: 'coffee', weight: 1 }))).toMatchObject(refused('unknown-indicator'));
    expect(refusal([], one({ indicatorId: 'x', source: 'duty', duty: ' ', weight: 1 }))).toMatchObject(refused('duty-required'));
    expect(refusal([], one({ indicatorId: 'x', source: 'duty', duty: 'd', weight: 0 }))).toMatchObject(refused('invalid-weight'));
    expect(refusal([], one({ indicatorId: 'csat', source: 'duty', duty: 'd', weight: 1 }))).toMatchObject(refused('duplicate-indicator'));
    expect(refusal([], one({ indicatorId: 'frt', source: 'quality', indicator: 'frtAverage', weight: 1 }))).toMatchObject(refused('reference-required'));
    expect(refusal([], set({ lines: [] }))).toMatchObject(refused('no-indicators'));
  });
});
