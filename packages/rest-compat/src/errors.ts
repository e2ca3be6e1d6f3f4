import type { DomainError } from '@roster/schema/shared/errors';

/** Resend's error names this API answers with (a subset of the SDK's `RESEND_ERROR_CODE_KEY`). */
export type RestErrorName =
  | 'missing_api_key'
  | 'invalid_api_key'
  | 'restricted_api_key'
  | 'validation_error'
  | 'missing_required_field'
  | 'not_found'
  | 'method_not_allowed'
  | 'invalid_idempotent_request'
  | 'rate_limit_exceeded'
  | 'application_error'
  | 'service_unavailable'
  | 'payload_too_large';

/** A failure in Resend's shape: `{statusCode, message, name}` on the wire. */
export class RestError extends Error {
  constructor(
    readonly status: number,
    readonly errorName: RestErrorName | string,
    message: string,
  ) {
    super(message);
    this.name = 'RestError';
  }

  toJSON(): { statusCode: number; message: string; name: string } {
    return { statusCode: this.status, message: this.message, name: this.errorName };
  }
}

export const notFoundRoute = () => new RestError(404, 'not_found', 'The requested endpoint does not exist.');
export const methodNotAllowed = () => new RestError(405, 'method_not_allowed', 'Method not allowed');
export const missingField = (field: string) => new RestError(422, 'missing_required_field', `Missing \`${field}\` field.`);
export const invalidParameter = (message: string) => new RestError(422, 'validation_error', message);

/** One issue as the GraphQL API reports it (`ValidationIssue`, or `extensions.issues`). */
export interface Issue {
  path: readonly (string | number)[];
  message: string;
}

/**
 * Every failure an operation can report, whether as a typed union member (`__typename`) or as a
 * GraphQL error (`extensions.code`): the domain's codes, plus what graphql-js refuses before any
 * resolver runs (a value of the wrong type) and what was masked.
 */
export type OperationFailure =
  | { code: DomainError['code']; message: string; issues?: readonly Issue[]; resource?: string }
  | { code: 'BAD_INPUT'; message: string }
  | { code: 'UNAVAILABLE'; message: string }
  | { code: 'UNEXPECTED'; message: string };

const camelToSnake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
// GraphQL argument and input names as the REST caller spelled them.
const REST_FIELD: Record<string, string> = { segmentIds: 'segments', first: 'limit' };

/** `["input", "firstName"]` -> "first_name"; `["input", "topics", 0, "id"]` -> "topics[0].id". */
export function restField(path: readonly (string | number)[]): string {
  const rest = path[0] === 'input' || path[0] === 'filter' ? path.slice(1) : path;
  return rest
    .map((part, i) => (typeof part === 'number' || /^\d+$/.test(part) ? `[${part}]` : `${i === 0 ? '' : '.'}${REST_FIELD[part] ?? camelToSnake(part)}`))
    .join('');
}

/** Resend's wording for a missing resource; a segment is still an "Audience" there. */
function notFoundMessage(resource: string | undefined): string {
  switch (resource) {
    case 'Segment':
      return 'Audience not found';
    case undefined:
      return 'Not found';
    default:
      return `${resource} not found`;
  }
}

/** The one translation from the GraphQL API's failures to Resend's errors. */
export function toRestError(failure: OperationFailure): RestError {
  switch (failure.code) {
    case 'VALIDATION': {
      const issues = failure.issues ?? [];
      if (issues.length === 0) return new RestError(422, 'validation_error', failure.message);
      const message = issues.map((issue) => (issue.path.length > 0 ? `Invalid \`${restField(issue.path)}\`: ${issue.message}` : issue.message)).join('; ');
      return new RestError(422, 'validation_error', message);
    }
    case 'BAD_INPUT':
      return new RestError(422, 'validation_error', failure.message);
    case 'NOT_FOUND':
      return new RestError(404, 'not_found', notFoundMessage(failure.resource));
    case 'CONFLICT':
      return new RestError(409, 'validation_error', failure.message);
    case 'FORBIDDEN':
      return new RestError(403, 'invalid_access', failure.message);
    case 'PAYLOAD_TOO_LARGE':
      return new RestError(413, 'payload_too_large', failure.message);
    case 'UNAVAILABLE':
      return new RestError(503, 'service_unavailable', 'The service is unavailable; try again shortly');
    case 'UNEXPECTED':
      return new RestError(500, 'application_error', 'Internal server error. We are unable to process your request right now, please try again later.');
    default: {
      const unmapped: never = failure;
      throw new Error(`Unmapped failure ${JSON.stringify(unmapped)}`);
    }
  }
}

/** A GraphQL error's extensions.code as a failure; unknown codes are graphql-js input errors or masked ones. */
export function failureOfGraphQLError(error: { message: string; extensions?: Record<string, unknown> }): OperationFailure {
  const code = error.extensions?.code;
  switch (code) {
    case 'VALIDATION':
      return { code, message: error.message, issues: (error.extensions?.issues as Issue[] | undefined) ?? [] };
    case 'NOT_FOUND':
    case 'CONFLICT':
    case 'FORBIDDEN':
    case 'PAYLOAD_TOO_LARGE':
      return { code, message: error.message };
    case 'SERVICE_UNAVAILABLE':
      return { code: 'UNAVAILABLE', message: error.message };
    case 'BAD_USER_INPUT':
    case undefined:
      // graphql-js refused a variable: `Variable "$input" got invalid value 5 at "input.firstName"; String cannot represent ...`
      return { code: 'BAD_INPUT', message: coercionMessage(error.message) };
    default:
      return { code: 'UNEXPECTED', message: error.message };
  }
}

function coercionMessage(message: string): string {
  const match = /^Variable "\$(\w+)" got invalid value .*? at "([^"]+)"; (.*)$/s.exec(message) ?? /^Variable "\$(\w+)" got invalid value .*?; (.*)$/s.exec(message);
  if (!match) return message;
  const [, variable, at, detail] = match.length === 4 ? match : [match[0], match[1], undefined, match[2]];
  const path = (at ?? variable ?? '').split('.');
  return `Invalid \`${restField(path)}\`: ${detail}`;
}

/** A mutation's result union member, or the Resend error for its typed failure. */
export type UnionResult<T> =
  | (T & { __typename: string })
  | { __typename: 'ValidationError'; message: string; issues: Issue[] }
  | { __typename: 'NotFoundError'; message: string; resource: string }
  | { __typename: 'ConflictError'; message: string };

/**
 * The selection every mutation makes on its result union, so typed failures reach `unwrap`;
 * name the failure members the union has (GraphQL refuses a fragment on any other).
 */
export function failureFields(...members: ('ValidationError' | 'NotFoundError')[]): string {
  return [
    '__typename ... on Error { message }',
    members.includes('ValidationError') ? '... on ValidationError { issues { path message } }' : '',
    members.includes('NotFoundError') ? '... on NotFoundError { resource }' : '',
  ].join(' ');
}

export function unwrap<T>(result: UnionResult<T> | null | undefined): T {
  if (!result) throw toRestError({ code: 'UNEXPECTED', message: 'The operation returned nothing' });
  switch (result.__typename) {
    case 'ValidationError': {
      const failure = result as { message: string; issues: Issue[] };
      throw toRestError({ code: 'VALIDATION', message: failure.message, issues: failure.issues });
    }
    case 'NotFoundError': {
      const failure = result as { message: string; resource: string };
      throw toRestError({ code: 'NOT_FOUND', message: failure.message, resource: failure.resource });
    }
    case 'ConflictError':
      throw toRestError({ code: 'CONFLICT', message: (result as { message: string }).message });
    default:
      return result as T;
  }
}
