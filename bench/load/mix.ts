import type { EventEmitter } from 'node:events';
import autocannon, { type Result } from 'autocannon';
import { SEARCHES } from '../api/seed';
import { prng } from '../import/generate';

export type LoadClass = 'reads' | 'writes' | 'list';

const CONTACT_FIELDS = 'id email firstName lastName unsubscribed createdAt updatedAt';
const CONTACT_QUERY = `query LoadContact($id: ID!) { contact(id: $id) { ${CONTACT_FIELDS} properties { key type value } } }`;
const SEARCH_QUERY = `query LoadSearch($search: String!) { contacts(first: 50, filter: {search: $search}) { edges { node { ${CONTACT_FIELDS} } } pageInfo { hasNextPage endCursor } } }`;
const CREATE_MUTATION = 'mutation LoadCreate($input: CreateContactInput!) { createContact(input: $input) { __typename ... on Contact { id } } }';
const UPDATE_MUTATION = 'mutation LoadUpdate($id: ID!, $input: UpdateContactInput!) { updateContact(id: $id, input: $input) { __typename ... on Contact { id } } }';

interface Picks {
  id(): string;
  email(): string;
  search(): string;
  name(): string;
}

interface Kind {
  name: string;
  cls: LoadClass;
  /** Percent of all requests. */
  weight: number;
  /** Whether a successful answer added a contact (to check the count at the end). */
  creates?: boolean;
  request(picks: Picks): { method: string; path: string; body: string };
  /** GraphQL only: whether the `data` of a 200 answer is a success (no `errors`, the expected result member). */
  ok?(data: Record<string, unknown>): boolean;
}

interface GraphqlAnswer {
  data?: Record<string, unknown> | null;
  errors?: unknown;
}

const graphql = (query: string, variables: Record<string, unknown>) => ({ method: 'POST', path: '/graphql', body: JSON.stringify({ query, variables }) });
const typename = (value: unknown) => (value as { __typename?: string } | null)?.__typename;

/**
 * 80% reads, 15% writes, 5% list with search. Reads and writes are split evenly between the
 * Resend-compatible REST API (what apps call through the SDK) and GraphQL (what the admin calls);
 * REST has no search, so the list is GraphQL's.
 */
const KINDS: Kind[] = [
  { name: 'REST GET /contacts/{id}', cls: 'reads', weight: 40, request: (p) => ({ method: 'GET', path: `/contacts/${p.id()}`, body: '' }) },
  { name: 'GraphQL contact(id)', cls: 'reads', weight: 40, request: (p) => graphql(CONTACT_QUERY, { id: p.id() }), ok: (d) => d.contact != null },
  {
    name: 'REST POST /contacts',
    cls: 'writes',
    weight: 3.75,
    creates: true,
    request: (p) => ({ method: 'POST', path: '/contacts', body: JSON.stringify({ email: p.email(), first_name: p.name(), last_name: 'Load' }) }),
  },
  {
    name: 'GraphQL createContact',
    cls: 'writes',
    weight: 3.75,
    creates: true,
    request: (p) => graphql(CREATE_MUTATION, { input: { email: p.email(), firstName: p.name(), lastName: 'Load' } }),
    ok: (d) => typename(d.createContact) === 'Contact',
  },
  { name: 'REST PATCH /contacts/{id}', cls: 'writes', weight: 3.75, request: (p) => ({ method: 'PATCH', path: `/contacts/${p.id()}`, body: JSON.stringify({ first_name: p.name() }) }) },
  {
    name: 'GraphQL updateContact',
    cls: 'writes',
    weight: 3.75,
    request: (p) => graphql(UPDATE_MUTATION, { id: p.id(), input: { firstName: p.name() } }),
    ok: (d) => typename(d.updateContact) === 'Contact',
  },
  {
    name: 'GraphQL contacts(first: 50, search)',
    cls: 'list',
    weight: 5,
    request: (p) => graphql(SEARCH_QUERY, { search: p.search() }),
    ok: (d) => Array.isArray((d.contacts as { edges?: unknown } | null)?.edges),
  },
];

export const CLASSES: { cls: LoadClass; label: string; share: number }[] = (['reads', 'writes', 'list'] as const).map((cls) => ({
  cls,
  label: cls === 'list' ? 'list/search' : cls,
  share: KINDS.filter((k) => k.cls === cls).reduce((sum, k) => sum + k.weight, 0),
}));

export interface KindStats {
  name: string;
  cls: LoadClass;
  /** Requests of this kind sent; those not answered, timed out or failed were in flight when the load stopped. */
  sent: number;
  /** Milliseconds of each successful answer, as autocannon timed it (request written -> response parsed), and performance.now() when it came. */
  latencies: number[];
  answeredAt: number[];
  ok: number;
  non2xx: number;
  /** 200 answers carrying GraphQL `errors` or another result member than the expected one. */
  graphqlErrors: number;
  socketErrors: number;
  timeouts: number;
  /** A few distinct failures, for the report. */
  samples: string[];
}

export const failures = (s: Pick<KindStats, 'non2xx' | 'graphqlErrors' | 'socketErrors' | 'timeouts'>) => s.non2xx + s.graphqlErrors + s.socketErrors + s.timeouts;
export const inFlight = (s: KindStats) => s.sent - s.ok - failures(s);

export interface LoadResult {
  /** performance.now() when the connections opened and when the last one closed. */
  startedAt: number;
  endedAt: number;
  kinds: KindStats[];
  /** Contacts the load's answered creates added, and creates left in flight when it stopped (which may have added theirs). */
  created: number;
  createsInFlight: number;
  /** autocannon's own totals, as a cross-check of the per-kind counts. */
  totals: Pick<Result, 'errors' | 'timeouts' | 'non2xx'> & { responses: number };
}

export interface LoadOptions {
  port: number;
  apiKey: string;
  /** Contacts that exist, for point reads and updates. */
  ids: string[];
  connections: number;
  seconds: number;
  seed: number;
  /** Unique emails of the creates start with this. */
  emailPrefix: string;
}

export interface Load {
  done: Promise<LoadResult>;
  stop(): void;
}

// What the programmatic API does beyond bench/api/autocannon.d.ts: each connection's context
// object goes to setupRequest and onResponse; setupClient sees every connection.
interface Context {
  kind?: number;
}
interface BuiltRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
}
interface Connection extends EventEmitter {
  // Not public: the context of the request in flight, to charge a timeout or socket error to its kind.
  requestIterator?: { context?: Context };
}
interface Instance extends EventEmitter, PromiseLike<Result> {
  stop(): void;
}
type Start = (options: {
  url: string;
  connections: number;
  duration: number;
  timeout: number;
  headers: Record<string, string>;
  requests: (BuiltRequest & {
    setupRequest(request: BuiltRequest, context: Context): BuiltRequest;
    onResponse(status: number, body: string, context: Context): void;
  })[];
  setupClient(client: Connection): void;
}) => Instance;

/**
 * One autocannon instance, `connections` connections, each sending its next request when the
 * previous one answers. Every request is drawn from the weighted mix by one seeded PRNG, so the
 * completed requests follow the mix whatever each kind's latency (fixed connections per class
 * would not: a class twice as slow would get half its share). Each answer is charged to its kind
 * through the connection's context, which autocannon hands to onResponse just before it emits
 * `response` with the latency.
 */
export function startLoad(options: LoadOptions): Load {
  const random = prng(options.seed);
  let emails = 0;
  const picks: Picks = {
    id: () => options.ids[Math.floor(random() * options.ids.length)]!,
    email: () => `${options.emailPrefix}-${++emails}@load.example.com`,
    search: () => SEARCHES[Math.floor(random() * SEARCHES.length)]!,
    name: () => `Load${Math.floor(random() * 100_000)}`,
  };
  const total = KINDS.reduce((sum, k) => sum + k.weight, 0);
  const pick = (): number => {
    let r = random() * total;
    for (let i = 0; i < KINDS.length; i++) {
      r -= KINDS[i]!.weight;
      if (r < 0) return i;
    }
    return KINDS.length - 1;
  };
  const kinds: KindStats[] = KINDS.map((k) => ({ name: k.name, cls: k.cls, sent: 0, latencies: [], answeredAt: [], ok: 0, non2xx: 0, graphqlErrors: 0, socketErrors: 0, timeouts: 0, samples: [] }));
  let created = 0;
  let answered: { kind: number; ok: boolean } | null = null;
  let unmatched = 0;
  let running = true;

  const sample = (stats: KindStats, text: string) => {
    if (stats.samples.length < 3 && !stats.samples.includes(text)) stats.samples.push(text);
  };
  const onResponse = (status: number, body: string, context: Context) => {
    const index = context.kind ?? -1;
    const kind = KINDS[index];
    const stats = kinds[index];
    if (!kind || !stats) return;
    let ok = status >= 200 && status < 300;
    if (!ok) {
      stats.non2xx++;
      sample(stats, `HTTP ${status}: ${body.slice(0, 300)}`);
    } else if (kind.ok) {
      let parsed: GraphqlAnswer | null = null;
      try {
        parsed = JSON.parse(body) as GraphqlAnswer;
      } catch {}
      ok = !!parsed?.data && !parsed.errors && kind.ok(parsed.data);
      if (!ok) {
        stats.graphqlErrors++;
        sample(stats, `HTTP ${status}: ${body.slice(0, 300)}`);
      }
    }
    if (ok && kind.creates) created++;
    answered = { kind: index, ok };
  };
  const charge = (client: Connection, what: 'socketErrors' | 'timeouts', text: string) => {
    if (!running) return;
    const stats = kinds[client.requestIterator?.context?.kind ?? -1];
    if (!stats) return;
    stats[what]++;
    sample(stats, text);
  };

  const start = autocannon as unknown as Start;
  const startedAt = performance.now();
  const instance = start({
    url: `http://127.0.0.1:${options.port}`,
    connections: options.connections,
    duration: options.seconds,
    timeout: 10,
    // What the SDK sends: a JSON content type on every method.
    headers: { authorization: `Bearer ${options.apiKey}`, 'content-type': 'application/json' },
    requests: [
      {
        setupRequest: (request, context) => {
          const index = pick();
          context.kind = index;
          kinds[index]!.sent++;
          // autocannon adds Content-Length to the headers object returned here, and `request.headers`
          // is kept for the next request: without a copy, a GET after a POST would announce the
          // POST's body length and the server would wait for a body that never comes.
          return { ...request, headers: { ...request.headers }, ...KINDS[index]!.request(picks) };
        },
        onResponse,
      },
    ],
    setupClient: (client) => {
      client.on('timeout', () => charge(client, 'timeouts', 'timed out after 10 s'));
      client.on('connError', (error: Error) => charge(client, 'socketErrors', `socket error: ${error.message}`));
    },
  });
  instance.on('response', (_client: Connection, _status: number, _bytes: number, ms: number) => {
    const last = answered;
    answered = null;
    if (!last) {
      unmatched++;
      return;
    }
    const stats = kinds[last.kind]!;
    if (!last.ok) return;
    stats.ok++;
    stats.latencies.push(ms);
    stats.answeredAt.push(performance.now());
  });
  const done = Promise.resolve(instance).then((result) => {
    running = false;
    if (unmatched > 0) throw new Error(`${unmatched} responses could not be matched to their request kind (has autocannon changed?)`);
    return {
      startedAt,
      endedAt: performance.now(),
      kinds,
      created,
      createsInFlight: KINDS.reduce((n, k, i) => n + (k.creates ? inFlight(kinds[i]!) : 0), 0),
      totals: { errors: result.errors, timeouts: result.timeouts, non2xx: result.non2xx, responses: result.requests.total },
    };
  });
  return {
    done,
    stop: () => {
      running = false;
      instance.stop();
    },
  };
}

/** The q-quantile (0..1) of `values` sorted ascending; NaN when empty. */
export function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}
