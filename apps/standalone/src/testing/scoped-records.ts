import type { Actor } from '@serviceledger/platform/core';
import { accessScope, canSee } from '@serviceledger/platform/auth';
import { SCOPING_PRINCIPALS, ScopedCommand, ScopedReads, ScopingHome, TestApp, eventually, scopingMatrixFailures, scopingPrincipal } from '@serviceledger/platform/testing';
import { caseIdFor } from '@serviceledger/service-delivery/service';

const HOME_DEPARTMENT = 'tech-support';
/** A department none of the matrix's principals is in. */
const ELSEWHERE = 'logistics';
/** Long past, so the matrix's own meetings list after the seeded one. */
const MATRIX_MEETINGS_HELD_AT = '2026-01-05T02:00:00Z';

/** The month quality monitoring counts now in, as its periods name it (Asia/Shanghai). */
function currentPeriod(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(new Date()).slice(0, 7);
}

/**
 * One record of each scoped read model of the three services, all of tech-support and one customer:
 * the customer, a demand queued in intake, a demand handed to delivery and its case, a weekly meeting
 * tech-support reported at, a finding, a daily check, the demand's SLA clocks and the month's
 * explanation and per-person figures. Returns every list, detail and export that shows them, once a
 * cross-department role sees each record in each of them, and the meeting commands each principal
 * tries: minutes reporting for tech-support, minutes speaking for another department too, and the
 * completion of a tech-support action someone else owns.
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
  const actions = await created('/service-delivery/project-meetings', {
    kind: 'weekly',
    heldAt: MATRIX_MEETINGS_HELD_AT,
    attendees: ['ts-owner'],
    reports: [{ departmentId: HOME_DEPARTMENT, progress: 'Printers repaired', problems: 'None', solutions: 'None' }],
    decisions: [],
    // One action for each principal to try, all owned by someone none of them is.
    actions: SCOPING_PRINCIPALS.map((kind) => ({ description: `Follow up for ${kind}`, ownerId: 'ts-owner', departmentId: HOME_DEPARTMENT, dueAt: '2026-01-09T10:00:00Z' })),
  });
  const owner = (await t.app.inject({ method: 'GET', url: `/intake/demands/${queued}`, headers: agent })).json().ownerId as string;
  const findingId = await created(
    '/quality-monitoring/findings',
    { departmentId: HOME_DEPARTMENT, responsibleId: 'ts-head', subject: '回覆未使用標準模板', requirements: '所有回覆使用核准模板' },
    monitor,
  );
  const checkId = await created('/quality-monitoring/checks', { kind: 'record-review', caseId: queued, departmentId: HOME_DEPARTMENT, compliant: true }, monitor);
  const resourceManager = await seeder(['resource-manager']);
  const assetId = await created(
    '/resource/equipment/assets',
    { name: '網絡分析儀', category: 'technical', storageDevice: false, serialNumber: 'NA-SCOPE-1', departmentId: HOME_DEPARTMENT, acquiredOn: '2026-01-05', serviceLifeMonths: 60 },
    resourceManager,
  );
  const procurementId = await created(
    '/resource/equipment/procurements',
    { departmentId: HOME_DEPARTMENT, purpose: '現場網絡故障診斷', items: [{ category: 'technical', description: '網絡分析儀', quantity: 1, unitPrice: 35000, serviceLifeMonths: 60, storageDevice: false }] },
    resourceManager,
  );
  const rdPlanId = await created(
    '/resource/rd-investment/plans',
    {
      year: 2026,
      departmentId: HOME_DEPARTMENT,
      projectId: 'field-probe',
      projectName: '現場探針',
      lines: [{ lineId: 'probe', title: '探針原型', need: { kind: 'business-category', reference: 'technical-support', note: '更快定位現場故障' }, budget: [1000, 1000, 1000, 1000] }],
    },
    resourceManager,
  );
  const riskOfficer = await seeder(['risk-officer']);
  const riskId = await created(
    '/risk/risks',
    { title: '核心交換機單點故障', category: 'technical', ownerId: 'ts-head', departmentId: HOME_DEPARTMENT, causes: ['無備用交換機'], consequences: ['全部門斷網'], links: [] },
    riskOfficer,
  );
  await created(`/risk/risks/${riskId}/assessments`, { likelihood: 3, impact: 4, controllable: true }, riskOfficer);

  // A department's staff register documents only for their own departments.
  const documentManager = await t.headersFor({ userId: 'seed-department-head', roles: ['department-head'], departments: [HOME_DEPARTMENT] });
  const documentId = await created(
    '/resource/documents',
    { kind: 'operating-manual', title: '網絡打印故障處理手冊', departmentId: HOME_DEPARTMENT, reviewIntervalDays: 90, file: { fileName: 'manual.md', contentType: 'text/markdown', contentBase64: Buffer.from('# 網絡打印故障處理\n', 'utf8').toString('base64') } },
    documentManager,
  );

  // Staff see a customer through its demands, here tech-support's.
  const customer = { id: customerId, departments: [HOME_DEPARTMENT], customerId };
  const ofDepartment = (id: string) => ({ id, departments: [HOME_DEPARTMENT] });
  const period = currentPeriod();
  const ofCustomer = (id: string) => ({ id, departments: [HOME_DEPARTMENT], customerId });
  const home = { department: HOME_DEPARTMENT, customerId };
  const scoped: ScopedReads = {
    home,
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
      { url: `/quality-monitoring/periods/${period}/departments/${HOME_DEPARTMENT}/explanation`, record: ofDepartment(queued) },
      { url: `/quality-monitoring/periods/${period}/persons`, record: ofDepartment(owner) },
      { url: '/resource/equipment/assets', record: ofDepartment(assetId) },
      { url: '/resource/equipment/assets.csv', record: ofDepartment(assetId) },
      { url: `/resource/equipment/assets/${assetId}`, record: ofDepartment(assetId) },
      { url: `/resource/equipment/assets/${assetId}/history`, record: ofDepartment(assetId) },
      { url: '/resource/equipment/procurements', record: ofDepartment(procurementId) },
      { url: `/resource/equipment/procurements/${procurementId}`, record: ofDepartment(procurementId) },
      { url: '/resource/rd-investment/plans', record: ofDepartment(rdPlanId) },
      { url: `/resource/rd-investment/plans/${rdPlanId}`, record: ofDepartment(rdPlanId) },
      { url: '/resource/rd-investment/variance?year=2026', record: ofDepartment(rdPlanId) },
      { url: '/risk/risks', record: ofDepartment(riskId) },
      { url: '/risk/risks/export.csv', record: ofDepartment(riskId) },
      { url: `/risk/risks/${riskId}`, record: ofDepartment(riskId) },
      { url: '/risk/heat-map', record: ofDepartment(riskId) },
      { url: '/resource/documents', record: ofDepartment(documentId) },
      { url: `/resource/documents/${documentId}`, record: ofDepartment(documentId) },
    ],
    commands: meetingCommands(actions, home),
  };
  // Projections and the services' consumers catch up asynchronously; the matrix starts once they have.
  const crossDepartment = scopingPrincipal('a cross-department role', scoped.home);
  await eventually(async () => {
    const failures = await scopingMatrixFailures(t.app, crossDepartment, (principal) => t.tokenFor(principal), scoped.reads);
    if (failures.length > 0) throw new Error(`Not caught up yet:\n${failures.join('\n')}`);
  }, 15_000);
  return scoped;
}

/** Who may speak for a department at a meeting is the scoping rule; who may complete an action, its owner or a head of its department. */
function meetingCommands(meetingId: string, home: ScopingHome): ScopedCommand[] {
  const minutes = (reports: string[]) => ({
    method: 'POST' as const,
    url: '/service-delivery/project-meetings',
    payload: {
      kind: 'weekly',
      heldAt: MATRIX_MEETINGS_HELD_AT,
      attendees: ['ts-owner'],
      reports: reports.map((departmentId) => ({ departmentId, progress: 'Queue cleared', problems: 'None', solutions: 'None' })),
      decisions: [],
      actions: reports.map((departmentId) => ({ description: 'Report back', ownerId: 'ts-owner', departmentId, dueAt: '2026-01-09T10:00:00Z' })),
    },
  });
  const mayActFor = (principal: Actor, departments: string[]) => departments.every((department) => canSee(accessScope(principal), { departments: [department] }));
  const actionNumberOf = (principal: Actor) => SCOPING_PRINCIPALS.findIndex((kind) => scopingPrincipal(kind, home).userId === principal.userId) + 1;
  return [
    {
      name: 'records a meeting reporting for tech-support',
      request: () => minutes([HOME_DEPARTMENT]),
      allows: (principal) => mayActFor(principal, [HOME_DEPARTMENT]),
    },
    {
      name: `records a meeting reporting for tech-support and ${ELSEWHERE}`,
      request: () => minutes([HOME_DEPARTMENT, ELSEWHERE]),
      allows: (principal) => mayActFor(principal, [HOME_DEPARTMENT, ELSEWHERE]),
    },
    {
      name: 'completes a tech-support action someone else owns',
      request: (principal) => ({
        method: 'POST',
        url: `/service-delivery/project-meetings/${meetingId}/actions/${actionNumberOf(principal)}/completion`,
        payload: { outcome: 'Done' },
      }),
      allows: (principal) => principal.roles.includes('department-head') && principal.departments.includes(HOME_DEPARTMENT),
    },
  ];
}
