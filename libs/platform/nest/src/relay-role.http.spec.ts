import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EventStore } from '@serviceledger/platform/core';
import { newEvent, pollUntil, useTestApp } from '@serviceledger/platform/testing';
import { ServiceDefinition } from './service-definition';
import { SampleNotesModule, noteMessage, sampleService } from './testing/sample-notes';
import { EVENT_STORE } from './tokens';

/** The sample service with a relay whose mapper makes a message of a type the service publishes no contract for. */
const misrelayed: ServiceDefinition = {
  ...sampleService,
  relay: {
    filter: { streamPrefixes: ['sample.note-'] },
    contracts: [],
    map: (event) => noteMessage(event, 'serviceledger.sample.note-written.v1'),
  },
};

/** Issue 16: a relay needs the broker to do its work, so its readiness depends on it, and on its relay not having stopped. */
describe('a relay process (ROLES=relay) while the Kafka broker is unreachable', () => {
  const suite = useTestApp(
    { services: [misrelayed], modules: [SampleNotesModule], env: { ROLES: 'relay', MESSAGE_BUS: 'kafka', KAFKA_BROKERS: '127.0.0.1:1' } },
    { roles: ['agent'] },
  );
  const ready = () => suite.t.app.inject({ method: 'GET', url: '/health/ready' });

  it('starts, stays alive, and is not ready, saying the bus is down', async () => {
    expect((await suite.t.app.inject({ method: 'GET', url: '/health/live' })).statusCode).toBe(200);
    const answer = await ready();
    expect(answer.statusCode).toBe(503);
    expect(answer.json()).toMatchObject({
      detail: 'Not ready: {"eventStore":"up","readModels":"up","bus":"down","relay:sample":"up"}',
      checks: { eventStore: 'up', readModels: 'up', bus: 'down', 'relay:sample': 'up' },
    });
  });

  it('does not serve the HTTP API: a command is 404, before any token is asked for', async () => {
    const url = `/sample/notes/${randomUUID()}`;
    for (const headers of [suite.headers, {}]) {
      const refused = await suite.t.app.inject({ method: 'POST', url, payload: { title: 'x' }, headers });
      expect(refused.statusCode).toBe(404);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.json()).toMatchObject({
        status: 404,
        detail: `POST ${url} is not served by this process (ROLES=relay): it is served by processes with the api role`,
      });
    }
  });

  it('says in its readiness that its relay stopped, and in its log at which event and why', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn');
    try {
      const id = randomUUID();
      await suite.t.app.get<EventStore>(EVENT_STORE).appendToStream(`sample.note-${id}`, [newEvent('NoteWritten', { id, title: '契約' })]);
      const answer = await pollUntil(
        async () => (await ready()).json(),
        (body) => body.checks?.['relay:sample'] === 'halted',
        'the relay halted',
      );
      expect(answer.checks).toEqual({ eventStore: 'up', readModels: 'up', bus: 'down', 'relay:sample': 'halted' });
      expect(JSON.stringify(answer)).not.toContain('NoteWritten');
      const why = warn.mock.calls.map(([message]) => String(message)).find((message) => message.startsWith('Readiness: relay:sample is halted: '));
      expect(why).toContain('Relay sample stopped before event NoteWritten');
      expect(why).toContain('serviceledger.sample.note-written.v1 breaks the contract: the service publishes no contract of that type');
    } finally {
      warn.mockRestore();
    }
  });
});
