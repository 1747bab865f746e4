import { EVERY_DEPARTMENT } from '@serviceledger/platform/auth';
import { ScopedReads, TestApp, eventually, scopingMatrixFailures, scopingPrincipal } from '@serviceledger/platform/testing';
import { caseIdFor } from '@serviceledger/service-delivery/service';

const HOME_DEPARTMENT = 'tech-support';

/**
 * One record of each scoped read model of the three services, all of tech-support and one customer:
 * the customer, a demand queued in intake, a demand handed to delivery and its case, a weekly meeting
 * tech-support reported at, a finding, a daily check and the demand's SLA clocks. Returns every list,
 * detail and export that shows them, once a cross-department role sees each record in each of them.
 */
export async function seedScopedRecords(t: TestApp): Promise<ScopedReads> {
  const seeder = (roles: string[]) => t.headersFor({ userId: `seed-${roles[0]}`, roles, departments: [] });
  const agent = await seeder(['agent']);
  const monitor = await seeder(['quality-monitor']);
  const created = async (url: string, payload: object, headers = agent): Promise<string> => {
    const response = await t.app.inject({ method: 'POST', url, payload, headers });
    if (response.statusCode >= 300) throw new Error(`POST ${url}: ${response.statusCode} ${response.body}`);
    return response.json().id;
  };

  const customerId = await created('/intake/customers', { organisation: '香港某某物流有限公司', contactPerson: '陳大文', phone: '+85291234567', tier: 'standard' });
  const assignedDemand = async (subject: string) => {
    const demandId = await created('/intake/demands', {
      customerId,
      contact: { name: '陳大文', phone: '+85291234567' },
      channel: 'phone',
      kind: 'enquiry',
      subject,
      description: '昨晚的備份作業沒有完成。',
      businessCategory: 'technical-support',
      impact: 2,
      urgency: 2,
    });
    await created(`/intake/demands/${demandId}/triage`, {});
    await created(`/intake/demands/${demandId}/assignment`, {});
    return demandId;
  };
  const queued = await assignedDemand('伺服器備份失敗');
  const delivered = await assignedDemand('辦公室網絡打印故障');
  await created(`/intake/demands/${delivered}/release-to-delivery`, {});
  const caseId = caseIdFor(delivered);
  const meetingId = await created('/service-delivery/project-meetings', {
    kind: 'weekly',
    heldAt: new Date().toISOString(),
    attendees: ['ts-lead'],
    reports: [{ departmentId: HOME_DEPARTMENT, progress: 'Queue cleared', problems: 'None', solutions: 'None' }],
    decisions: [],
    actions: [],
  });
  const findingId = await created(
    '/quality-monitoring/findings',
    { departmentId: HOME_DEPARTMENT, responsibleId: 'ts-head', subject: '回覆未使用標準模板', requirements: '所有回覆使用核准模板' },
    monitor,
  );
  const checkId = await created('/quality-monitoring/checks', { kind: 'record-review', caseId: queued, departmentId: HOME_DEPARTMENT, compliant: true }, monitor);

  const customer = { id: customerId, departments: EVERY_DEPARTMENT, customerId };
  const ofDepartment = (id: string) => ({ id, departments: [HOME_DEPARTMENT] });
  const ofCustomer = (id: string) => ({ id, departments: [HOME_DEPARTMENT], customerId });
  const scoped: ScopedReads = {
    home: { department: HOME_DEPARTMENT, customerId },
    reads: [
      { url: '/intake/customers', record: customer },
      { url: `/intake/customers/${customerId}`, record: customer },
      { url: '/intake/demands', record: ofCustomer(queued) },
      { url: '/intake/demands.csv', record: ofCustomer(queued) },
      { url: `/intake/demands/${queued}`, record: ofCustomer(queued) },
      { url: `/intake/departments/${HOME_DEPARTMENT}/queue`, record: ofCustomer(queued) },
      { url: `/intake/customers/${customerId}/demands`, record: ofCustomer(queued) },
      { url: '/service-delivery/cases', record: ofCustomer(caseId) },
      { url: `/service-delivery/cases/${caseId}`, record: ofCustomer(caseId) },
      { url: '/service-delivery/meetings', record: ofDepartment(meetingId) },
      { url: `/service-delivery/meetings/${meetingId}`, record: ofDepartment(meetingId) },
      { url: '/quality-monitoring/findings', record: ofDepartment(findingId) },
      { url: `/quality-monitoring/findings/${findingId}`, record: ofDepartment(findingId) },
      { url: '/quality-monitoring/checks', record: ofDepartment(checkId) },
      { url: `/quality-monitoring/clocks?demand=${queued}&department=${HOME_DEPARTMENT}`, record: ofDepartment(queued) },
    ],
  };
  // Projections and the services' consumers catch up asynchronously; the matrix starts once they have.
  const crossDepartment = scopingPrincipal('a cross-department role', scoped.home);
  await eventually(async () => {
    const failures = await scopingMatrixFailures(t.app, crossDepartment, (principal) => t.tokenFor(principal), scoped.reads);
    if (failures.length > 0) throw new Error(`Not caught up yet:\n${failures.join('\n')}`);
  }, 15_000);
  return scoped;
}
