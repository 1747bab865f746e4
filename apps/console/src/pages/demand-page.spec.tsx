import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { DemandDetail } from '../api/types';
import { formatDateTime } from '../format';
import { type Call, fakeApi, renderConsole, tokenFor } from '../testing/fake-api';

const agent = tokenFor({ sub: 'alice', roles: ['agent'], departments: ['customer-service'] });
const head = tokenFor({ sub: 'hank', roles: ['department-head'], departments: ['tech-support'] });
const member = tokenFor({ sub: 'mia', roles: ['department-member'], departments: ['tech-support'] });

const demand: DemandDetail = {
  demandId: 'd-1',
  reference: 'SR-2026-000001',
  customerId: 'c-1',
  channel: 'phone',
  kind: 'complaint',
  subject: '打印機無法連線',
  description: '網絡打印機無法連線',
  businessCategory: 'technical-support',
  impact: 2,
  urgency: 2,
  priority: 'P3',
  complexity: null,
  status: 'registered',
  departmentId: null,
  ownerId: null,
  contactName: '王**',
  contactPhone: '+861******8000',
  waitingSince: null,
  waitingOnThirdPartySince: null,
  receivedAt: '2026-12-07T01:00:00.000Z',
  registeredAt: '2026-12-07T01:00:00.000Z',
  firstResponseAt: null,
  complaintDueAt: '2099-12-07T09:00:00.000Z',
  complaintResolvedAt: null,
  complaintPromisedResult: '更換打印驅動並退還上門費',
  departments: [],
  timeline: [
    { position: 0, at: '2026-12-07T01:00:00.000Z', entry: 'DemandRegistered', visibility: 'customer', actorId: 'alice', details: { subject: '打印機無法連線' } },
    { position: 1, at: '2026-12-07T01:05:00.000Z', entry: 'CustomerMessageReceived', visibility: 'customer', actorId: 'email-channel', details: { channel: 'email', body: '請盡快處理' } },
    { position: 2, at: '2026-12-07T01:10:00.000Z', entry: 'InternalNoteAdded', visibility: 'internal', actorId: 'alice', details: { text: '客戶為金牌客戶' } },
    { position: 3, at: '2026-12-07T01:20:00.000Z', entry: 'DemandWaitingOnCustomer', visibility: 'customer', actorId: 'alice', details: { reason: '等待客戶提供型號' } },
  ],
};

// What intake's rules suggest for the registered demand (GET …/triage-suggestion); listed before the demand's own
// route, since the fake answers the first route a request's path starts with.
const suggestionRoute: Record<string, [number, unknown]> = {
  'GET /intake/demands/d-1/triage-suggestion': [200, { complexity: 'routine', priority: 'P3', businessCategory: 'technical-support', matchedRuleIds: ['tier-gold'], ruleSetVersion: 2 }],
};

describe("a demand's page", () => {
  it('shows the complaint promise with its countdown, and the timeline of messages, mail, notes and waits', async () => {
    fakeApi({ ...suggestionRoute, 'GET /intake/demands/d-1': [200, demand], 'GET /intake/departments': [200, { departments: [], routes: [] }] });
    renderConsole({ route: '/demands/d-1', token: agent });

    expect(await screen.findByRole('heading', { name: '需求 SR-2026-000001' })).toBeInTheDocument();
    expect(screen.getByText(/更換打印驅動並退還上門費/)).toBeInTheDocument();
    expect(screen.getByText(/^尚餘 /)).toBeInTheDocument();
    expect(screen.getByText('客戶來訊')).toBeInTheDocument();
    // The channels in words: the demand's (phone) and the mail's in the timeline.
    const channelRow = screen.getAllByText('渠道').map((label) => label.closest('tr')).find(Boolean) as HTMLElement;
    expect(within(channelRow).getByText('電話')).toBeInTheDocument();
    expect(screen.getByText('電郵')).toBeInTheDocument();
    expect(screen.getByText('請盡快處理')).toBeInTheDocument();
    expect(screen.getByText('客戶為金牌客戶')).toBeInTheDocument();
    expect(screen.getByText('等待客戶')).toBeInTheDocument();
    expect(screen.getByText('等待客戶提供型號')).toBeInTheDocument();
  });

  it("confirms triage with the rules' suggestion, and shows the API's refusal as its problem detail says", async () => {
    let triaged = false;
    const calls: Call[] = fakeApi({
      ...suggestionRoute,
      'GET /intake/demands/d-1': () =>
        triaged
          ? [
              200,
              {
                ...demand,
                status: 'triaged',
                complexity: 'routine',
                timeline: [
                  ...demand.timeline,
                  {
                    position: 4,
                    at: '2026-12-07T01:30:00.000Z',
                    entry: 'DemandTriaged',
                    visibility: 'internal',
                    actorId: 'alice',
                    details: { complexity: 'routine', priority: 'P3', suggestion: { complexity: 'routine', priority: 'P3', businessCategory: 'technical-support', matchedRuleIds: [], ruleSetVersion: 1 } },
                  },
                ],
              },
            ]
          : [200, demand],
      'POST /intake/demands/d-1/triage': () => {
        triaged = true;
        return [200, { id: 'd-1', checkpoint: '42' }];
      },
      'POST /intake/demands/d-1/assignment': [
        409,
        { type: 'https://serviceledger.dev/problems/conflict', title: 'Conflict', status: 409, detail: 'No routing rule for business category "technical-support"', rule: 'no-route' },
      ],
      'GET /intake/departments': [200, { departments: [{ departmentId: 'tech-support', name: '技術支持部', members: [] }], routes: [] }],
    });
    renderConsole({ route: '/demands/d-1', token: agent });

    // Before confirming, the agent reads what the rules suggest.
    expect(await screen.findByText('規則建議：常規、P3、technical-support（規則：tier-gold；規則版本 v2）')).toBeInTheDocument();
    await userEvent.click(await screen.findByRole('button', { name: '確認分類' }));
    expect(await screen.findByText(/規則建議：常規、P3、technical-support（規則：無規則命中；規則版本 v1）/)).toBeInTheDocument();
    expect(calls.find((call) => call.method === 'POST')).toEqual({ method: 'POST', url: '/intake/demands/d-1/triage', body: {} });
    await waitFor(() => expect(calls.some((call) => call.url === '/intake/demands/d-1?after=42')).toBe(true));

    await userEvent.click(await screen.findByRole('button', { name: '分派' }));
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('409 · 目前無法執行')).toBeInTheDocument();
    expect(within(alert).getByText('No routing rule for business category "technical-support"')).toBeInTheDocument();
  });

  describe('release to delivery', () => {
    const assigned: DemandDetail = { ...demand, status: 'assigned', complexity: 'routine', departmentId: 'tech-support', ownerId: 'hank', departments: ['tech-support'] };
    const releasedAt = '2026-12-07T02:00:00.000Z';
    const released: DemandDetail = {
      ...assigned,
      status: 'in-delivery',
      timeline: [
        ...assigned.timeline,
        { position: 4, at: releasedAt, entry: 'DemandReleasedToDelivery', visibility: 'internal', actorId: 'hank', details: { reference: 'SR-2026-000001', complexity: 'routine', departmentId: 'tech-support', ownerId: 'hank' } },
      ],
    };

    it('is given by a department head to an assigned demand, which is read again at the checkpoint and says when it was released', async () => {
      let releasedYet = false;
      const calls = fakeApi({
        'GET /intake/demands/d-1': () => [200, releasedYet ? released : assigned],
        'POST /intake/demands/d-1/release-to-delivery': () => {
          releasedYet = true;
          return [200, { id: 'd-1', checkpoint: '43' }];
        },
        'GET /intake/departments': [200, { departments: [], routes: [] }],
      });
      renderConsole({ route: '/demands/d-1', token: head });

      expect(await screen.findByText('服務交付將為此需求立案，並在案件中跟進方案與實施。涉及多個部門的複雜需求，須待協調會議記錄後方可轉交。')).toBeInTheDocument();
      await userEvent.click(screen.getByRole('button', { name: '轉交' }));

      expect(await screen.findByText(`已於 ${formatDateTime(releasedAt, 'zh-TW')} 轉交服務交付，服務交付將為其立案。`)).toBeInTheDocument();
      expect(calls.filter((call) => call.method === 'POST')).toEqual([{ method: 'POST', url: '/intake/demands/d-1/release-to-delivery', body: {} }]);
      expect(calls.some((call) => call.url === '/intake/demands/d-1?after=43')).toBe(true);
      expect(screen.getByRole('link', { name: '在交付案件中查看' })).toHaveAttribute('href', '#/delivery');
      expect(screen.getByText('交付中')).toBeInTheDocument();
      expect(screen.queryByRole('button', { name: '轉交' })).not.toBeInTheDocument();
    });

    it('is offered to an agent, and not to a department member, who may not assign demands', async () => {
      fakeApi({ 'GET /intake/demands/d-1': [200, assigned], 'GET /intake/departments': [200, { departments: [], routes: [] }] });
      const { unmount } = renderConsole({ route: '/demands/d-1', token: agent });
      expect(await screen.findByRole('button', { name: '轉交' })).toBeInTheDocument();
      unmount();

      renderConsole({ route: '/demands/d-1', token: member });
      expect(await screen.findByRole('heading', { name: '需求 SR-2026-000001' })).toBeInTheDocument();
      expect(screen.getByRole('button', { name: '新增備註' })).toBeInTheDocument();
      expect(screen.queryByRole('button', { name: '轉交' })).not.toBeInTheDocument();
    });

    it("shows the API's refusal as its problem detail says", async () => {
      fakeApi({
        'GET /intake/demands/d-1': [200, { ...assigned, complexity: 'complex', departments: ['tech-support', 'field-service'] }],
        'POST /intake/demands/d-1/release-to-delivery': [
          409,
          {
            type: 'https://serviceledger.dev/problems/conflict',
            title: 'Conflict',
            status: 409,
            detail: 'Demand SR-2026-000001 is complex and involves departments tech-support, field-service: it is released to delivery only once a coordination meeting has recorded each department’s responsibilities',
            rule: 'coordination-required',
          },
        ],
        'GET /intake/departments': [200, { departments: [], routes: [] }],
      });
      renderConsole({ route: '/demands/d-1', token: head });

      await userEvent.click(await screen.findByRole('button', { name: '轉交' }));
      const alert = await screen.findByRole('alert');
      expect(within(alert).getByText('409 · 目前無法執行')).toBeInTheDocument();
      expect(within(alert).getByText(/is released to delivery only once a coordination meeting has recorded/)).toBeInTheDocument();
      expect(screen.getByRole('button', { name: '轉交' })).toBeInTheDocument();
    });
  });
});
