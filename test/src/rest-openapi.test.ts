import { resendRoutes } from '@roster/rest-compat';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Roster, startRoster } from './harness';

// GET /openapi.json: generated from the route table, so every route is in it; public (no key).
let roster: Roster;

beforeAll(async () => {
  roster = await startRoster({ workers: 0 });
});
afterAll(() => roster?.close());

interface Document {
  openapi: string;
  servers: { url: string }[];
  paths: Record<string, Record<string, { responses: Record<string, unknown>; parameters?: { name: string; in: string }[] }>>;
  components: { securitySchemes: Record<string, { type: string; scheme: string }> };
  security: Record<string, string[]>[];
}

async function fetchDocument(headers: Record<string, string> = {}): Promise<{ status: number; contentType: string | null; document: Document }> {
  const response = await fetch(`${roster.url}/openapi.json`, { headers });
  const text = await response.text();
  return { status: response.status, contentType: response.headers.get('content-type'), document: JSON.parse(text) as Document };
}

describe('GET /openapi.json', () => {
  it('is served without a key, as JSON, with OpenAPI 3.1 and this server as its server', async () => {
    const { status, contentType, document } = await fetchDocument();
    expect(status).toBe(200);
    expect(contentType).toBe('application/json; charset=utf-8');
    expect(document.openapi).toMatch(/^3\.1\.\d+$/);
    expect(document.servers).toEqual([{ url: roster.url }]);
    expect(document.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(document.security).toEqual([{ bearerAuth: [] }]);
  });

  it('is served the same with a wrong key (it never looks at one)', async () => {
    const { status } = await fetchDocument({ authorization: 'Bearer re_not_a_key' });
    expect(status).toBe(200);
  });

  it('names the origin a proxy says the client used', async () => {
    const { document } = await fetchDocument({ 'x-forwarded-proto': 'https', 'x-forwarded-host': 'contacts.example.com' });
    expect(document.servers).toEqual([{ url: 'https://contacts.example.com' }]);
  });

  it('has every route of the table, with its method and path parameters', async () => {
    const { document } = await fetchDocument();
    expect(resendRoutes.length).toBeGreaterThanOrEqual(31);
    for (const route of resendRoutes) {
      const path = route.path.replace(/:(\w+)/g, '{$1}');
      const operation = document.paths[path]?.[route.method.toLowerCase()];
      expect(operation, `${route.method} ${route.path}`).toBeDefined();
      const pathParams = (operation?.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
      expect(pathParams).toEqual([...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]));
      expect(Object.keys(operation?.responses ?? {}).some((status) => status.startsWith('2'))).toBe(true);
    }
    // And nothing else: the document is the table.
    const operations = Object.values(document.paths).reduce((n, item) => n + Object.keys(item).length, 0);
    expect(operations).toBe(resendRoutes.length);
  });

  it('describes the request bodies and the idempotency header', async () => {
    const { document } = await fetchDocument();
    const create = document.paths['/contacts']?.post as unknown as {
      requestBody: { content: Record<string, { schema: { required: string[] } }> };
      parameters: { name: string; in: string }[];
      responses: Record<string, unknown>;
    };
    expect(create.requestBody.content['application/json']?.schema.required).toEqual(['email']);
    expect(create.parameters).toContainEqual(expect.objectContaining({ name: 'Idempotency-Key', in: 'header' }));
    expect(Object.keys(create.responses)).toContain('201');
  });
});
