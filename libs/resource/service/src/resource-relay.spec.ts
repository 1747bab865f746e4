import { EventEnvelope } from '@serviceledger/platform/core';
import { IntegrationMessage } from '@serviceledger/platform/messaging';
import { eventStream } from '@serviceledger/platform/testing';
import { DOCUMENT_APPROVED_V1 } from '@serviceledger/resource/contracts';
import { ResourceRelayPart, composeResourceRelay } from './resource-relay';

const message = (envelope: EventEnvelope, type: string): IntegrationMessage => ({
  id: envelope.id,
  source: '/serviceledger/resource',
  type,
  subject: 'k',
  time: envelope.occurredAt,
  topic: 't',
  key: 'k',
  data: {},
  extensions: { correlationid: envelope.id, causationid: envelope.id },
});

describe('the resource relay, composed of its concepts’ parts', () => {
  const first: ResourceRelayPart = { filter: { streamPrefixes: ['resource.a-'] }, map: (e) => (e.stream.startsWith('resource.a-') ? message(e, 'a') : undefined), contracts: [DOCUMENT_APPROVED_V1] };
  const second: ResourceRelayPart = { filter: { streamPrefixes: ['resource.b-', 'resource.c-'] }, map: (e) => (e.stream.startsWith('resource.a-') ? undefined : message(e, 'b')), contracts: [] };

  it('is no relay without parts', () => {
    expect(composeResourceRelay([])).toBeUndefined();
  });

  it('reads every part’s streams, maps each event by the first part that maps it, and checks every part’s contracts', () => {
    const relay = composeResourceRelay([first, second]);
    expect(relay?.filter.streamPrefixes).toEqual(['resource.a-', 'resource.b-', 'resource.c-']);
    expect(relay?.contracts).toEqual([DOCUMENT_APPROVED_V1]);
    const a = eventStream<{ type: 'X'; data: object }>('resource.a-1')({ type: 'X', data: {} });
    const b = eventStream<{ type: 'X'; data: object }>('resource.b-1')({ type: 'X', data: {} });
    expect(relay?.map(a)).toMatchObject({ type: 'a' });
    expect(relay?.map(b)).toMatchObject({ type: 'b' });
  });
});
