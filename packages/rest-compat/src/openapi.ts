import { resendRoutes } from './index';
import type { Route } from './router';

/**
 * The OpenAPI 3.1 description of the REST API, generated from the route table: every route of
 * `resendRoutes` becomes an operation (its method, its path with `:param` as `{param}`), and the
 * descriptions below only add summaries, bodies and response schemas, keyed by
 * `${method} ${path}`. A route without an entry still appears with a generic description, so the
 * document cannot miss an endpoint; an entry without a route adds nothing.
 */

type Schema = Record<string, unknown>;

interface OperationInfo {
  summary: string;
  description?: string;
  /** Query parameters beyond the path's own. */
  query?: readonly QueryParam[];
  /** JSON request body schema (or `multipart` for a form upload). */
  body?: { schema: Schema; required?: boolean; multipart?: boolean };
  /** The success answer: status and the schema of its JSON body. */
  response: { status: 200 | 201; schema: Schema; description?: string };
}

interface QueryParam {
  name: string;
  description: string;
  schema: Schema;
}

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const str = (description?: string): Schema => ({ type: 'string', ...(description ? { description } : {}) });
const nullableStr = (description?: string): Schema => ({ type: ['string', 'null'], ...(description ? { description } : {}) });
const constant = (value: string): Schema => ({ type: 'string', const: value });
const object = (properties: Record<string, Schema>, required: string[] = Object.keys(properties)): Schema => ({
  type: 'object',
  properties,
  required,
});
const list = (item: Schema): Schema => object({ object: constant('list'), has_more: { type: 'boolean' }, data: { type: 'array', items: item } });
const created = (tag: string, extra: Record<string, Schema> = {}): Schema => object({ object: constant(tag), id: str(), ...extra });
const deleted = (tag: string, extra: Record<string, Schema> = {}): Schema => object({ object: constant(tag), id: str(), deleted: { type: 'boolean', const: true }, ...extra });

const PAGE: readonly QueryParam[] = [
  { name: 'limit', description: 'Items per page, 1-100 (the endpoint default when absent).', schema: { type: 'integer', minimum: 1, maximum: 100 } },
  { name: 'after', description: 'The id of the item to start after (older items). Not with `before`.', schema: { type: 'string' } },
  { name: 'before', description: 'The id of the item to end before (newer items). Not with `after`.', schema: { type: 'string' } },
];

const ALL_BY_DEFAULT = 'Without `limit`, every item in one page (`has_more: false`).';

const SUBSCRIPTION: Schema = { type: 'string', enum: ['opt_in', 'opt_out'] };
const PROPERTY_VALUE: Schema = { type: ['string', 'number', 'boolean', 'null'] };
const TOPIC_CHOICE = object({ id: str('Topic id'), subscription: SUBSCRIPTION });

const CONTACT_BODY = object(
  {
    email: str('Unique per team (case-insensitive). An existing email answers 201 with the stored contact, unchanged.'),
    first_name: nullableStr(),
    last_name: nullableStr(),
    unsubscribed: { type: 'boolean', default: false },
    properties: { type: 'object', additionalProperties: PROPERTY_VALUE, description: 'Property key -> value; each key must exist and the value match its type.' },
    segments: { type: 'array', items: object({ id: str('Segment id') }) },
    topics: { type: 'array', items: TOPIC_CHOICE },
  },
  ['email'],
);
const CONTACT_UPDATE = object(
  {
    first_name: nullableStr(),
    last_name: nullableStr(),
    unsubscribed: { type: 'boolean' },
    properties: { type: 'object', additionalProperties: PROPERTY_VALUE, description: 'A null value removes the property.' },
  },
  [],
);

const schemas: Record<string, Schema> = {
  Error: object({ statusCode: { type: 'integer' }, message: str(), name: str("Resend's error name, e.g. `not_found`, `validation_error`.") }),
  Timestamp: { type: 'string', description: 'PostgreSQL text form, `2026-01-02 03:04:05.67+00` (millisecond precision).' },
  ContactSummary: object({
    id: str(),
    email: str(),
    first_name: nullableStr(),
    last_name: nullableStr(),
    created_at: ref('Timestamp'),
    unsubscribed: { type: 'boolean' },
  }),
  Contact: {
    allOf: [
      ref('ContactSummary'),
      object({
        object: constant('contact'),
        properties: {
          type: 'object',
          additionalProperties: object({ value: PROPERTY_VALUE, type: { type: 'string', enum: ['string', 'number', 'boolean'] } }),
        },
      }),
    ],
  },
  ContactSegment: object({ id: str(), name: str(), created_at: ref('Timestamp'), added_at: ref('Timestamp') }),
  ContactTopic: object({ id: str(), name: str(), description: nullableStr(), subscription: SUBSCRIPTION }),
  Segment: object({ id: str(), name: str(), created_at: ref('Timestamp') }),
  Topic: object({
    id: str(),
    name: str(),
    description: nullableStr(),
    default_subscription: SUBSCRIPTION,
    visibility: { type: 'string', enum: ['public', 'private'] },
    created_at: ref('Timestamp'),
  }),
  ContactProperty: object({
    id: str(),
    key: str(),
    type: { type: 'string', enum: ['string', 'number', 'boolean'] },
    fallback_value: PROPERTY_VALUE,
    created_at: ref('Timestamp'),
  }),
  ContactImport: object({
    object: constant('contact_import'),
    id: str(),
    status: { type: 'string', enum: ['queued', 'in_progress', 'completed', 'failed'] },
    created_at: ref('Timestamp'),
    completed_at: { anyOf: [ref('Timestamp'), { type: 'null' }] },
    counts: object({
      total: { type: 'integer' },
      created: { type: 'integer' },
      updated: { type: 'integer' },
      skipped: { type: 'integer' },
      failed: { type: 'integer' },
    }),
  }),
};

const tagged = (tag: string, name: string): Schema => ({ allOf: [object({ object: constant(tag) }), ref(name)] });

const descriptions: Record<string, OperationInfo> = {
  'POST /contacts': {
    summary: 'Create a contact',
    description: 'Honours `Idempotency-Key`.',
    body: { schema: CONTACT_BODY, required: true },
    response: { status: 201, schema: created('contact') },
  },
  'GET /contacts': {
    summary: 'List contacts',
    description: `Newest first. ${ALL_BY_DEFAULT}`,
    query: [...PAGE, { name: 'segment_id', description: "Only this segment's contacts.", schema: { type: 'string' } }],
    response: { status: 200, schema: list(ref('ContactSummary')) },
  },
  'GET /contacts/:contact': { summary: 'Get a contact by id or email', response: { status: 200, schema: ref('Contact') } },
  'PATCH /contacts/:contact': {
    summary: 'Update a contact',
    body: { schema: CONTACT_UPDATE },
    response: { status: 200, schema: created('contact') },
  },
  'DELETE /contacts/:contact': {
    summary: 'Delete a contact',
    response: { status: 200, schema: deleted('contact', { contact: str('The contact id, even when addressed by email.') }) },
  },
  'GET /segments/:segment/contacts': {
    summary: "List a segment's contacts",
    description: ALL_BY_DEFAULT,
    query: PAGE,
    response: { status: 200, schema: list(ref('ContactSummary')) },
  },
  'GET /contacts/:contact/segments': {
    summary: "List a contact's segments",
    description: ALL_BY_DEFAULT,
    query: PAGE,
    response: { status: 200, schema: list(ref('ContactSegment')) },
  },
  'POST /contacts/:contact/segments/:segment': {
    summary: 'Add a contact to a segment',
    description: 'No body (an empty body with a JSON content type is accepted).',
    response: { status: 200, schema: object({ object: constant('contact_segment'), id: str('The segment id'), contact_id: str(), segment_id: str() }) },
  },
  'DELETE /contacts/:contact/segments/:segment': {
    summary: 'Remove a contact from a segment',
    response: {
      status: 200,
      schema: object({ object: constant('contact_segment'), id: str(), audienceId: str(), contact_id: str(), segment_id: str(), deleted: { type: 'boolean' } }),
    },
  },
  'GET /contacts/:contact/topics': {
    summary: "List every topic with the contact's subscription",
    description: ALL_BY_DEFAULT,
    query: PAGE,
    response: { status: 200, schema: list(ref('ContactTopic')) },
  },
  'PATCH /contacts/:contact/topics': {
    summary: "Set a contact's topic subscriptions",
    description: 'A bare array (what the SDKs send) or `{topics: [...]}`.',
    body: { schema: { oneOf: [{ type: 'array', items: TOPIC_CHOICE }, object({ topics: { type: 'array', items: TOPIC_CHOICE } })] }, required: true },
    response: {
      status: 200,
      schema: object({ object: constant('contact_topics'), id: str(), contact_id: str(), topics: { type: 'array', items: TOPIC_CHOICE } }),
    },
  },
  'POST /contacts/imports': {
    summary: 'Import contacts from a CSV file',
    description: 'Answers once the file is stored; rows are imported in the background. Honours `Idempotency-Key`.',
    body: {
      multipart: true,
      required: true,
      schema: object(
        {
          file: { type: 'string', contentMediaType: 'text/csv', description: 'The CSV file (with or without a filename).' },
          column_map: str('JSON: `{email, first_name, last_name, unsubscribed, properties: {key: {column, type}}}`'),
          on_conflict: { type: 'string', enum: ['upsert', 'skip'], default: 'upsert' },
          segments: str('JSON: `[{"id": "<segment id>"}]`'),
          topics: str('JSON: `[{"id": "<topic id>", "subscription": "opt_in"}]`'),
        },
        ['file'],
      ),
    },
    response: { status: 201, schema: created('contact_import') },
  },
  'GET /contacts/imports': {
    summary: 'List contact imports',
    description: 'Default `limit` 10.',
    query: [...PAGE, { name: 'status', description: 'Only imports in this status.', schema: { type: 'string', enum: ['queued', 'in_progress', 'completed', 'failed'] } }],
    response: { status: 200, schema: list(ref('ContactImport')) },
  },
  'GET /contacts/imports/:import': { summary: 'Get a contact import and its counts', response: { status: 200, schema: ref('ContactImport') } },
  'POST /segments': {
    summary: 'Create a segment',
    body: { schema: object({ name: str() }), required: true },
    response: { status: 201, schema: created('segment', { name: str() }) },
  },
  'GET /segments': { summary: 'List segments', description: ALL_BY_DEFAULT, query: PAGE, response: { status: 200, schema: list(ref('Segment')) } },
  'GET /segments/:segment': { summary: 'Get a segment', response: { status: 200, schema: tagged('segment', 'Segment') } },
  'PATCH /segments/:segment': {
    summary: 'Rename a segment',
    body: { schema: object({ name: str() }), required: true },
    response: { status: 200, schema: created('segment') },
  },
  'DELETE /segments/:segment': {
    summary: 'Delete a segment',
    description: 'An unknown id also answers `deleted: true`, as Resend does.',
    response: { status: 200, schema: deleted('segment') },
  },
  'POST /topics': {
    summary: 'Create a topic',
    body: {
      schema: object(
        {
          name: { type: 'string', maxLength: 50 },
          default_subscription: SUBSCRIPTION,
          description: { type: 'string', maxLength: 200 },
          visibility: { type: 'string', enum: ['public', 'private'], default: 'private' },
        },
        ['name', 'default_subscription'],
      ),
      required: true,
    },
    response: { status: 201, schema: created('topic') },
  },
  'GET /topics': { summary: 'List topics', description: 'Default `limit` 20.', query: PAGE, response: { status: 200, schema: list(ref('Topic')) } },
  'GET /topics/:topic': { summary: 'Get a topic', response: { status: 200, schema: tagged('topic', 'Topic') } },
  'PATCH /topics/:topic': {
    summary: 'Update a topic',
    description: '`default_subscription` cannot change.',
    body: {
      schema: object(
        { name: { type: 'string', maxLength: 50 }, description: { type: 'string', maxLength: 200 }, visibility: { type: 'string', enum: ['public', 'private'] } },
        [],
      ),
    },
    response: { status: 200, schema: created('topic') },
  },
  'DELETE /topics/:topic': { summary: 'Delete a topic', response: { status: 200, schema: deleted('topic') } },
  'POST /contact-properties': {
    summary: 'Create a contact property',
    body: {
      schema: object(
        {
          key: { type: 'string', maxLength: 50, pattern: '^[A-Za-z0-9_]+$' },
          type: { type: 'string', enum: ['string', 'number', 'boolean'] },
          fallback_value: PROPERTY_VALUE,
        },
        ['key', 'type'],
      ),
      required: true,
    },
    response: { status: 201, schema: created('contact_property') },
  },
  'GET /contact-properties': {
    summary: 'List contact properties',
    description: 'Default `limit` 20.',
    query: PAGE,
    response: { status: 200, schema: list(ref('ContactProperty')) },
  },
  'GET /contact-properties/:property': { summary: 'Get a contact property', response: { status: 200, schema: tagged('contact_property', 'ContactProperty') } },
  'PATCH /contact-properties/:property': {
    summary: "Change a contact property's fallback value",
    description: '`key` and `type` cannot change.',
    body: { schema: object({ fallback_value: PROPERTY_VALUE }, []) },
    response: { status: 200, schema: created('contact_property') },
  },
  'DELETE /contact-properties/:property': { summary: 'Delete a contact property', response: { status: 200, schema: deleted('contact_property') } },
  'POST /audiences/:audience/contacts': {
    summary: 'Create a contact in an audience (legacy; an audience is a segment)',
    body: { schema: CONTACT_BODY, required: true },
    response: { status: 201, schema: created('contact') },
  },
  'GET /audiences/:audience/contacts/:contact': { summary: 'Get a contact (legacy audience path)', response: { status: 200, schema: ref('Contact') } },
  'PATCH /audiences/:audience/contacts/:contact': {
    summary: 'Update a contact (legacy audience path)',
    body: { schema: CONTACT_UPDATE },
    response: { status: 200, schema: created('contact') },
  },
  'DELETE /audiences/:audience/contacts/:contact': {
    summary: 'Delete a contact (legacy audience path)',
    description: 'Answers `deleted: true` with the contact as given, even when it never existed.',
    response: { status: 200, schema: object({ object: constant('contact'), contact: str(), deleted: { type: 'boolean' } }) },
  },
};

const PARAMETER_DESCRIPTIONS: Record<string, string> = {
  contact: 'A contact id or email (raw `+`, percent-decoded).',
  audience: 'A segment id (audiences are segments).',
};

const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: ref('Error') } } });

/** Failures any route can answer with, in Resend's `{statusCode, message, name}` shape. */
const ERRORS = {
  '401': errorResponse('`missing_api_key` or `restricted_api_key`'),
  '403': errorResponse('`invalid_api_key`'),
  '404': errorResponse('`not_found`'),
  '422': errorResponse('`validation_error` or `missing_required_field`'),
  '429': {
    ...errorResponse('`rate_limit_exceeded`; see `retry-after`'),
    headers: { 'retry-after': { schema: { type: 'integer' }, description: 'Seconds to wait.' } },
  },
};

const RATE_LIMIT_HEADERS = Object.fromEntries(
  ['ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset', 'ratelimit-policy'].map((name) => [name, { schema: { type: 'string' } }]),
);

/** `/contacts/:contact/segments/:segment` -> `/contacts/{contact}/segments/{segment}` */
export const openApiPath = (path: string): string => path.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, '{$1}');

const operationId = (route: Route): string =>
  `${route.method.toLowerCase()}${route.path
    .split('/')
    .filter(Boolean)
    .map((part) => (part.startsWith(':') ? `By${part[1]?.toUpperCase()}${part.slice(2)}` : part.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase())))
    .join('')}`;

function operation(route: Route): Record<string, unknown> {
  const key = `${route.method} ${route.path}`;
  const info = descriptions[key];
  const tag = route.path.split('/')[1] ?? '';
  const parameters: Record<string, unknown>[] = route.path
    .split('/')
    .filter((part) => part.startsWith(':'))
    .map((part) => part.slice(1))
    .map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' }, ...(PARAMETER_DESCRIPTIONS[name] ? { description: PARAMETER_DESCRIPTIONS[name] } : {}) }));
  for (const q of info?.query ?? []) parameters.push({ name: q.name, in: 'query', required: false, description: q.description, schema: q.schema });
  if (route.idempotent) {
    parameters.push({
      name: 'Idempotency-Key',
      in: 'header',
      required: false,
      description: 'A retry with the same key and body gets the first answer; the same key with another body is 409 `invalid_idempotent_request`.',
      schema: { type: 'string', minLength: 1, maxLength: 256 },
    });
  }
  const success = info?.response ?? { status: route.method === 'POST' ? 201 : 200, schema: { type: 'object' } };
  const body = info?.body;
  return {
    operationId: operationId(route),
    tags: [tag],
    summary: info?.summary ?? key,
    description: info?.description ?? (info ? undefined : `${key}: answers JSON in Resend's shape.`),
    parameters: parameters.length > 0 ? parameters : undefined,
    requestBody: body
      ? { required: body.required ?? false, content: { [body.multipart ? 'multipart/form-data' : 'application/json']: { schema: body.schema } } }
      : undefined,
    responses: {
      [String(success.status)]: {
        description: success.description ?? 'Success',
        headers: RATE_LIMIT_HEADERS,
        content: { 'application/json': { schema: success.schema } },
      },
      ...ERRORS,
    },
  };
}

/** Drops `undefined` members, so the document is the same whether serialised or not. */
function compact<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** The OpenAPI document of `routes` (the whole REST API by default), with `origin` as its server. */
export function openApiDocument(origin: string, routes: readonly Route[] = resendRoutes): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = openApiPath(route.path);
    paths[path] ??= {};
    (paths[path] as Record<string, unknown>)[route.method.toLowerCase()] = operation(route);
  }
  return compact({
    openapi: '3.1.0',
    info: {
      title: 'Roster: Resend-compatible Contacts API',
      version: '1.0.0',
      description:
        "Resend's Contacts API (contacts, segments, topics, contact properties, imports, the legacy audience routes), served by Roster. Point an official Resend SDK at this server's origin.",
    },
    servers: [{ url: origin }],
    security: [{ bearerAuth: [] }],
    tags: [...new Set(routes.map((r) => r.path.split('/')[1] ?? ''))].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', description: 'A Roster API key (`pnpm roster keys create`), `re_…`.' } },
      schemas,
    },
  });
}
