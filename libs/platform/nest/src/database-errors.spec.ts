import { RuleViolation } from '@serviceledger/platform/core';
import { connectionFailureOf, maskedUrl } from './database-errors';
import { toProblem } from './problem-details';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('a database error the connection is to blame for', () => {
  it('is one the server could not be reached for, refused, or dropped', () => {
    expect(connectionFailureOf(withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'))).toBe('connect ECONNREFUSED 127.0.0.1:5432');
    expect(connectionFailureOf(withCode('getaddrinfo ENOTFOUND db', 'ENOTFOUND'))).toBe('getaddrinfo ENOTFOUND db');
    expect(connectionFailureOf(withCode('terminating connection due to administrator command', '57P01'))).toBe('terminating connection due to administrator command');
    expect(connectionFailureOf(withCode('the database system is starting up', '57P03'))).toBe('the database system is starting up');
    expect(connectionFailureOf(withCode('connection failure', '08006'))).toBe('connection failure');
    expect(connectionFailureOf(withCode('password authentication failed for user "sl"', '28P01'))).toBe('password authentication failed for user "sl"');
    expect(connectionFailureOf(withCode('database "sl" does not exist', '3D000'))).toBe('database "sl" does not exist');
    expect(connectionFailureOf(new Error('Connection terminated unexpectedly'))).toBe('Connection terminated unexpectedly');
    expect(connectionFailureOf(new Error('timeout exceeded when trying to connect'))).toBe('timeout exceeded when trying to connect');
  });

  it('is found inside TypeORM’s QueryFailedError, a cause, or an AggregateError of a host’s addresses', () => {
    expect(connectionFailureOf(Object.assign(new Error('Error: read ECONNRESET'), { driverError: withCode('read ECONNRESET', 'ECONNRESET') }))).toBe('read ECONNRESET');
    expect(connectionFailureOf(new Error('could not append', { cause: withCode('connect ETIMEDOUT 10.0.0.5:5432', 'ETIMEDOUT') }))).toBe('connect ETIMEDOUT 10.0.0.5:5432');
    const both = new AggregateError([withCode('connect ECONNREFUSED ::1:5432', 'ECONNREFUSED'), withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')]);
    expect(connectionFailureOf(both)).toBe('connect ECONNREFUSED ::1:5432');
  });

  it('is not one a statement or the code is to blame for', () => {
    expect(connectionFailureOf(withCode('duplicate key value violates unique constraint "x"', '23505'))).toBeUndefined();
    expect(connectionFailureOf(withCode('relation "x" does not exist', '42P01'))).toBeUndefined();
    expect(connectionFailureOf(new RuleViolation('note-archived', 'An archived note cannot be archived again'))).toBeUndefined();
    expect(connectionFailureOf(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBeUndefined();
    expect(connectionFailureOf('ECONNREFUSED')).toBeUndefined();
  });

  it('answers 503 problem details that name no host, and anything else unexpected stays 500', () => {
    expect(toProblem(withCode('connect ECONNREFUSED 10.1.2.3:5432', 'ECONNREFUSED'))).toEqual({
      type: 'https://serviceledger.dev/problems/database-unavailable',
      title: 'Database unavailable',
      status: 503,
      detail: 'A database this service needs is unavailable; retry later',
    });
    expect(toProblem(new Error('boom'))).toMatchObject({ status: 500, title: 'Internal error' });
  });
});

describe('a connection URL in a message', () => {
  it('has its password masked, in the user part or as a parameter', () => {
    expect(maskedUrl('postgres://sl:s3cret@db:5432/sl')).toBe('postgres://sl:***@db:5432/sl');
    expect(maskedUrl('postgresql://sl@db/sl?sslmode=require&password=s3cret&x=1')).toBe('postgresql://sl@db/sl?sslmode=require&password=***&x=1');
    expect(maskedUrl('postgres://db/sl')).toBe('postgres://db/sl');
  });
});
