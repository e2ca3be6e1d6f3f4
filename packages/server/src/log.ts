import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger };

/** What every log line written while serving a request carries. */
export interface RequestContext {
  reqId: string;
  teamId?: string;
}

/**
 * The request being served, carried through every await: log lines written anywhere below the
 * HTTP handler (resolvers, the ORM, error masking) get its id without passing a logger around.
 */
export const requestContext = new AsyncLocalStorage<RequestContext>();

export interface LogOptions {
  level?: string;
  /** `pretty` for people at a terminal; JSON lines (one object per line) otherwise. */
  format?: 'json' | 'pretty';
  /** Where JSON lines go (stdout by default). */
  destination?: DestinationStream;
}

/**
 * Roster's structured logger (pino: JSON lines, cheap enough for a line per request). Each line
 * has `time`, `level`, `msg` and, inside a request, `reqId` (and `teamId` once known).
 */
export function createLogger({ level = 'info', format = 'json', destination }: LogOptions = {}): Logger {
  const options: pino.LoggerOptions = {
    level,
    // pid and host tell apart the processes of a scaled-out deployment.
    base: { service: 'roster', pid: process.pid, host: hostname() },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    mixin: () => ({ ...requestContext.getStore() }),
    ...(format === 'pretty' && !destination ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,host,service' } } } : {}),
  };
  return destination ? pino(options, destination) : pino(options);
}

/** Adds the caller's team to the current request's log lines, once the key is known. */
export function noteTeam(teamId: string): void {
  const store = requestContext.getStore();
  if (store) store.teamId = teamId;
}

/** Lines no one reads (tests, libraries used without a server) cost nothing. */
export const silentLogger: Logger = pino({ level: 'silent' });

// A caller's id is kept when it is a sane token, so a proxy's or client's id joins the two logs.
const CALLER_ID = /^[\w.:-]{1,128}$/;

export function requestIdOf(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value && CALLER_ID.test(value) ? value : randomUUID();
}

/** A message for a logger that takes strings (worker, LISTEN relay): warnings in the structured log. */
export function lineLogger(logger: Logger, component: string): (message: string) => void {
  const child = logger.child({ component });
  return (message) => child.warn(message);
}
