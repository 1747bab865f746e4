import {
  ArgumentsHost,
  BadRequestException,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import type { SchemaObject } from '@nestjs/swagger';
import { ValidationError } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { connectionFailureOf } from './database-errors';
import { failedConstraints } from './validation-messages';
import {
  DuplicateEventIdError,
  NotFoundError,
  RuleViolation,
  WrongExpectedVersionError,
} from '@serviceledger/platform/core';

export interface FieldError {
  field: string;
  message: string;
}

/** RFC 9457 problem details. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  code?: string;
  errors?: FieldError[];
  /** read-model-behind: how far the read model had got when the wait ended. */
  checkpoint?: string;
  /** /health/ready, not ready: the state of each check. */
  checks?: Record<string, string>;
}

export const PROBLEM_BASE = 'https://serviceledger.dev/problems/';

/** ProblemDetails as the OpenAPI document describes it: the one schema of every error response. */
export const PROBLEM_DETAILS_SCHEMA: SchemaObject = {
  type: 'object',
  description: 'RFC 9457 problem details, the body of every error (`application/problem+json`)',
  required: ['type', 'title', 'status', 'detail'],
  properties: {
    type: { type: 'string', format: 'uri', description: 'What kind of problem: `invalid-input`, `rule-violation`, `not-found`, `forbidden`, …', example: `${PROBLEM_BASE}rule-violation` },
    title: { type: 'string', description: 'The kind, in words', example: 'Not allowed in the current state' },
    status: { type: 'integer', description: 'The HTTP status', example: 409 },
    detail: { type: 'string', description: 'What went wrong with this request', example: 'A closed demand cannot be assigned' },
    code: { type: 'string', description: 'rule-violation: the rule the state forbids breaking', example: 'demand-closed' },
    errors: {
      type: 'array',
      description: 'invalid-input: one entry per invalid field',
      items: {
        type: 'object',
        required: ['field', 'message'],
        properties: {
          field: { type: 'string', description: 'The field, nested ones dotted (`contact.phone`)', example: 'impact' },
          message: { type: 'string', example: 'impact must not be greater than 3' },
        },
      },
    },
    checkpoint: { type: 'string', description: 'read-model-behind: how far the read model had got when the wait ended' },
    checks: {
      type: 'object',
      additionalProperties: { type: 'string' },
      description: '/health/ready, not ready: the state of each check (`up`, `down`, `halted`, `failed`, `unknown`, `catching up: …`)',
      example: { eventStore: 'down', readModels: 'up' },
    },
    accepted: { type: 'array', items: { type: 'string' }, description: 'unsupported-media-type: the media types the operation takes', example: ['application/json'] },
  },
};

/** Thrown by the validation pipe: carries each field's messages. */
export class InvalidInputException extends BadRequestException {
  constructor(readonly fieldErrors: FieldError[]) {
    const fields = [...new Set(fieldErrors.map((e) => e.field))];
    super(`${fields.length} ${fields.length === 1 ? 'field is' : 'fields are'} invalid: ${fields.join(', ')}`);
  }
}

/** A query's `?after=` wait ended before the read model reached the checkpoint: 503 with Retry-After. */
export class ReadModelBehindError extends Error {
  static readonly retryAfterSeconds = 1;

  constructor(
    readonly projection: string,
    readonly wanted: string,
    readonly reached: string | undefined,
  ) {
    super(`The read model ${projection} has not reached checkpoint ${wanted} yet (it is at ${reached ?? 'the start'}); retry, or pass stale=allow to read it as it is`);
  }
}

/** Readiness: the process cannot do what its roles need; `checks` say the state of each (503). The health controller logs why. */
export class NotReadyError extends Error {
  constructor(readonly checks: Record<string, string>) {
    super(`Not ready: ${JSON.stringify(checks)}`);
  }
}

/** How soon a client may retry a request that found a database unavailable. */
const DATABASE_RETRY_AFTER_SECONDS = 5;

export function fieldErrorsOf(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = failedConstraints(error).map((message) => ({ field, message }));
    return [...own, ...fieldErrorsOf(error.children ?? [], field)];
  });
}

export function toProblem(error: unknown): ProblemDetails {
  if (error instanceof InvalidInputException) {
    return { type: `${PROBLEM_BASE}invalid-input`, title: 'Invalid input', status: 400, detail: error.message, errors: error.fieldErrors };
  }
  if (error instanceof ReadModelBehindError) {
    return { type: `${PROBLEM_BASE}read-model-behind`, title: 'Read model behind', status: 503, detail: error.message, ...(error.reached === undefined ? {} : { checkpoint: error.reached }) };
  }
  if (error instanceof NotReadyError) {
    return { type: `${PROBLEM_BASE}service-unavailable`, title: 'Service unavailable', status: 503, detail: error.message, checks: error.checks };
  }
  if (error instanceof RuleViolation) {
    return { type: `${PROBLEM_BASE}rule-violation`, title: 'Not allowed in the current state', status: 409, detail: error.message, code: error.code };
  }
  if (error instanceof WrongExpectedVersionError) {
    return { type: `${PROBLEM_BASE}version-conflict`, title: 'Concurrent modification', status: 409, detail: error.message };
  }
  if (error instanceof DuplicateEventIdError) {
    return { type: `${PROBLEM_BASE}duplicate-request`, title: 'Request already used', status: 409, detail: error.message };
  }
  if (error instanceof NotFoundError) {
    return { type: `${PROBLEM_BASE}not-found`, title: 'Not found', status: 404, detail: error.message };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const body = error.getResponse();
    const detail = typeof body === 'string' ? body : messageOf(body) ?? error.message;
    return { type: `${PROBLEM_BASE}${slug(HttpStatus[status] ?? 'error')}`, title: titleOf(status), status, detail };
  }
  if (connectionFailureOf(error) !== undefined) {
    return { type: `${PROBLEM_BASE}database-unavailable`, title: 'Database unavailable', status: 503, detail: 'A database this service needs is unavailable; retry later' };
  }
  return { type: `${PROBLEM_BASE}internal`, title: 'Internal error', status: 500, detail: 'An unexpected error occurred' };
}

/**
 * Turns every error into problem details; unexpected ones are logged and never leak internals. A lost database is
 * 503 with Retry-After, logged as one warning without a stack, at most every DATABASE_LOG_INTERVAL_MS (counting the
 * requests it answered so in between); readiness logs its own (HealthController).
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');
  private databaseLoggedAt = Number.NEGATIVE_INFINITY;
  private databaseUnlogged = 0;

  catch(error: unknown, host: ArgumentsHost): void {
    const problem = toProblem(error);
    const reply = problemReply(host.switchToHttp().getResponse<FastifyReply>(), problem);
    if (problem.type === `${PROBLEM_BASE}database-unavailable`) {
      this.logDatabaseUnavailable(connectionFailureOf(error)!);
      reply.header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
    } else if (problem.status >= 500 && !(error instanceof NotReadyError)) {
      this.logger.error(error instanceof Error ? error.stack ?? error.message : String(error));
    }
    if (error instanceof ReadModelBehindError) reply.header('retry-after', String(ReadModelBehindError.retryAfterSeconds));
    void reply.send(problem);
  }

  private logDatabaseUnavailable(why: string): void {
    const now = Date.now();
    if (now - this.databaseLoggedAt < DATABASE_LOG_INTERVAL_MS) {
      this.databaseUnlogged += 1;
      return;
    }
    const since = this.databaseUnlogged ? ` (${this.databaseUnlogged} more request(s) answered so since the previous such line)` : '';
    this.logger.warn(`A request was answered 503: a database is unavailable: ${why}${since}`);
    this.databaseLoggedAt = now;
    this.databaseUnlogged = 0;
  }
}

/** At most one line about a lost database in this long, however many requests it fails. */
export const DATABASE_LOG_INTERVAL_MS = 10_000;

/** The reply's status and media type for the problem, which the caller then sends (also before Nest routes a request). */
export function problemReply(reply: FastifyReply, problem: ProblemDetails): FastifyReply {
  return reply.status(problem.status).header('content-type', 'application/problem+json; charset=utf-8');
}

function messageOf(body: object): string | undefined {
  const message = (body as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : undefined;
}

function titleOf(status: number): string {
  const name = HttpStatus[status] ?? 'Error';
  return name.charAt(0) + name.slice(1).toLowerCase().replace(/_/g, ' ');
}

function slug(name: string): string {
  return name.toLowerCase().replace(/_/g, '-');
}
