/** Network errors of a connection that could not be made or was lost (Node's `code`). */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE']);

/**
 * PostgreSQL's SQLSTATEs of a connection refused or lost rather than of a statement: class 08 (connection exception),
 * class 28 (invalid authorization: an unknown role, a wrong password), 3D000 (no such database), 57P01–57P03 (the
 * server shut down or cannot take connections yet) and 53300 (too many connections).
 */
const CONNECTION_SQLSTATE = /^(08...|28...|3D000|57P0[123]|53300)$/;

/** What pg says, without a code, of a connection that ended or could not be made in time. */
const CONNECTION_MESSAGES = [/^Connection terminated/, /^timeout exceeded when trying to connect/, /connection error and is not queryable/, /^The server does not support SSL connections/];

/**
 * Why a database operation failed, when the connection is to blame (the server cannot be reached, refuses the
 * connection or dropped it) rather than the statement: the error's message, e.g. `connect ECONNREFUSED
 * 127.0.0.1:5432` or `database "sl" does not exist`; undefined for any other error. Looks through TypeORM's
 * `driverError`, `cause` and the `errors` of an AggregateError (a host with several addresses).
 */
export function connectionFailureOf(error: unknown, depth = 0): string | undefined {
  if (typeof error !== 'object' || error === null || depth > 4) return undefined;
  const { code, message, driverError, cause, errors } = error as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown; errors?: unknown };
  const text = typeof message === 'string' ? message : '';
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || CONNECTION_SQLSTATE.test(code))) return text || code;
  if (CONNECTION_MESSAGES.some((pattern) => pattern.test(text))) return text;
  for (const inner of [driverError, cause, ...(Array.isArray(errors) ? errors : [])]) {
    const found = connectionFailureOf(inner, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** A connection URL as a message may show it: the password, in the user part or as a parameter, masked. */
export function maskedUrl(url: string): string {
  return url.replace(/^(\w[\w+.-]*:\/\/[^:/@]*:)[^@]*@/, '$1***@').replace(/([?&]password=)[^&]*/gi, '$1***');
}
