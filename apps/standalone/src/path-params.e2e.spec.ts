import { RequestHeaders, TestApp, startTestApp } from '@serviceledger/platform/testing';
import { STANDALONE_MODULES, STANDALONE_SERVICES } from './services';

/**
 * Issue 15, item 9: a malformed path parameter is 400 naming it, on every kind of parameter (periods,
 * dates, versions, numbers, ids, identifiers), over HTTP on the standalone app as `npm start` runs it
 * (SQLite) — not a 409 rule violation, a 404 or a 400 that names nothing.
 */
const CASE = '00000000-0000-4000-8000-000000000001';
const ROUTES: [method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, param: string][] = [
  ['GET', '/quality-monitoring/periods/2026-13/scorecards', 'period'],
  ['GET', '/quality-monitoring/periods/2026-Q5/persons', 'period'],
  ['GET', '/quality-monitoring/periods/26-11/recomputation', 'period'],
  ['POST', '/quality-monitoring/periods/2026-13/closing', 'period'],
  ['POST', '/quality-monitoring/periods/2026-00/adjustments', 'period'],
  ['GET', '/quality-monitoring/periods/2026-11/departments/Tech%20Support/explanation', 'departmentId'],
  ['GET', '/quality-monitoring/scoring-schemes/x%20y', 'schemeId'],
  ['GET', '/quality-monitoring/checklists/x%20y', 'checklistId'],
  ['GET', '/quality-monitoring/policies/x%20y', 'policyId'],
  ['GET', '/quality-monitoring/calendars/x%20y', 'calendarId'],
  ['DELETE', '/quality-monitoring/calendars/cn-mainland/holidays/2026-13-01', 'date'],
  ['DELETE', '/quality-monitoring/calendars/cn-mainland/make-up-days/tomorrow', 'date'],
  ['GET', '/intake/demands/x%20y', 'demandId'],
  ['GET', '/intake/departments/x%20y/queue', 'departmentId'],
  ['PUT', '/intake/departments/x%20y', 'departmentId'],
  ['DELETE', '/intake/routing-rules/x%20y', 'businessCategory'],
  ['GET', '/service-delivery/cases/x%20y', 'caseId'],
  ['GET', '/service-delivery/meetings/not-a-uuid', 'meetingId'],
  ['GET', '/service-delivery/satisfaction-surveys/x%20y', 'surveyId'],
  ['POST', `/service-delivery/cases/${CASE}/plan/versions/99999999999999999999/approval`, 'version'],
  ['POST', `/service-delivery/cases/${CASE}/plan/versions/0/expert-opinions`, 'version'],
  ['POST', `/service-delivery/cases/${CASE}/coordination-issues/1.5/resolution`, 'issueNumber'],
  ['POST', `/service-delivery/cases/${CASE}/team/members/x%20y/removal`, 'memberId'],
  ['POST', `/service-delivery/cases/${CASE}/steps/x%20y/completion`, 'stepId'],
  ['POST', `/service-delivery/cases/${CASE}/milestones/x%20y/waiver`, 'milestoneId'],
  ['POST', `/service-delivery/cases/${CASE}/rectification-items/x/fix`, 'itemId'],
  ['POST', `/service-delivery/follow-up-visits/${CASE}-visit-x/record`, 'visitId'],
  ['POST', `/service-delivery/follow-up-visits/x%20y/cancellation`, 'visitId'],
  ['POST', `/service-delivery/project-meetings/${CASE}/actions/1e3/completion`, 'actionNumber'],
  ['GET', '/quality-monitoring/findings/x%20y', 'findingId'],
  ['POST', '/quality-monitoring/findings/x%20y/recheck', 'findingId'],
  ['POST', `/service-delivery/cases/${CASE}/acceptance/rounds/-1/paper-report`, 'round'],
  ['PUT', '/risk/indicators/category-owners/finance', 'category'],
];

describe('path parameters on the standalone app (issue 15, item 9)', () => {
  let t: TestApp;
  let staff: RequestHeaders;

  beforeAll(async () => {
    t = await startTestApp({ services: STANDALONE_SERVICES, modules: STANDALONE_MODULES, env: { EVENT_STORE: 'sqlite' } });
    staff = await t.headersFor({
      userId: 'admin-wu',
      roles: ['administrator', 'agent', 'quality-monitor', 'project-manager', 'department-head', 'expert-reviewer', 'risk-officer'],
      departments: ['tech-support'],
    });
  });
  afterAll(() => t.close());

  it.each(ROUTES)('%s %s is 400 naming %s', async (method, url, param) => {
    const res = await t.app.inject({ method, url, headers: staff, ...(method === 'GET' || method === 'DELETE' ? {} : { payload: {} }) });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([expect.objectContaining({ field: param })]);
  });

  it('still answers a well-formed period and quarter', async () => {
    for (const period of ['2026-11', '2026-Q4']) {
      const res = await t.app.inject({ method: 'GET', url: `/quality-monitoring/periods/${period}/scorecards`, headers: staff });
      expect(res.statusCode).toBe(200);
    }
  });
});
