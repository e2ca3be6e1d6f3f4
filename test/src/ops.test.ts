import { Writable } from 'node:stream';
import { createLogger } from '@roster/server/log';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Roster, startRoster, uploadCsv } from './harness';

// Operations: a structured JSON log line per request carrying its request id (and every other
// line logged while serving it), the id in the response and in unexpected errors, and Prometheus
// metrics behind their own token.

const TOKEN = 'metrics-token-0123456789';
const lines: Record<string, unknown>[] = [];
const sink = new Writable({
  write(chunk: Buffer, _encoding, done) {
    for (const line of chunk.toString().split('\n')) if (line) lines.push(JSON.parse(line) as Record<string, unknown>);
    done();
  },
});

let roster: Roster;
let key: string;

beforeAll(async () => {
  roster = await startRoster({ logger: createLogger({ level: 'info', destination: sink }), metricsToken: TOKEN });
  key = await roster.newKey('ops-team');
});
afterAll(() => roster?.close());

const graphql = (query: string, headers: Record<string, string> = {}) =>
  fetch(`${roster.url}/graphql`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });

async function logged(reqId: string): Promise<Record<string, unknown>> {
  await expect.poll(() => lines.some((l) => l.reqId === reqId && l.msg === 'request')).toBe(true);
  return lines.find((l) => l.reqId === reqId && l.msg === 'request')!;
}

describe('structured logs and request ids', () => {
  it('answers every request with an x-request-id and logs one JSON line for it with method, path, status, time and team', async () => {
    const response = await graphql('query OpsTeam { team { name } }');
    expect(response.status).toBe(200);
    const reqId = response.headers.get('x-request-id')!;
    expect(reqId).toMatch(/^[0-9a-f-]{36}$/);
    const line = await logged(reqId);
    expect(line).toMatchObject({ level: 'info', method: 'POST', path: '/graphql', status: 200, op: 'graphql OpsTeam', service: 'roster' });
    expect(typeof line.ms).toBe('number');
    expect(typeof line.time).toBe('string');
    const [team] = await roster.query<{ team_id: string }>('select team_id from api_key limit 1');
    expect(line.teamId).toBe(team!.team_id);
  });

  it('keeps a sane caller-given id and replaces a hostile one', async () => {
    const kept = await graphql('{ team { id } }', { 'x-request-id': 'lb-1234.abc' });
    expect(kept.headers.get('x-request-id')).toBe('lb-1234.abc');
    for (const hostile of ['a b"}', 'x'.repeat(300), '<script>']) {
      const replaced = await graphql('{ team { id } }', { 'x-request-id': hostile });
      expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('labels REST requests by route and carries the id on refusals', async () => {
    const response = await fetch(`${roster.url}/contacts/nobody@example.com`, { headers: { authorization: `Bearer ${key}` } });
    expect(response.status).toBe(404);
    const line = await logged(response.headers.get('x-request-id')!);
    expect(line).toMatchObject({ status: 404, op: 'rest GET /contacts/:contact' });
    const refused = await fetch(`${roster.url}/contacts`, { headers: { authorization: 'Bearer re_wrong_key_0123456789' } });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('x-request-id')).toBeTruthy();
  });
});

describe('GET /metrics', () => {
  it('is refused without the metrics token, and an API key is not the metrics token', async () => {
    expect((await fetch(`${roster.url}/metrics`)).status).toBe(401);
    const withKey = await fetch(`${roster.url}/metrics`, { headers: { authorization: `Bearer ${key}` } });
    expect(withKey.status).toBe(401);
    expect(await withKey.json()).toMatchObject({ name: 'invalid_metrics_token' });
  });

  it('is off (404 saying how to turn it on) when no token is configured', async () => {
    const plain = await startRoster({ workers: 0 });
    try {
      const response = await fetch(`${plain.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(response.status).toBe(404);
      expect((await response.json()) as { message: string }).toMatchObject({ message: expect.stringContaining('ROSTER_METRICS_TOKEN') });
    } finally {
      await plain.close();
    }
  });

  it('reports requests and latencies per operation, imports, subscriptions and pool usage in Prometheus format', async () => {
    await graphql('query OpsMetricsProbe { team { id } }');
    await uploadCsv(roster, key, 'email\nm1@example.com\nm2@example.com\n');
    const response = await fetch(`${roster.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    expect(text).toMatch(/roster_http_requests_total\{operation="graphql OpsMetricsProbe",status="200"\} 1/);
    expect(text).toMatch(/roster_http_request_duration_seconds_bucket\{le="[\d.]+",operation="graphql OpsMetricsProbe"\}/);
    expect(text).toMatch(/roster_imports\{status="queued"\} \d+/);
    expect(text).toMatch(/roster_imports\{status="in_progress"\} \d+/);
    expect(text).toMatch(/roster_import_rows_per_second \d/);
    expect(text).toMatch(/roster_open_subscriptions 0/);
    expect(text).toMatch(/roster_db_pool_connections\{pool="orm",state="used"\} \d+/);
    expect(text).toMatch(/roster_db_pool_connections\{pool="rest",state="idle"\} \d+/);
    expect(text).toMatch(/roster_process_resident_memory_bytes \d+/);
  });

  it('does not let clients mint unbounded labels with operation names', async () => {
    // More distinct names than the 200 labels kept: the rest are counted under "other".
    for (let batch = 0; batch < 5; batch++) {
      await Promise.all(Array.from({ length: 50 }, (_, i) => graphql(`query Ops_Flood_${batch * 50 + i} { team { id } }`)));
    }
    await graphql('query Bad$Name { team { id } }');
    const text = await (await fetch(`${roster.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).text();
    const names = new Set([...text.matchAll(/roster_http_requests_total\{operation="graphql ([^"]+)"/g)].map((m) => m[1]));
    expect(names.size).toBeLessThanOrEqual(201); // 200 kept names, plus "other"
    expect(names.has('other')).toBe(true);
    expect(text).not.toContain('Bad$Name');
  });
});
