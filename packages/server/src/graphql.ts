import { blockFieldSuggestionsPlugin } from '@escape.tech/graphql-armor-block-field-suggestions';
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesPlugin } from '@escape.tech/graphql-armor-max-directives';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { type Context, schema } from '@roster/schema';
import type { Principal } from '@roster/schema/auth/api-key.service';
import { DomainError, ValidationError } from '@roster/schema/shared/errors';
import { GraphQLError } from 'graphql';
import { type Plugin, type YogaServerInstance, createYoga, maskError } from 'graphql-yoga';
import { authorize } from './auth';
import type { Orm } from './orm';

export interface GraphQLOptions {
  orm: Orm;
  corsOrigins: string[];
  dev: boolean;
}

const principals = new WeakMap<Request, Principal>();

/** Refuses a request without a valid full-access key before anything is parsed. */
function useApiKeyAuth(orm: Orm): Plugin {
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      // The GraphiQL page itself is static; its queries carry the key like any other client.
      if (request.method === 'GET' && !url.searchParams.has('query') && request.headers.get('accept')?.includes('text/html')) return;
      if (request.method === 'OPTIONS') return;
      const result = await authorize(orm.em.fork(), request.headers.get('authorization'));
      if (result.ok) {
        principals.set(request, result.principal);
        return;
      }
      const { failure } = result;
      endResponse(
        new fetchAPI.Response(JSON.stringify({ errors: [{ message: failure.message, extensions: { code: failure.code.toUpperCase() } }] }), {
          status: failure.status,
          headers: { 'content-type': 'application/json; charset=utf-8', ...(failure.status === 401 ? { 'www-authenticate': 'Bearer' } : {}) },
        }),
      );
    },
  };
}

/**
 * Domain errors keep their message and a stable `extensions.code`; anything else is masked as
 * "Unexpected error." so database details never reach a client.
 */
function exposeDomainErrors(error: unknown, message: string, isDev?: boolean): Error {
  const original = error instanceof GraphQLError ? error.originalError : error;
  if (original instanceof DomainError) {
    const issues = original instanceof ValidationError ? original.issues : undefined;
    const path = error instanceof GraphQLError ? error.path : undefined;
    return new GraphQLError(original.message, { path, extensions: { code: original.code, ...(issues ? { issues } : {}) } });
  }
  return maskError(error, message, isDev);
}

export function createGraphQL({ orm, corsOrigins, dev }: GraphQLOptions): YogaServerInstance<Record<string, unknown>, Context> {
  return createYoga<Record<string, unknown>, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    // Uploads are parsed (streamed) by graphql-upload-minimal in front of yoga; yoga's own
    // multipart parser buffers whole files and stays off so nothing can reach it.
    multipart: false,
    batching: false,
    landingPage: false,
    logging: dev ? 'info' : 'warn',
    maskedErrors: { maskError: exposeDomainErrors, isDev: dev },
    cors: corsOrigins.length > 0 ? { origin: corsOrigins, credentials: false, allowedHeaders: ['authorization', 'content-type', 'x-graphql-yoga-csrf'] } : false,
    graphiql: { title: 'Roster GraphQL', headers: JSON.stringify({ Authorization: 'Bearer re_...' }) },
    context: ({ request }) => {
      const principal = principals.get(request);
      if (!principal) throw new GraphQLError('Not authenticated', { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
      return { principal, scope: { em: orm.em.fork(), teamId: principal.teamId, source: 'api' } };
    },
    plugins: [
      useCSRFPrevention({ requestHeaders: ['x-graphql-yoga-csrf'] }),
      useApiKeyAuth(orm),
      maxDepthPlugin({ n: 10, exposeLimits: dev }),
      maxAliasesPlugin({ n: 15, exposeLimits: dev }),
      maxTokensPlugin({ n: 2000, exposeLimits: dev }),
      maxDirectivesPlugin({ n: 20, exposeLimits: dev }),
      blockFieldSuggestionsPlugin(),
    ],
  });
}
