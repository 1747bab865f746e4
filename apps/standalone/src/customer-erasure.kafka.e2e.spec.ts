import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { ManualClock } from '@serviceledger/platform/core';
import { KAFKA_BROKERS, describeWithKafka, eventually } from '@serviceledger/platform/testing';
import { STANDALONE_SERVICES } from './services';
import { CustomerToErase, registerCustomerToErase } from './testing/customer-to-erase';
import { StaffTextOnDemands, walkDemandsWithStaffText } from './testing/staff-text-on-demands';
import { StandaloneE2e, startStandaloneE2e } from './testing/standalone-e2e';

/**
 * Issue 18 over Kafka: public contracts carry ids, never personal fields, so no message the services
 * published, before or after the erasure, holds the customer's e-mail address, phone number or name, nor
 * what the customer or staff wrote on their demands (the reasons of a reclassification, a reassignment, a
 * closure and a withdrawal, the coordination agreed).
 */
describeWithKafka('erasing a customer over Kafka (R-3.1: 嚴格控制客戶信息的訪問權限,防止客戶信息泄露)', () => {
  const clock = new ManualClock(new Date('2026-11-02T01:00:00Z'));
  let e2e: StandaloneE2e;
  let customer: CustomerToErase;
  let walked: StaffTextOnDemands;

  beforeAll(async () => {
    e2e = await startStandaloneE2e(clock, { EVENT_STORE: 'sqlite', MESSAGE_BUS: 'kafka', KAFKA_BROKERS: KAFKA_BROKERS.join(','), KAFKA_CLIENT_ID: `erasure-${randomUUID()}` });
    customer = await registerCustomerToErase(e2e);
    walked = await walkDemandsWithStaffText(e2e, customer.customerId, customer.personal.name);
  }, 60000);
  afterAll(() => e2e?.t.close());

  /** Every record on the services' topics, keys, headers and values as text, read from the beginning by a throwaway group. */
  async function readEveryRecord(until: (records: string[]) => boolean): Promise<string[]> {
    const records: string[] = [];
    const consumer = new Kafka({ brokers: KAFKA_BROKERS, clientId: 'erasure-reader', logLevel: logLevel.NOTHING }).consumer({ groupId: `erasure-reader-${randomUUID()}`, maxWaitTimeInMs: 200 });
    await consumer.connect();
    try {
      await consumer.subscribe({ topics: [...new Set(STANDALONE_SERVICES.flatMap((s) => s.topics ?? []))], fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ message }) => {
          const headers = Object.values(message.headers ?? {}).map((value) => String(value));
          records.push([message.key?.toString() ?? '', ...headers, message.value?.toString() ?? ''].join('\n'));
        },
      });
      await eventually(async () => expect(until(records)).toBe(true), 30000);
    } finally {
      await consumer.disconnect();
    }
    return records;
  }

  it('publishes the demand (a customer message is not published) and the erasure, and none of the published records holds the personal data', async () => {
    expect((await customer.erase()).statusCode).toBe(200);
    const ours = (records: string[]) => records.filter((record) => record.includes(customer.demandId));
    const erasures = (records: string[]) => records.filter((record) => record.includes(customer.customerId) && record.includes('customer.erased'));
    // Other services publish about the demand too (quality monitoring's clocks): wait for intake's registration itself.
    const registered = (records: string[]) => ours(records).filter((record) => record.includes('demand.registered'));
    const ended = (records: string[]) =>
      records.some((record) => record.includes(walked.closedDemandId) && record.includes('intake.demand.closed')) &&
      records.some((record) => record.includes(walked.withdrawnDemandId) && record.includes('intake.demand.withdrawn'));
    const records = await readEveryRecord((seen) => registered(seen).length >= 1 && erasures(seen).length >= 1 && ended(seen));
    expect(registered(records)).not.toEqual([]);
    expect(erasures(records)).toHaveLength(1);
    // Nor what the customer wrote: demand.registered.v2 leaves the subject in intake (R-3.1, ADR 0016).
    for (const text of [...Object.values(customer.personal), ...Object.values(customer.freeText), ...Object.values(customer.staffText)]) expect(records.filter((record) => record.includes(text))).toEqual([]);
    // Nor what staff wrote on the demands: the versions intake publishes name departments and owners, not why.
    const published = (demandId: string) => records.filter((record) => record.includes(demandId) && record.includes('serviceledger.intake.'));
    expect(published(walked.closedDemandId).join('\n')).toEqual(expect.stringContaining('demand.reclassified.v2'));
    expect(published(walked.closedDemandId).join('\n')).toEqual(expect.stringContaining('demand.assigned.v2'));
    expect(published(walked.withdrawnDemandId).join('\n')).toEqual(expect.stringContaining('demand.coordination-agreed.v2'));
    expect(published(walked.withdrawnDemandId).join('\n')).toEqual(expect.stringContaining('demand.released-to-delivery.v3'));
    for (const text of Object.values(walked.staffText)) expect({ text, records: records.filter((record) => record.includes(text)) }).toEqual({ text, records: [] });
  }, 60000);
});
