import { IntegrationMessage, MessageBus, eachMessage } from '@serviceledger/platform/messaging';
import { MESSAGE_BUS } from '@serviceledger/platform/nest';
import { RequestHeaders, pollUntil, readYourWrites, useTestApp } from '@serviceledger/platform/testing';
import { COMPLAINT_REGISTERED_V3, INTAKE_DEMAND_TOPIC } from '@serviceledger/intake/contracts';
import { IntakeModule } from '../intake.module';
import { intakeService } from '../intake.service-definition';
import { phoneEnquiry } from '../testing/phone-enquiry';

/**
 * C-2.3 六(二)3 投訴處理溝通: "向客戶承諾處理時間和結果" — the company promises. A customer's complaint
 * through the portal comes without a promise; staff state it on the demand, and the promised handling
 * time runs from then. Staff taking a complaint by phone promise at once, as before.
 */
describe('a complaint a customer registers through the portal, promised by staff (C-2.3)', () => {
  const suite = useTestApp({ services: [intakeService], modules: [IntakeModule] }, { userId: 'agent-li', roles: ['agent'], departments: ['customer-service'] });
  const { get: getAs, post, ok } = readYourWrites(() => suite.t.app, () => suite.headers);
  const get = (url: string) => getAs(url, suite.headers);
  const published: IntegrationMessage[] = [];
  let customerId: string;
  let customer: RequestHeaders;

  beforeAll(async () => {
    await suite.t.app.get<MessageBus>(MESSAGE_BUS).subscribe({ group: 'portal-complaint-spec', topics: [INTAKE_DEMAND_TOPIC] }, eachMessage(async (message) => {
      published.push(message);
    }));
    customerId = (await ok('/intake/customers', { organisation: '廣州某某貿易有限公司', contactPerson: '陳小姐', phone: '+86 138 0013 8001', tier: 'standard' })).id;
    customer = await suite.t.headersFor({ userId: 'chen@customer', roles: ['customer'], customerId });
  });

  const portalComplaint = (changes: object = {}) => {
    const { customerId: _staffOnly, ...body } = phoneEnquiry(customerId, { kind: 'complaint', subject: '維修一再拖延', impact: 1, urgency: 2 });
    return { ...body, channel: 'web', subChannel: 'portal', ...changes };
  };

  it('registers a customer’s complaint without a promise, and refuses a promise the customer makes, naming the fields', async () => {
    const refused = await post('/intake/demands', portalComplaint({ promisedResult: '全額退款', promisedHandlingHours: 2 }), customer);
    expect(refused.statusCode).toBe(400);
    expect(new Set(refused.json().errors.map((e: { field: string }) => e.field))).toEqual(new Set(['promisedResult', 'promisedHandlingHours']));

    const registered = await post('/intake/demands', portalComplaint(), customer);
    expect(registered.statusCode).toBe(201);
    const detail = (await get(`/intake/demands/${registered.json().id}`)).json();
    expect(detail).toMatchObject({ kind: 'complaint', status: 'registered', complaintDueAt: null, complaintPromisedResult: null });
  });

  it('lets staff promise it, the handling time running from the promise; handled and resolved only once promised', async () => {
    const { id } = await ok('/intake/demands', portalComplaint(), customer);
    await ok(`/intake/demands/${id}/triage`);
    await ok(`/intake/demands/${id}/assignment`);
    const early = await post(`/intake/demands/${id}/complaint-result`, { channel: 'phone', result: '已安排工程師' });
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('complaint-promise-required');

    const noResult = await post(`/intake/demands/${id}/complaint-promise`, { promisedHandlingHours: 24 });
    expect(noResult.statusCode).toBe(400);
    const promised = await ok(`/intake/demands/${id}/complaint-promise`, { promisedResult: '三天內更換主板', promisedHandlingHours: 24 });
    const detail = (await get(`/intake/demands/${id}`)).json();
    expect(detail.complaintPromisedResult).toBe('三天內更換主板');
    const promisedAt = detail.timeline.find((e: { entry: string }) => e.entry === 'ComplaintRegistered').at;
    expect(Date.parse(detail.complaintDueAt) - Date.parse(promisedAt)).toBe(24 * 3_600_000);
    expect(promised.id).toBe(id);

    const again = await post(`/intake/demands/${id}/complaint-promise`, { promisedResult: '退款' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('complaint-already-promised');

    // Quality monitoring's promised-handling clock starts from the complaint.registered intake publishes now.
    const [message] = await pollUntil(
      async () => published.filter((m) => m.key === id && m.type === COMPLAINT_REGISTERED_V3.type),
      (found) => found.length === 1,
      `the complaint registered of ${id}`,
    );
    expect(message.data).toMatchObject({ promisedHandlingHours: 24, resultPromised: true });
  });

  it('still takes a complaint by phone with the promise staff give at once, and refuses one without it', async () => {
    const unpromised = await post('/intake/demands', phoneEnquiry(customerId, { kind: 'complaint' }));
    expect(unpromised.statusCode).toBe(400);
    expect(unpromised.json().errors).toEqual([expect.objectContaining({ field: 'promisedResult' })]);
    const { id } = await ok('/intake/demands', phoneEnquiry(customerId, { kind: 'complaint', promisedResult: '今日內回電' }));
    expect((await get(`/intake/demands/${id}`)).json()).toMatchObject({ complaintPromisedResult: '今日內回電', complaintDueAt: expect.any(String) });
    const twice = await post(`/intake/demands/${id}/complaint-promise`, { promisedResult: '退款' });
    expect(twice.json().code).toBe('complaint-already-promised');
  });
});
