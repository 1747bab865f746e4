import { ExpectedVersion, describeExpected } from './event-store';

/** The stream moved on since it was read: the caller may re-read and decide again. */
export class WrongExpectedVersionError extends Error {
  override readonly name = 'WrongExpectedVersionError';
  constructor(
    readonly stream: string,
    readonly expected: ExpectedVersion,
    readonly actual: number | undefined,
  ) {
    super(
      `Stream ${stream} was expected at ${describeExpected(expected)} but is at ${
        actual === undefined ? 'no stream' : `version ${actual}`
      }`,
    );
  }
}


/** An event id that is already stored, but not as the same append: a retry must repeat the original exactly. */
export class DuplicateEventIdError extends Error {
  override readonly name = 'DuplicateEventIdError';
  constructor(readonly eventId: string, readonly stream: string) {
    super(`Event id ${eventId} is already stored, not as part of the same append to ${stream}`);
  }
}

/** A command that the aggregate's state forbids. Maps to 409 with `code` and the message. */
export class RuleViolation extends Error {
  override readonly name = 'RuleViolation';
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

/** A command addressed to an aggregate that does not exist. Maps to 404. */
export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
  constructor(readonly what: string, readonly id: string) {
    super(`${what} ${id} was not found`);
  }
}
