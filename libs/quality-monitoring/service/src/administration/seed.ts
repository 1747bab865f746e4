import {
  DefineCalendar,
  DefinePolicy,
  DefineScoringScheme,
  Priority,
  WAITING_ON_CUSTOMER,
  WAITING_ON_THIRD_PARTY,
  WorkingInterval,
} from '@serviceledger/quality-monitoring/domain';
import { OFFICIAL_SCORING_SCHEME } from '../periods/period-evaluator';

/**
 * What an empty installation starts with: a mainland office calendar, a standard SLA per priority, a timely
 * recording target and the official scoring scheme. Quality monitors change them through the API; the seed never overwrites their work.
 */
export const SEED_CALENDAR_ID = 'cn-office';

const OFFICE_DAY: WorkingInterval[] = [
  { start: '09:00', end: '12:00' },
  { start: '13:30', end: '18:00' },
];

export const SEED_CALENDAR: DefineCalendar['data'] = {
  calendarId: SEED_CALENDAR_ID,
  name: '中国大陆办公时间 Mainland office hours',
  timeZone: 'Asia/Shanghai',
  weeklyHours: { monday: OFFICE_DAY, tuesday: OFFICE_DAY, wednesday: OFFICE_DAY, thursday: OFFICE_DAY, friday: OFFICE_DAY },
};

/**
 * Business minutes on the office calendar (7.5 working hours, 450 minutes a day). P1: own in 15 minutes,
 * answer in 30, resolve within a working day; each priority below doubles or so. The next update during
 * delivery: P3 and P4 no tighter than service delivery's default progress-report interval (72 hours, three
 * working days), so a team reporting on its schedule meets it; P1 and P2 customers are updated more often.
 */
const TARGETS: Record<Priority, DefinePolicy['data']['targets']> = {
  P1: { 'time-to-own': 15, 'first-response': 30, 'next-update': 120, resolution: 450, 'promised-handling': 450 },
  P2: { 'time-to-own': 30, 'first-response': 60, 'next-update': 240, resolution: 900, 'promised-handling': 900 },
  P3: { 'time-to-own': 60, 'first-response': 240, 'next-update': 1350, resolution: 1800, 'promised-handling': 1800 },
  P4: { 'time-to-own': 240, 'first-response': 450, 'next-update': 1350, resolution: 4500, 'promised-handling': 4500 },
};

const STANDARD_SLAS: DefinePolicy['data'][] = (Object.keys(TARGETS) as Priority[]).map((priority) => ({
  policyId: `standard-sla-${priority.toLowerCase()}`,
  kind: 'SLA',
  name: `标准服务水平 Standard SLA, ${priority}`,
  match: { priorities: [priority] },
  targets: TARGETS[priority],
  calendarId: SEED_CALENDAR_ID,
  warningThreshold: 0.75,
  escalations:
    priority === 'P1' || priority === 'P2'
      ? [{ offsetMinutes: 0, action: 'notify-department-head' }]
      : [{ offsetMinutes: 60, action: 'notify-department-head' }],
  // Resolution pauses while the demand waits on the customer or a third party (sla-and-metrics.md, "Clocks").
  pauseOn: [WAITING_ON_CUSTOMER, WAITING_ON_THIRD_PARTY],
}));

/**
 * 二(一)2 "及時記錄": every demand, whatever its priority, registered within 30 office minutes of reaching us
 * (a call taken at 17:50 and registered at 09:10 the next working day took 20). Its own policy, so a monitor
 * tunes it apart from the service levels; no escalation, since a delay is over once it is measured (the demand
 * is registered when the clock stops): its breaches count in the figures of the department that registered it.
 */
const TIMELY_RECORDING: DefinePolicy['data'] = {
  policyId: 'timely-recording',
  kind: 'SLA',
  name: '及時記錄 Timely recording',
  match: {},
  targets: { 'recording-delay': 30 },
  calendarId: SEED_CALENDAR_ID,
  warningThreshold: 0.75,
  escalations: [],
  pauseOn: [],
};

export const SEED_POLICIES: DefinePolicy['data'][] = [...STANDARD_SLAS, TIMELY_RECORDING];

/**
 * The official department score. Customer first: satisfaction is the core measure of quality (G-1,
 * 以客戶滿意度為衡量服務質量的核心標準), so customer satisfaction — the visits' satisfaction and whether the
 * customer would recommend us — carries half the weight (9 of 18), well above any floor up to 50 %. Timeliness
 * comes next, as compliance with each priority's SLA and the share resolved, rather than raw minutes that mix
 * priorities (so no reference minutes are needed). Complaints, promises of time and of result kept (C-2.3),
 * acceptance rounds rejected and the quality monitors' spot checks count once each.
 */
export const SEED_SCORING_SCHEME: Omit<DefineScoringScheme['data'], 'satisfactionFloorPercent'> = {
  schemeId: OFFICIAL_SCORING_SCHEME,
  name: '标准部门评分 Standard department score',
  weights: {
    satisfaction: 6,
    nps: 3,
    responseCompliance: 2,
    resolutionRate: 2,
    complaintRate: 1,
    promisedTimeCompliance: 1,
    promisedResultCompliance: 1,
    rectificationRate: 1,
    spotCheckScore: 1,
  },
};
