import { EventStore } from '@serviceledger/platform/core';
import { IntegrationMessage, MessageBus, eachMessage } from '@serviceledger/platform/messaging';
import { EVENT_STORE, MESSAGE_BUS } from '@serviceledger/platform/nest';
import { pollUntil, readYourWrites, useTestApp } from '@serviceledger/platform/testing';
import { DEMAND_RELEASED_TO_DELIVERY_V3, INTAKE_DEMAND_TOPIC } from '@serviceledger/intake/contracts';
import { demandStream } from '@serviceledger/intake/domain';
import { IntakeModule } from '../intake.module';
import { intakeService } from '../intake.service-definition';
import { phoneEnquiry } from '../testing/phone-enquiry';

/**
 * P-2.2 二(二)2 跨部門協調: "對於涉及多個部門的復雜需求，由客戶服務部門牽頭，組織相關部門召開協調會議，
 * 明確各部門職責和協作方式". The meeting is for a complex demand that involves several departments; a
 * complex demand of one department goes to that department as any other.
 */
describe('coordination across departments over HTTP (P-2.2)', () => {
  const suite = useTestApp({ services: [intakeService], modules: [IntakeModule] }, { userId: 'agent-li', roles: ['agent'], departments: ['customer-service'] });
  const { get: getAs, post, ok } = readYourWrites(() => suite.t.app, () => suite.headers);
  const get = (url: string, headers = suite.headers) => getAs(url, headers);
  const published: IntegrationMessage[] = [];
  let customerId: string;

  beforeAll(async () => {
    await suite.t.app.get<MessageBus>(MESSAGE_BUS).subscribe({ group: 'coordination-spec', topics: [INTAKE_DEMAND_TOPIC] }, eachMessage(async (message) => {
      published.push(message);
    }));
    customerId = (await ok('/intake/customers', { organisation: '深圳某某科技有限公司', contactPerson: '王小明', phone: '+86 138 0013 8000', tier: 'gold' })).id;
  });

  /** The seeded triage rules take integration and migration work as complex; it routes to software development. */
  async function complexDemand(triage: object = {}): Promise<string> {
    const { id } = await ok('/intake/demands', phoneEnquiry(customerId, { subject: '系統集成與數據遷移', businessCategory: 'software-development' }));
    await ok(`/intake/demands/${id}/triage`, triage);
    await ok(`/intake/demands/${id}/assignment`);
    return id;
  }
  const releasesOf = (demandId: string) =>
    pollUntil(
      async () => published.filter((m) => m.key === demandId && m.type.startsWith('serviceledger.intake.demand.released-to-delivery.')),
      (messages) => messages.length > 0,
      `the release of ${demandId}`,
    );

  it('releases a complex demand within one department to that department without a meeting', async () => {
    const id = await complexDemand();
    const released = await post(`/intake/demands/${id}/release-to-delivery`, {});
    expect(released.statusCode).toBe(200);
    const detail = (await get(`/intake/demands/${id}`)).json();
    expect(detail).toMatchObject({ status: 'in-delivery', complexity: 'complex', departmentId: 'software-development', leadDepartmentId: null, departmentsNamedBy: null });
    expect(detail.departments).toEqual(['software-development']);

    const [release] = await releasesOf(id);
    expect(release).toMatchObject({
      type: DEMAND_RELEASED_TO_DELIVERY_V3.type,
      data: { demandId: id, complexity: 'complex', departmentId: 'software-development', departmentIds: ['software-development'] },
    });
    expect(release.data).not.toHaveProperty('leadDepartmentId');
    expect(release.data).not.toHaveProperty('responsibleDepartmentIds');
  });

  it('refuses a meeting for a complex demand of one department', async () => {
    const id = await complexDemand();
    const meeting = await post(`/intake/demands/${id}/coordination-meetings`, {
      scheduledAt: '2026-12-01T02:00:00Z',
      participants: [
        { departmentId: 'software-development', people: ['sd-lead'] },
        { departmentId: 'system-maintenance', people: ['sm-lead'] },
      ],
    });
    expect(meeting.statusCode).toBe(409);
    expect(meeting.json()).toMatchObject({ code: 'coordination-not-needed', detail: expect.stringContaining('對於涉及多個部門的復雜需求') });
  });

  it("refuses to release a complex demand of several departments until its meeting has recorded each department's responsibilities", async () => {
    const id = await complexDemand({ departmentIds: ['system-maintenance'] });
    const refusedRelease = async () => {
      const response = await post(`/intake/demands/${id}/release-to-delivery`, {});
      expect(response.statusCode).toBe(409);
      expect(response.json()).toMatchObject({ code: 'coordination-required' });
      return response.json().detail as string;
    };
    expect(await refusedRelease()).toContain('software-development, system-maintenance');

    const withoutMaintenance = await post(`/intake/demands/${id}/coordination-meetings`, {
      scheduledAt: '2026-12-01T02:00:00Z',
      participants: [
        { departmentId: 'software-development', people: ['sd-lead'] },
        { departmentId: 'tech-support', people: ['ts-lead'] },
      ],
    });
    expect(withoutMaintenance.statusCode).toBe(409);
    expect(withoutMaintenance.json()).toMatchObject({ code: 'involved-department-absent' });

    const { meetingId } = await ok(`/intake/demands/${id}/coordination-meetings`, {
      scheduledAt: '2026-12-01T02:00:00Z',
      participants: [
        { departmentId: 'software-development', people: ['sd-lead'] },
        { departmentId: 'system-maintenance', people: ['sm-lead'] },
      ],
    });
    await refusedRelease();

    const record = (responsibilities: object[]) =>
      post(`/intake/demands/${id}/coordination-meetings/${meetingId}/record`, {
        responsibilities,
        cooperation: '每週聯合例會，軟件開發部牽頭',
        leadDepartmentId: 'software-development',
        jointSolution: '分兩階段遷移，先測試環境後生產環境',
      });
    const development = { departmentId: 'software-development', responsibility: '開發接口與遷移腳本' };
    const maintenance = { departmentId: 'system-maintenance', responsibility: '準備目標環境與備份' };
    const partial = await record([development]);
    expect(partial.statusCode).toBe(409);
    expect(partial.json()).toMatchObject({ code: 'responsibility-missing' });
    await refusedRelease();

    expect((await record([development, maintenance])).statusCode).toBe(200);
    expect((await post(`/intake/demands/${id}/release-to-delivery`, {})).statusCode).toBe(200);
    const detail = (await get(`/intake/demands/${id}`)).json();
    expect(detail).toMatchObject({ status: 'in-delivery', leadDepartmentId: 'software-development', departmentsNamedBy: 'agent' });
    expect(detail.departments).toEqual(['software-development', 'system-maintenance']);

    // The departments that took on work go to delivery; what each took on stays in intake.
    const [release] = await releasesOf(id);
    expect(release.type).toBe(DEMAND_RELEASED_TO_DELIVERY_V3.type);
    expect(release.data).toMatchObject({
      leadDepartmentId: 'software-development',
      departmentIds: ['software-development', 'system-maintenance'],
      responsibleDepartmentIds: ['software-development', 'system-maintenance'],
    });
    expect(JSON.stringify(release)).not.toContain(development.responsibility);
  });

  it('records that the triage rules named the departments, when the agent keeps their suggestion', async () => {
    const admin = await suite.t.headersFor({ userId: 'admin', roles: ['administrator'] });
    const book = (await get('/intake/triage-rules', admin)).json();
    const rules = [
      ...book.rules,
      { ruleId: 'invoice-printing', name: 'Invoice printing needs development', when: { keywords: ['發票打印'] }, suggest: { involveDepartments: ['software-development'] } },
    ];
    expect((await suite.t.app.inject({ method: 'PUT', url: '/intake/triage-rules', payload: { basedOnVersion: book.version, rules }, headers: admin })).statusCode).toBe(200);

    const { id } = await ok('/intake/demands', phoneEnquiry(customerId, { subject: '發票打印錯位' }));
    await ok(`/intake/demands/${id}/triage`);
    const detail = (await get(`/intake/demands/${id}`)).json();
    expect(detail).toMatchObject({ departmentsNamedBy: 'triage-rules' });
    const [entry] = detail.timeline.filter((e: { entry: string }) => e.entry === 'DemandTriaged');
    expect(entry.details).toMatchObject({ involvement: { departmentIds: ['software-development'], namedBy: 'triage-rules' } });
  });

  it('refuses a department the registry does not know, and records nothing', async () => {
    const { id } = await ok('/intake/demands', phoneEnquiry(customerId));
    const response = await post(`/intake/demands/${id}/triage`, { departmentIds: ['legal'] });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ code: 'unknown-department' });
    const events = await suite.t.app.get<EventStore>(EVENT_STORE).readStream(demandStream(id));
    expect(events.map((e) => e.type)).toEqual(['DemandRegistered']);
  });
});
