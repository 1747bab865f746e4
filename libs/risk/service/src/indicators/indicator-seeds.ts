import { EMPLOYEE_LEFT_V1 } from '@serviceledger/hr-performance/contracts';
import { COMPLAINT_REGISTERED_V1 } from '@serviceledger/intake/contracts';
import { CLOCK_BREACHED_V2 } from '@serviceledger/quality-monitoring/contracts';
import { EQUIPMENT_FAILED_V1, PARTNER_MEETING_OVERDUE_V1, SECURITY_INCIDENT_RECORDED_V1 } from '@serviceledger/resource/contracts';
import { IndicatorDefinition } from '@serviceledger/risk/domain';

/**
 * The key risk indicators a new installation starts with (K-3.2: SLA breaches, complaint surges, overdue
 * rectifications, equipment failures, staff turnover, overdue partner meetings, security incidents involving
 * personal data). Owners are left to each
 * category's owner (`PUT /risk/indicators/category-owners/:category`); thresholds are revised as data.
 */
export const SEED_INDICATORS: readonly IndicatorDefinition[] = [
  {
    indicatorId: 'sla-breaches-per-department',
    name: 'SLA breaches of one department in a calendar week',
    category: 'customer',
    counts: [{ type: CLOCK_BREACHED_V2.type, where: [{ field: 'caseKind', oneOf: ['demand', 'complaint', 'after-sales'] }] }],
    groupBy: { kind: 'department', field: 'departmentId' },
    window: { kind: 'calendar', unit: 'week' },
    threshold: 5,
  },
  {
    indicatorId: 'complaints-per-customer',
    name: 'Complaints from one customer within 7 days',
    category: 'customer',
    counts: [{ type: COMPLAINT_REGISTERED_V1.type }],
    groupBy: { kind: 'customer', field: 'customerId' },
    window: { kind: 'rolling', days: 7 },
    threshold: 3,
  },
  {
    indicatorId: 'overdue-rectifications-per-department',
    name: 'Rectifications of one department overdue in a calendar month',
    category: 'technical',
    counts: [{ type: CLOCK_BREACHED_V2.type, where: [{ field: 'caseKind', oneOf: ['rectification'] }] }],
    groupBy: { kind: 'department', field: 'departmentId' },
    window: { kind: 'calendar', unit: 'month' },
    threshold: 2,
  },
  {
    indicatorId: 'equipment-failures-per-asset',
    name: 'Failures of one piece of equipment in a calendar month',
    category: 'technical',
    counts: [{ type: EQUIPMENT_FAILED_V1.type }],
    groupBy: { kind: 'equipment', field: 'assetId' },
    window: { kind: 'calendar', unit: 'month' },
    threshold: 2,
  },
  {
    indicatorId: 'staff-left-per-department',
    name: 'Staff who left one department in a calendar quarter',
    category: 'personnel',
    counts: [{ type: EMPLOYEE_LEFT_V1.type }],
    groupBy: { kind: 'department', field: 'departmentId' },
    window: { kind: 'calendar', unit: 'quarter' },
    threshold: 3,
  },
  {
    indicatorId: 'overdue-partner-meetings',
    name: 'Overdue meetings with one partner in a calendar quarter',
    category: 'market',
    counts: [{ type: PARTNER_MEETING_OVERDUE_V1.type }],
    groupBy: { kind: 'partner', field: 'partnerId' },
    window: { kind: 'calendar', unit: 'quarter' },
    threshold: 2,
  },
  {
    // Threshold 1 on a rolling window: every incident involving personal data is a warning of its own.
    indicatorId: 'personal-data-incidents',
    name: 'Security incidents involving personal data',
    category: 'legal',
    counts: [{ type: SECURITY_INCIDENT_RECORDED_V1.type, where: [{ field: 'personalDataInvolved', oneOf: [true] }] }],
    groupBy: { kind: 'organisation' },
    window: { kind: 'rolling', days: 30 },
    threshold: 1,
  },
];
