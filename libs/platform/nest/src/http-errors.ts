import { STATUS_CODES } from 'node:http';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { UNPARSED_METHOD, countUnroutedAnswer } from './http-metrics';
import { PROBLEM_BASE, ProblemDetails, problemReply } from './problem-details';
import { SECURITY_HEADERS } from './security-headers';

/**
 * The Fastify options under which the errors Fastify and Node answer themselves, before any route or hook runs,
 * are problem details like every other: a malformed URL (400), a path parameter over the router's length (414),
 * and a request whose header block is over Node's limit (431) or that is not HTTP at all (400). No hook runs
 * for them, so they carry the security headers and are counted in the request metrics here.
 */
export const problemServerOptions: Pick<FastifyServerOptions, 'frameworkErrors' | 'clientErrorHandler'> = {
  frameworkErrors: (error, request, reply) => {
    const problem = problemOf(error.statusCode ?? 500, error.message);
    void problemReply(reply.headers(SECURITY_HEADERS), problem).send(problem);
    countUnroutedAnswer(request.server, request.method, problem.status, reply.elapsedTime / 1000);
  },
  clientErrorHandler(this: FastifyInstance, error, socket) {
    // A reset connection is gone: there is no one to answer.
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    if (socket.writable) {
      const problem = clientProblem(error.code);
      const body = JSON.stringify(problem);
      socket.write(
        `HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status]}\r\n` +
          'Content-Type: application/problem+json; charset=utf-8\r\n' +
          Object.entries(SECURITY_HEADERS)
            .map(([name, value]) => `${name}: ${value}\r\n`)
            .join('') +
          `Content-Length: ${Buffer.byteLength(body)}\r\n` +
          'Connection: close\r\n\r\n' +
          body,
      );
      countUnroutedAnswer(this, UNPARSED_METHOD, problem.status);
    }
    socket.destroy(error);
  },
};

function clientProblem(code: string | undefined): ProblemDetails {
  if (code === 'HPE_HEADER_OVERFLOW') return problemOf(431, 'The request line and headers are larger than the server accepts');
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return problemOf(408, 'The request was not received in time');
  return problemOf(400, 'The request is not valid HTTP');
}

/** Titled and typed as the problem details of the app's own exceptions are: "Bad request", `…/bad-request`. */
function problemOf(status: number, detail: string): ProblemDetails {
  const [first, ...rest] = (STATUS_CODES[status] ?? 'Error').split(' ');
  const title = [first, ...rest.map((word) => (/^[A-Z]+$/.test(word) ? word : word.toLowerCase()))].join(' ');
  return { type: `${PROBLEM_BASE}${title.toLowerCase().replace(/\W+/g, '-')}`, title, status, detail };
}
