import { EventStore, ManualClock } from '@serviceledger/platform/core';
import { EVENT_STORE } from '@serviceledger/platform/nest';
import { RequestHeaders, TestApp, readYourWrites, startTestApp } from '@serviceledger/platform/testing';
import { demandStream } from '@serviceledger/intake/domain';
import { IntakeModule } from '../intake.module';
import { intakeService } from '../intake.service-definition';

/**
 * Issue 7, department scoping: department staff see and act on their departments' demands only, in
 * lists, details, the CSV export and queues; another department's demand is 404, never 403, so its
 * existence does not leak. Cross-department roles see every demand.
 */
describe('intake department scoping over HTTP', () => {
  const clock = new ManualClock(new Date('2026-12-01T01:00:00Z'));
  let t: TestApp;
  const as: Record<string, RequestHeaders> = {};
  let customerId: string;
  /** Registered, triaged and assigned to technical support. */
  let techDemand: string;
  /** A complaint assigned to technical support. */
  let techComplaint: string;
  /** Assigned to software development. */
  let devDemand: string;
  /** Complex, assigned to software development, involving system maintenance (P-2.2), coordinated with it. */
  let coordinated: string;
  /** Registered only: no department yet. */
  let unassigned: string;
  let all: string[];
  /** The open demands that involve technical support: its queue. */
  let techSupportQueue: string[];

  const { get, post, ok } = readYourWrites(() => t.app, () => as.agent);
  const idsIn = async (url: string, headers: RequestHeaders): Promise<string[]> => {
    const response = await get(url, headers);
    expect(response.statusCode).toBe(200);
    return response.json().items.map((d: { demandId: string }) => d.demandId).sort();
  };
  const sorted = (ids: string[]) => [...ids].sort();

  async function demand(overrides: object = {}): Promise<string> {
    const registered = await ok('/intake/demands', {
      customerId,
      contact: { name: '陳大文', phone: '+85291234567' },
      channel: 'phone',
      kind: 'enquiry',
      subject: '伺服器備份失敗',
      description: '昨晚的備份作業沒有完成。',
      businessCategory: 'technical-support',
      impact: 2,
      urgency: 2,
      ...overrides,
    });
    return registered.id;
  }
  async function assigned(overrides: object = {}, triage: object = {}): Promise<string> {
    const id = await demand(overrides);
    await ok(`/intake/demands/${id}/triage`, triage);
    await ok(`/intake/demands/${id}/assignment`);
    return id;
  }

  beforeAll(async () => {
    t = await startTestApp({ services: [intakeService], modules: [IntakeModule], clock });
    const principals: Record<string, { roles: string[]; departments: string[] }> = {
      agent: { roles: ['agent'], departments: ['customer-service'] },
      techMember: { roles: ['department-member'], departments: ['tech-support'] },
      devMember: { roles: ['department-member'], departments: ['software-development'] },
      maintenanceMember: { roles: ['department-member'], departments: ['system-maintenance'] },
      devHead: { roles: ['department-head'], departments: ['software-development'] },
      techAndMaintenanceHead: { roles: ['department-head'], departments: ['tech-support', 'system-maintenance'] },
      stranger: { roles: ['department-member'], departments: ['quality-assurance'] },
      nowhere: { roles: ['department-member'], departments: [] },
      'quality-monitor': { roles: ['quality-monitor'], departments: [] },
      analyst: { roles: ['analyst'], departments: [] },
      administrator: { roles: ['administrator'], departments: [] },
    };
    for (const [name, actor] of Object.entries(principals)) {
      as[name] = await t.headersFor({ userId: name, ...actor });
    }
    customerId = (await ok('/intake/customers', { organisation: '香港某某物流有限公司', contactPerson: '陳大文', phone: '+85291234567', tier: 'standard' })).id;

    techDemand = await assigned();
    techComplaint = await assigned({ kind: 'complaint', promisedResult: '三天內上門維修', subject: '維修延誤', impact: 1, urgency: 1 });
    devDemand = await assigned({ subject: '報表導出錯誤', businessCategory: 'software-development' });
    coordinated = await assigned(
      { subject: '系統集成與數據遷移', businessCategory: 'software-development' },
      { departmentIds: ['system-maintenance'] },
    );
    const { meetingId } = await ok(`/intake/demands/${coordinated}/coordination-meetings`, {
      scheduledAt: '2026-12-02T02:00:00Z',
      participants: [
        { departmentId: 'software-development', people: ['sd-lead'] },
        { departmentId: 'system-maintenance', people: ['sm-lead'] },
      ],
    });
    await ok(`/intake/demands/${coordinated}/coordination-meetings/${meetingId}/record`, {
      responsibilities: [
        { departmentId: 'software-development', responsibility: '開發遷移腳本' },
        { departmentId: 'system-maintenance', responsibility: '準備目標環境' },
      ],
      cooperation: '每週聯合例會',
      leadDepartmentId: 'software-development',
      jointSolution: '分兩階段遷移',
    });
    unassigned = await demand({ subject: '查詢合約續期' });
    all = sorted([techDemand, techComplaint, devDemand, coordinated, unassigned]);
    techSupportQueue = sorted([techDemand, techComplaint]);
  });
  afterAll(() => t.close());

  describe('a department member', () => {
    it("sees their department's demands, and only those, in the list, the detail, the CSV export and the queue", async () => {
      const own = sorted([techDemand, techComplaint]);
      expect(await idsIn('/intake/demands', as.techMember)).toEqual(own);
      expect((await get('/intake/demands?count=exact', as.techMember)).json().total).toBe(2);
      expect(await idsIn('/intake/departments/tech-support/queue', as.techMember)).toEqual(own);
      expect(await idsIn(`/intake/customers/${customerId}/demands`, as.techMember)).toEqual(own);

      const detail = await get(`/intake/demands/${techDemand}`, as.techMember);
      expect(detail.statusCode).toBe(200);
      expect(detail.json()).toMatchObject({ demandId: techDemand, departmentId: 'tech-support', departments: ['tech-support'] });

      const csv = await get('/intake/demands.csv', as.techMember);
      expect(csv.statusCode).toBe(200);
      expect(csv.headers['content-type']).toContain('text/csv');
      expect(csvIds(csv.body)).toEqual(own);
    });

    it("gets 404, not 403, on another department's demand, exactly as for a demand that does not exist", async () => {
      const hidden = await get(`/intake/demands/${techDemand}`, as.devMember);
      const missingId = '00000000-0000-4000-8000-000000000000';
      const missing = await get(`/intake/demands/${missingId}`, as.devMember);
      expect(hidden.statusCode).toBe(404);
      expect(hidden.json()).toEqual({ ...missing.json(), detail: `Demand ${techDemand} was not found` });
      expect(missing.json().detail).toBe(`Demand ${missingId} was not found`);
      expect((await get(`/intake/demands/${unassigned}`, as.devMember)).statusCode).toBe(404);
    });

    it("gets 404 on a command against another department's demand, and nothing is appended", async () => {
      const before = (await t.app.get<EventStore>(EVENT_STORE).readStream(demandStream(techDemand))).length;
      const note = await post(`/intake/demands/${techDemand}/notes`, { text: '看看' }, as.devMember);
      expect(note.statusCode).toBe(404);
      expect(note.json()).toMatchObject({ status: 404, detail: `Demand ${techDemand} was not found` });
      const reply = await post(`/intake/demands/${techDemand}/replies`, { channel: 'phone', body: '您好' }, as.devMember);
      expect(reply.statusCode).toBe(404);
      const reassign = await post(
        `/intake/demands/${techDemand}/reassignment`,
        { departmentId: 'software-development', ownerId: 'sd-lead', reason: '我們來處理' },
        as.devHead,
      );
      expect(reassign.statusCode).toBe(404);
      expect(reassign.json().detail).toBe(`Demand ${techDemand} was not found`);
      expect(await t.app.get<EventStore>(EVENT_STORE).readStream(demandStream(techDemand))).toHaveLength(before);
    });

    it('cannot widen their scope with a filter or by asking for another queue', async () => {
      expect(await idsIn('/intake/demands?department=tech-support', as.devMember)).toEqual([]);
      expect(await idsIn(`/intake/demands?customer=${customerId}`, as.devMember)).toEqual(sorted([devDemand, coordinated]));
      const queue = await get('/intake/departments/tech-support/queue', as.devMember);
      expect(queue.statusCode).toBe(200);
      expect(queue.json()).toEqual({ items: [], page: 1, pageSize: 50 });
      expect(csvIds((await get('/intake/demands.csv?department=tech-support', as.devMember)).body)).toEqual([]);
    });

    it('gets an empty list, an empty export and an empty queue where no case of theirs exists', async () => {
      for (const who of ['stranger', 'nowhere']) {
        const list = await get('/intake/demands', as[who]);
        expect(list.statusCode).toBe(200);
        expect(list.json()).toEqual({ items: [], page: 1, pageSize: 50 });
        const csv = await get('/intake/demands.csv', as[who]);
        expect(csv.statusCode).toBe(200);
        expect(csv.body).toBe('\uFEFF');
        expect(await idsIn('/intake/departments/quality-assurance/queue', as[who])).toEqual([]);
        expect(await idsIn(`/intake/customers/${customerId}/demands`, as[who])).toEqual([]);
        expect((await get(`/intake/demands/${techDemand}`, as[who])).statusCode).toBe(404);
      }
    });

    it("sees only their department's overdue complaints", async () => {
      clock.advance(7 * 24 * 60 * 60 * 1000);
      const overdue = async (headers: RequestHeaders) => {
        const response = await get('/intake/complaints/overdue', headers);
        expect(response.statusCode).toBe(200);
        return response.json().map((d: { demandId: string }) => d.demandId);
      };
      expect(await overdue(as.agent)).toEqual([techComplaint]);
      expect(await overdue(as.techMember)).toEqual([techComplaint]);
      expect(await overdue(as.devMember)).toEqual([]);
      expect(await overdue(as.stranger)).toEqual([]);
    });
  });

  describe('a department head', () => {
    it("sees their departments' demands only, including those their department coordinates", async () => {
      const theirs = sorted([techDemand, techComplaint, coordinated]);
      expect(await idsIn('/intake/demands', as.techAndMaintenanceHead)).toEqual(theirs);
      expect(csvIds((await get('/intake/demands.csv', as.techAndMaintenanceHead)).body)).toEqual(theirs);
      expect((await get(`/intake/demands/${coordinated}`, as.techAndMaintenanceHead)).statusCode).toBe(200);
      expect((await get(`/intake/demands/${devDemand}`, as.techAndMaintenanceHead)).statusCode).toBe(404);
      expect(await idsIn('/intake/demands', as.devHead)).toEqual(sorted([devDemand, coordinated]));
    });

    it("may act on their own department's demand, and gets 404 for another's", async () => {
      const note = await post(`/intake/demands/${devDemand}/notes`, { text: '已安排開發人員' }, as.devHead);
      expect(note.statusCode).toBe(201);
      const other = await post(`/intake/demands/${techDemand}/notes`, { text: '已安排開發人員' }, as.devHead);
      expect(other.statusCode).toBe(404);
    });
  });

  describe('a department at a coordination meeting', () => {
    it('sees the coordinated demand in its list, queue, export and detail, and may act on it', async () => {
      expect(await idsIn('/intake/demands', as.maintenanceMember)).toEqual([coordinated]);
      expect(await idsIn('/intake/departments/system-maintenance/queue', as.maintenanceMember)).toEqual([coordinated]);
      expect(csvIds((await get('/intake/demands.csv', as.maintenanceMember)).body)).toEqual([coordinated]);
      const detail = await get(`/intake/demands/${coordinated}`, as.maintenanceMember);
      expect(detail.statusCode).toBe(200);
      expect(detail.json()).toMatchObject({
        departmentId: 'software-development',
        leadDepartmentId: 'software-development',
        departments: ['software-development', 'system-maintenance'],
      });
      const note = await post(`/intake/demands/${coordinated}/notes`, { text: '目標環境已就緒' }, as.maintenanceMember);
      expect(note.statusCode).toBe(201);
    });
  });

  describe('when the departments involved change', () => {
    it('after a reassignment, the former department no longer sees or acts on the demand, and the new one does', async () => {
      const id = await assigned({ subject: '網絡交換機故障' });
      all = sorted([...all, id]);
      expect((await get(`/intake/demands/${id}`, as.techMember)).statusCode).toBe(200);
      await ok(`/intake/demands/${id}/reassignment`, { departmentId: 'software-development', ownerId: 'sd-lead', reason: '屬於固件問題' });

      expect(await idsIn('/intake/demands', as.techMember)).not.toContain(id);
      expect(csvIds((await get('/intake/demands.csv', as.techMember)).body)).not.toContain(id);
      expect((await get(`/intake/demands/${id}`, as.techMember)).statusCode).toBe(404);
      expect((await post(`/intake/demands/${id}/notes`, { text: '看看' }, as.techMember)).statusCode).toBe(404);

      expect(await idsIn('/intake/departments/software-development/queue', as.devMember)).toContain(id);
      const detail = await get(`/intake/demands/${id}`, as.devMember);
      expect(detail.statusCode).toBe(200);
      expect(detail.json()).toMatchObject({ departmentId: 'software-development', departments: ['software-development'] });
      expect((await post(`/intake/demands/${id}/notes`, { text: '已接手' }, as.devMember)).statusCode).toBe(201);
    });

    it('a department added to a coordination meeting gains the demand, and loses it when left out of a re-convened one', async () => {
      // Triage names technical support as involved (P-2.2): it sees the demand from then on, and attends each meeting.
      const id = await assigned(
        { subject: '數據遷移與接口對接', businessCategory: 'software-development' },
        { departmentIds: ['tech-support'] },
      );
      all = sorted([...all, id]);
      techSupportQueue = sorted([...techSupportQueue, id]);
      const meeting = (...others: string[]) => ({
        scheduledAt: '2026-12-10T02:00:00Z',
        participants: ['software-development', 'tech-support', ...others].map((departmentId) => ({
          departmentId,
          people: [`${departmentId}-lead`],
        })),
      });
      expect(await idsIn('/intake/demands', as.maintenanceMember)).not.toContain(id);
      await ok(`/intake/demands/${id}/coordination-meetings`, meeting('system-maintenance'));
      expect(await idsIn('/intake/demands', as.maintenanceMember)).toContain(id);

      await ok(`/intake/demands/${id}/coordination-meetings`, meeting());
      expect(await idsIn('/intake/demands', as.maintenanceMember)).not.toContain(id);
      expect((await get(`/intake/demands/${id}`, as.maintenanceMember)).statusCode).toBe(404);
      expect((await post(`/intake/demands/${id}/notes`, { text: '看看' }, as.maintenanceMember)).statusCode).toBe(404);
      const detail = await get(`/intake/demands/${id}`, as.techMember);
      expect(detail.statusCode).toBe(200);
      expect(detail.json().departments).toEqual(['software-development', 'tech-support']);
    });
  });

  describe.each(['agent', 'quality-monitor', 'analyst', 'administrator'])('the cross-department role %s', (role) => {
    it('sees every demand in the list, the export and the detail', async () => {
      expect(await idsIn('/intake/demands?pageSize=200', as[role])).toEqual(all);
      expect(csvIds((await get('/intake/demands.csv', as[role])).body)).toEqual(all);
      for (const id of all) expect((await get(`/intake/demands/${id}`, as[role])).statusCode).toBe(200);
      expect(await idsIn('/intake/departments/tech-support/queue', as[role])).toEqual(techSupportQueue);
    });
  });
});

/** The demand ids of a CSV export, sorted; [] for an export with no rows. */
function csvIds(csv: string): string[] {
  const [header, ...rows] = csv.replace(/^\uFEFF/, '').split('\r\n').filter((line) => line !== '');
  if (!header) return [];
  const column = header.split(',').indexOf('demandId');
  expect(column).toBeGreaterThanOrEqual(0);
  return rows.map((row) => row.split(',')[column]).sort();
}
