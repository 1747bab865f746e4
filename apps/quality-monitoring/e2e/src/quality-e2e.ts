import { Contract, ManualClock } from '@serviceledger/platform/core';
import { IntegrationMessage, MessageBus, eachMessage } from '@serviceledger/platform/messaging';
import { MESSAGE_BUS } from '@serviceledger/platform/nest';
import { RequestHeaders, TestApp, createJsonSchemaValidator, publishedMessage, startTestApp } from '@serviceledger/platform/testing';
import { SERVICE_DELIVERY_CASE_TOPIC, SERVICE_DELIVERY_SOURCE, findServiceDeliveryContract } from '@serviceledger/service-delivery/contracts';
import { INTAKE_DEMAND_TOPIC, INTAKE_SOURCE, findIntakeContract } from '@serviceledger/intake/contracts';
import { IntakeModule, intakeService } from '@serviceledger/intake/service';
import { QualityMonitoringModule, qualityMonitoringService } from '@serviceledger/quality-monitoring/service';

export interface QualityE2e {
  t: TestApp;
  /** What a consumer of the listened topic received. */
  published: IntegrationMessage[];
  agent: RequestHeaders;
  monitor: RequestHeaders;
  customerId: string;
}

/**
 * Intake and quality monitoring in one app on a faked clock (these tests live in an app project because a
 * service library may not import another service), a listener on one of quality monitoring's topics, an
 * agent and a quality monitor, and one registered customer. `env`: configuration over the test defaults,
 * e.g. `EVENT_STORE: 'sqlite'` for the store `npm start` uses.
 */
export async function startQualityE2e(clock: ManualClock, listenTo: string, env: Record<string, string> = {}): Promise<QualityE2e> {
  const t = await startTestApp({ services: [intakeService, qualityMonitoringService], modules: [IntakeModule, QualityMonitoringModule], clock, env });
  const published: IntegrationMessage[] = [];
  await t.app.get<MessageBus>(MESSAGE_BUS).subscribe({ group: `test.listener.${listenTo}`, topics: [listenTo] }, eachMessage(async (m) => {
    published.push(m);
  }));
  const agent = await t.headersFor({ userId: 'agent-li', roles: ['agent'], departments: ['customer-service'] });
  const monitor = await t.headersFor({ userId: 'qm-zhao', roles: ['quality-monitor'], departments: [] });
  const registered = await t.app.inject({
    method: 'POST',
    url: '/intake/customers',
    payload: { organisation: '深圳某某科技有限公司', contactPerson: '王小明', phone: '+86 138 0013 8000', tier: 'gold' },
    headers: agent,
  });
  if (registered.statusCode !== 201) throw new Error(`customer registration answered ${registered.statusCode}: ${registered.body}`);
  return { t, published, agent, monitor, customerId: registered.json().id };
}

/**
 * Publishes a peer service's contract events on the bus as that service would, keyed by `keyOf` their data
 * and stamped with the clock's time, each checked against its schema first.
 */
function peerPublisher<Data extends Record<string, unknown>>(
  t: TestApp,
  clock: ManualClock,
  peer: { source: string; topic: string; keyOf: (data: Data) => string; contractOf: (type: string) => Contract | undefined },
) {
  return async (contract: { type: string }, data: Data): Promise<void> => {
    const time = clock.now().toISOString();
    const message = publishedMessage({ type: contract.type, topic: peer.topic }, { source: peer.source, key: peer.keyOf(data) }, { ...data, occurredAt: time }, time);
    if (!createJsonSchemaValidator().validate(peer.contractOf(contract.type)!.schema, message.data)) throw new Error(`${contract.type} does not match its schema`);
    await t.app.get<MessageBus>(MESSAGE_BUS).publish([message]);
  };
}

/** Publishes service-delivery contract events on the bus as service-delivery would, each checked against its schema. */
export const serviceDeliveryPublisher = (t: TestApp, clock: ManualClock) =>
  peerPublisher<{ caseId: string } & Record<string, unknown>>(t, clock, {
    source: SERVICE_DELIVERY_SOURCE,
    topic: SERVICE_DELIVERY_CASE_TOPIC,
    keyOf: (data) => data.caseId,
    contractOf: findServiceDeliveryContract,
  });

/** Publishes intake contract events on the bus as intake would, each checked against its schema. */
export const intakePublisher = (t: TestApp, clock: ManualClock) =>
  peerPublisher<{ demandId: string } & Record<string, unknown>>(t, clock, {
    source: INTAKE_SOURCE,
    topic: INTAKE_DEMAND_TOPIC,
    keyOf: (data) => data.demandId,
    contractOf: findIntakeContract,
  });
