/** The shapes of the API answers the console reads (see the OpenAPI document at /docs). */
export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

export interface CommandAccepted {
  id: string;
  checkpoint: string;
  reference?: string;
}

export interface DemandRow {
  demandId: string;
  reference: string;
  customerId: string | null;
  channel: string;
  kind: string;
  subject: string;
  description: string;
  businessCategory: string | null;
  impact: number;
  urgency: number;
  priority: string;
  complexity: string | null;
  status: string;
  departmentId: string | null;
  ownerId: string | null;
  contactName: string | null;
  contactPhone: string | null;
  waitingSince: string | null;
  waitingOnThirdPartySince: string | null;
  receivedAt: string;
  registeredAt: string;
  firstResponseAt: string | null;
  complaintDueAt: string | null;
  complaintResolvedAt: string | null;
  complaintPromisedResult: string | null;
}

export interface TimelineEntry {
  position: number;
  at: string;
  entry: string;
  visibility: 'customer' | 'internal';
  actorId: string;
  details: Record<string, unknown>;
}

export interface DemandDetail extends DemandRow {
  departments: string[];
  timeline: TimelineEntry[];
}

export interface Clock {
  clockId: string;
  demandId: string;
  metric: string;
  departmentId: string;
  status: string;
  state: string;
  warned: boolean;
  breached: boolean;
  targetMinutes: number;
  deadlineAt: string;
  remainingMinutes: number;
}

export interface CustomerRow {
  customerId: string;
  organisation: string;
  tier: string;
  contactPerson?: string | null;
  phone?: string | null;
}

export interface Departments {
  departments: { departmentId: string; name: string; members: string[] }[];
  routes: { businessCategory: string; departmentId: string; defaultOwnerId: string }[];
}

export interface Scorecards {
  period: string;
  view: string;
  closed: boolean;
  scorecards: { departmentId: string; score: number | null; rank: number | null; indicators: Record<string, number | null> }[];
  ranking: { rank: number; departmentId: string; score: number }[];
}

export interface Breaches {
  period: string;
  total: number;
  byDepartment: { departmentId: string | null; breaches: number; byMetric: Record<string, number> }[];
}
