import { Department, Route, TriageRule } from '@serviceledger/intake/domain';

/**
 * What an empty installation starts with: the departments the regulation names (P-2.1) and a few
 * triage rules. Administrators change both through the API; the seed never overwrites their work.
 */
export const SEED_DEPARTMENTS: Department[] = [
  { departmentId: 'customer-service', name: '客戶服務部 Customer service', members: ['cs-lead'] },
  { departmentId: 'tech-support', name: '技術支持部 Technical support', members: ['ts-lead'] },
  { departmentId: 'software-development', name: '軟件開發部 Software development', members: ['sd-lead'] },
  { departmentId: 'system-maintenance', name: '系統維護部 System maintenance', members: ['sm-lead'] },
];

export const SEED_ROUTES: Array<{ businessCategory: string } & Route> = [
  { businessCategory: 'technical-support', departmentId: 'tech-support', defaultOwnerId: 'ts-lead' },
  { businessCategory: 'software-development', departmentId: 'software-development', defaultOwnerId: 'sd-lead' },
  { businessCategory: 'system-maintenance', departmentId: 'system-maintenance', defaultOwnerId: 'sm-lead' },
];

export const SEED_FALLBACK: Route = { departmentId: 'customer-service', defaultOwnerId: 'cs-lead' };

export const SEED_TRIAGE_RULES: TriageRule[] = [
  {
    ruleId: 'outage',
    name: 'Outages are urgent',
    when: { keywords: ['outage', 'down', '宕機', '癱瘓', '中斷'] },
    suggest: { raisePriorityBy: 1 },
  },
  {
    ruleId: 'integration',
    name: 'Integration and migration work spans departments',
    when: { keywords: ['integration', 'migration', '集成', '遷移', '對接'] },
    suggest: { complexity: 'complex' },
  },
  {
    ruleId: 'platinum-first',
    name: 'Platinum customers are served first',
    when: { customerTiers: ['platinum'] },
    suggest: { raisePriorityBy: 1 },
  },
];
