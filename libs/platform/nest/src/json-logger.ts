import { LogLevel, LoggerService } from '@nestjs/common';
import { logFields, observability } from '@serviceledger/platform/observability';

/** Nest's level names as log tooling reads them. */
const LEVELS: Record<LogLevel, string> = { fatal: 'fatal', error: 'error', warn: 'warn', log: 'info', debug: 'debug', verbose: 'trace' };

/**
 * Structured logs (LOG_FORMAT=json): one JSON object a line, with the time, level, service and Nest context,
 * and the trace id, span id and correlation id of the request, command or message in hand, when there is one.
 * Every line goes to stdout, errors too: one stream of JSON for the log shipper, as pino does.
 */
export class JsonLogger implements LoggerService {
  constructor(
    private levels: LogLevel[],
    private readonly write: (line: string) => void = (line) => process.stdout.write(line),
  ) {}

  log(message: unknown, ...rest: unknown[]): void {
    this.print('log', message, rest);
  }

  error(message: unknown, ...rest: unknown[]): void {
    // Nest passes (message, stack, context), its Logger (message, undefined, context) when given no stack.
    const given = rest.length > 1 && (typeof rest[0] === 'string' || rest[0] === undefined) ? (rest.shift() as string | undefined) : undefined;
    this.print('error', message, rest, given ?? (message instanceof Error ? message.stack : undefined));
  }

  warn(message: unknown, ...rest: unknown[]): void {
    this.print('warn', message, rest);
  }

  debug(message: unknown, ...rest: unknown[]): void {
    this.print('debug', message, rest);
  }

  verbose(message: unknown, ...rest: unknown[]): void {
    this.print('verbose', message, rest);
  }

  fatal(message: unknown, ...rest: unknown[]): void {
    this.print('fatal', message, rest);
  }

  setLogLevels(levels: LogLevel[]): void {
    this.levels = levels;
  }

  private print(level: LogLevel, message: unknown, rest: unknown[], stack?: string): void {
    if (!this.levels.includes(level)) return;
    // Nest's Logger puts its context (the class that logs) last.
    const context = rest.length && typeof rest[rest.length - 1] === 'string' ? (rest.pop() as string) : undefined;
    const line = {
      time: new Date().toISOString(),
      level: LEVELS[level],
      service: observability().serviceName,
      ...(context ? { context } : {}),
      message: message instanceof Error ? message.message : typeof message === 'string' ? message : JSON.stringify(message),
      ...(rest.length ? { details: rest } : {}),
      ...(stack ? { stack } : {}),
      ...logFields(),
    };
    this.write(`${JSON.stringify(line)}\n`);
  }
}
