/** What resource's API answers, as the resource page reads it. */

export interface DocumentView {
  documentId: string;
  kind: string;
  title: string;
  tags: string[];
  ownerId: string;
  departmentId: string;
  reviewIntervalDays: number;
  status: string;
  versions: { version: number; fileName: string; changeNote: string; uploadedAt: string; uploadedBy: string }[];
  releasedVersion?: number;
  nextReviewDue?: string;
  reviews: { version: number; outcome: string; comment: string; at: string; by: string }[];
  reviewDue: boolean;
  updatedAt: string;
}

export interface ArticleView {
  articleId: string;
  kind: string;
  authorId: string;
  departmentId?: string;
  status: string;
  versions: { version: number; title: string; body: string; tags: string[]; revisedAt: string }[];
  publishedVersion?: number;
  helpfulCount: number;
  viewCount: number;
  stale: boolean;
  updatedAt: string;
}

export interface AssetView {
  assetId: string;
  name: string;
  category: string;
  serialNumber: string;
  departmentId: string;
  status: string;
  allocation?: { departmentId: string; personId?: string };
  plans: { planKey: string; kind: string; dueOn: string; dueState: string }[];
  endOfLifeOn: string;
}

export interface MaintenanceDue {
  assetId: string;
  assetName: string;
  planKey: string;
  kind: string;
  dueOn: string;
  state: string;
  departmentId: string;
  lastPerformedOn: string | null;
}

export interface VarianceFigures {
  budget: number;
  spent: number;
  variance: number;
  spends: number;
}

export interface VarianceReport {
  year: VarianceFigures;
  quarters: (VarianceFigures & { quarter: number })[];
  departments: (VarianceFigures & { departmentId: string })[];
  lines: (VarianceFigures & { planId: string; lineId: string; title: string; departmentId: string; projectId: string })[];
}

export const DOCUMENT_STATUS_COLOURS: Record<string, string> = { draft: 'default', 'in-review': 'blue', approved: 'green', superseded: 'orange', archived: 'default' };
export const ASSET_STATUS_COLOURS: Record<string, string> = { 'in-service': 'green', failed: 'red', 'retirement-requested': 'orange', retired: 'default', disposed: 'default' };
export const DUE_STATE_COLOURS: Record<string, string> = { scheduled: 'default', due: 'gold', overdue: 'red' };
