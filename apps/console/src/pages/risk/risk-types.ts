/** What risk's API answers, as the risk page reads it. */

export interface HeatMapCell {
  likelihood: number;
  impact: number;
  level: string;
  band: string;
  count: number;
}

export interface HeatMap {
  asOf: string;
  total: number;
  matrices: { matrixVersion: number; cells: HeatMapCell[] }[];
}

export interface RegisterRecord {
  riskId: string;
  title: string;
  category: string;
  ownerId: string;
  departmentId: string;
  state: string;
  level: string | null;
  band: string | null;
  likelihood: number | null;
  impact: number | null;
  strategy: string | null;
  nextReviewDue: string | null;
  reviewOverdue: boolean;
}

export interface WarningView {
  warningId: string;
  indicator: { indicatorId: string; name: string; category: string; threshold: number };
  groupKind: string;
  groupKey: string;
  count: number;
  ownerId?: string;
  status: 'raised' | 'acknowledged' | 'closed';
  raisedAt: string;
  riskId?: string;
  actions: { action: string }[];
}

export const BAND_COLOURS: Record<string, string> = { low: 'green', medium: 'gold', high: 'red' };
export const RISK_BANDS = ['low', 'medium', 'high'] as const;
