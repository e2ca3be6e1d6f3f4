import type { IncomingMessage } from 'node:http';

export type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** What a route handler gets: decoded path parameters, the query, the parsed body and the runner. */
export interface RouteRequest {
  params: Record<string, string>;
  query: URLSearchParams;
  /** The parsed JSON body; undefined when the body is empty. */
  body: unknown;
  raw: IncomingMessage;
  /** The largest uploaded file a raw-body route may read (ROSTER_MAX_IMPORT_BYTES). */
  maxImportBytes: number;
  /**
   * Raw-body routes report their body's hash here once it is read, before they act. With an
   * Idempotency-Key it is stored with the answer; on a retry it throws instead: an
   * {@link IdempotentReplay} of the first answer (the route lets it through), or 409 for another body.
   */
  bodyHashed(hash: string): void;
  /** Runs a GraphQL operation as the caller; GraphQL errors are thrown as Resend errors. */
  run<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<T>;
}

/** Thrown by {@link RouteRequest.bodyHashed} on a retry: the first answer, sent as it was. */
export class IdempotentReplay extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super('Idempotent replay');
    this.name = 'IdempotentReplay';
  }
}

export interface RouteResponse {
  status: number;
  body: unknown;
}

export interface Route {
  method: Method;
  /** Resend's path, with `:name` parameters: `/contacts/:contact/segments/:segment`. */
  path: string;
  /** The handler reads the body itself (multipart); the router leaves it unread. */
  rawBody?: boolean;
  /** Honours an Idempotency-Key header (a retry with the same key and body gets the first answer). */
  idempotent?: boolean;
  handle(request: RouteRequest): Promise<RouteResponse>;
}

interface CompiledRoute {
  route: Route;
  /** Literal segments, or null where a parameter goes. */
  segments: (string | null)[];
  names: (string | null)[];
}

export type Match = { kind: 'route'; route: Route; params: Record<string, string> } | { kind: 'method_not_allowed' } | { kind: 'none' };

/**
 * The route table, compiled once: routes grouped by their number of segments, literal segments
 * compared as strings. Matching a path is a split and a few string comparisons, no regex and no
 * per-request allocation beyond the params object.
 */
export class Router {
  private readonly bySize = new Map<number, CompiledRoute[]>();

  constructor(readonly routes: readonly Route[]) {
    for (const route of routes) {
      const parts = route.path.split('/').slice(1);
      const compiled: CompiledRoute = {
        route,
        segments: parts.map((p) => (p.startsWith(':') ? null : p)),
        names: parts.map((p) => (p.startsWith(':') ? p.slice(1) : null)),
      };
      const list = this.bySize.get(parts.length) ?? [];
      list.push(compiled);
      this.bySize.set(parts.length, list);
    }
    // More literal segments first: `/contacts/imports` wins over `/contacts/:contact`.
    for (const list of this.bySize.values()) {
      list.sort((a, b) => b.segments.filter((s) => s !== null).length - a.segments.filter((s) => s !== null).length);
    }
  }

  match(method: string, path: string): Match {
    const parts = path.split('/').slice(1);
    const candidates = this.bySize.get(parts.length);
    if (!candidates) return { kind: 'none' };
    let pathKnown = false;
    let specificity = -1;
    for (const candidate of candidates) {
      if (!fits(candidate, parts)) continue;
      const literals = candidate.segments.filter((s) => s !== null).length;
      // Only routes as specific as the first fitting one count: GET /contacts/imports is not a contact.
      if (pathKnown && literals < specificity) break;
      specificity = literals;
      pathKnown = true;
      if (candidate.route.method !== method) continue;
      const params: Record<string, string> = {};
      for (let i = 0; i < parts.length; i++) {
        const name = candidate.names[i];
        if (name == null) continue;
        try {
          // Percent-decoded, but `+` stays `+`: the SDK puts emails raw into the path.
          params[name] = decodeURIComponent(parts[i] as string);
        } catch {
          return { kind: 'none' };
        }
      }
      return { kind: 'route', route: candidate.route, params };
    }
    return pathKnown ? { kind: 'method_not_allowed' } : { kind: 'none' };
  }
}

function fits(candidate: CompiledRoute, parts: string[]): boolean {
  for (let i = 0; i < parts.length; i++) {
    const literal = candidate.segments[i];
    const part = parts[i] as string;
    if (part.length === 0) return false;
    if (literal != null && literal !== part) return false;
  }
  return true;
}
