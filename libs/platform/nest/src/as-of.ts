import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, Matches } from 'class-validator';
import { Clock, Decider, DomainEvent, EventStore, NotFoundError, fold } from '@serviceledger/platform/core';
import { InvalidInputException } from './problem-details';
import { ConsistentQuery } from './query-dto';

/** An instant with its offset: a local time without one would mean a different instant on each server. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** A detail read's query that may ask for the instance as it stood at an instant. */
export class AsOfQuery extends ConsistentQuery {
  @ApiPropertyOptional({
    format: 'date-time',
    example: '2026-12-07T09:30:00+08:00',
    description:
      'An instant, not in the future: answer `{ asOf, version, state }`, the state then, folded from the instance’s events up to that instant (version: the position of the last one)',
  })
  @IsOptional()
  @Matches(INSTANT, { message: 'asOf must be an instant with its offset, such as 2026-12-07T09:30:00+08:00' })
  @IsISO8601({ strict: true }, { message: 'asOf must be a real date and time' })
  asOf?: string;
}

/** An instance as it stood at `asOf`: `version` is the stream position of the last event folded into `state`. */
export interface AsOf<S> {
  asOf: string;
  version: number;
  state: S;
}

/** What folding an instance's stream needs of its aggregate. */
export interface FoldableAggregate<E extends DomainEvent, S> {
  name: string;
  streamPrefix: string;
  decider: Pick<Decider<never, E, S>, 'initialState' | 'evolve'>;
}

/**
 * The instance's state at `asOf`, folded with its decider's evolve from the events that occurred up to then, read
 * from the store as every read is (personal fields decrypted, old shapes upcast). The caller checks, first, that the
 * principal may see the instance, exactly as its detail read does. An instant in the future is 400: its answer
 * would change as time reaches it, and a client keeping it as the state then would keep a wrong one. 404 when the
 * instance did not exist yet.
 */
export async function stateAsOf<E extends DomainEvent, S>(store: EventStore, clock: Clock, aggregate: FoldableAggregate<E, S>, id: string, asOf: string): Promise<AsOf<S>> {
  const instant = Date.parse(asOf);
  if (instant > clock.now().getTime()) throw new InvalidInputException([{ field: 'asOf', message: 'asOf must not be in the future' }]);
  const events = await store.readStream(`${aggregate.streamPrefix}${id}`);
  // Stream order is the order of the decisions: the fold stops at the first event that occurred after the instant.
  const end = events.findIndex((event) => Date.parse(event.occurredAt) > instant);
  const folded = end === -1 ? events : events.slice(0, end);
  if (folded.length === 0) throw new NotFoundError(aggregate.name, id);
  return {
    asOf: new Date(instant).toISOString(),
    version: folded[folded.length - 1].streamPosition,
    state: fold(aggregate.decider, folded as unknown as E[]),
  };
}
