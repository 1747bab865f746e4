import { ManualClock } from '@serviceledger/platform/core';
import { RequestHeaders, TestApp, startTestApp } from '@serviceledger/platform/testing';
import { registerEnquiringCustomer } from '@serviceledger/intake/service/testing';
import { STANDALONE_MODULES, STANDALONE_SERVICES } from '../services';

export interface StandaloneE2e {
  t: TestApp;
  /** Customer service's agent. */
  agent: RequestHeaders;
  monitor: RequestHeaders;
  /** Tech-support's lead (a department member) and its head. */
  tsLead: RequestHeaders;
  tsHead: RequestHeaders;
  customerId: string;
}

/**
 * The standalone app (intake, service-delivery and quality monitoring as apps/standalone composes them) on
 * a faked clock, the people its end-to-end specs act as, and the enquiring customer, registered. `env`: configuration
 * over the test defaults, e.g. `EVENT_STORE: 'sqlite'` for the store `npm start` uses.
 */
export async function startStandaloneE2e(clock: ManualClock, env: Record<string, string> = {}): Promise<StandaloneE2e> {
  const t = await startTestApp({ services: STANDALONE_SERVICES, modules: STANDALONE_MODULES, clock, env });
  const agent = await t.headersFor({ userId: 'agent-li', roles: ['agent'], departments: ['customer-service'] });
  const monitor = await t.headersFor({ userId: 'qm-zhao', roles: ['quality-monitor'], departments: [] });
  const tsLead = await t.headersFor({ userId: 'ts-lead', roles: ['department-member'], departments: ['tech-support'] });
  const tsHead = await t.headersFor({ userId: 'ts-head', roles: ['department-head'], departments: ['tech-support'] });
  return { t, agent, monitor, tsLead, tsHead, customerId: await registerEnquiringCustomer(t, agent) };
}
