import { InProcessBus } from './in-process-bus';
import { IntegrationMessage, eachMessage } from './integration-message';

const TOPIC = 'serviceledger.test.thing.v1';

function message(id: string): IntegrationMessage {
  return { id, source: '/serviceledger/test', type: 'serviceledger.test.Opened.v1', subject: 'test.thing-1', time: '2026-11-02T01:00:00.000Z', topic: TOPIC, key: 'test.thing-1', data: {}, extensions: { correlationid: id, causationid: id } };
}

/** Lets every callback already queued run: what another group was handed by then, it was handed without waiting. */
const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('the in-process bus', () => {
  it('hands a message to every group at once, not one group after another, and resolves once every group handled it', async () => {
    const bus = new InProcessBus();
    const received: string[] = [];
    const handled: string[] = [];
    let seenByOthersWhileSlowHandled: string[] = [];
    await bus.subscribe({ group: 'slow', topics: [TOPIC] }, eachMessage(async (m) => {
      received.push(`slow:${m.id}`);
      await turn();
      seenByOthersWhileSlowHandled = received.filter((r) => !r.startsWith('slow:'));
      handled.push(`slow:${m.id}`);
    }));
    await bus.subscribe({ group: 'quick', topics: [TOPIC] }, eachMessage(async (m) => {
      received.push(`quick:${m.id}`);
      handled.push(`quick:${m.id}`);
    }));

    await bus.publish([message('m1')]);

    expect(seenByOthersWhileSlowHandled).toEqual(['quick:m1']);
    expect(handled.sort()).toEqual(['quick:m1', 'slow:m1']);
  });

  it('hands each group its messages of the batch at once, in order, and resolves only once every group handled all of them', async () => {
    const bus = new InProcessBus();
    const deliveries: string[] = [];
    const handled: string[] = [];
    await bus.subscribe({ group: 'slow', topics: [TOPIC] }, async (messages) => {
      deliveries.push(`slow: ${messages.map((m) => m.id).join(' ')}`);
      await turn();
      handled.push(...messages.map((m) => `slow:${m.id}`));
    });
    await bus.subscribe({ group: 'other-topic', topics: ['serviceledger.test.other.v1'] }, async (messages) => {
      deliveries.push(`other-topic: ${messages.map((m) => m.id).join(' ')}`);
    });
    await bus.subscribe({ group: 'quick', topics: [TOPIC] }, async (messages) => {
      deliveries.push(`quick: ${messages.map((m) => m.id).join(' ')}`);
    });

    await bus.publish([message('m1'), message('m2'), message('m3')]);

    expect(deliveries).toEqual(['slow: m1 m2 m3', 'quick: m1 m2 m3']);
    expect(handled).toEqual(['slow:m1', 'slow:m2', 'slow:m3']);
  });

  it('reports a group’s failure only once every other group handled the message', async () => {
    const bus = new InProcessBus();
    const handled: string[] = [];
    await bus.subscribe({ group: 'failing', topics: [TOPIC] }, async () => {
      throw new Error('the failing group could not handle it');
    });
    await bus.subscribe({ group: 'slow', topics: [TOPIC] }, eachMessage(async (m) => {
      await turn();
      handled.push(`slow:${m.id}`);
    }));

    await expect(bus.publish([message('m1')])).rejects.toThrow('the failing group could not handle it');
    expect(handled).toEqual(['slow:m1']);
  });
});
