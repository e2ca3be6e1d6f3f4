import { Client, cacheExchange, fetchExchange, mapExchange } from 'urql';

/**
 * The urql client for one API key: every request carries the key and yoga's CSRF header, and
 * subscriptions (importProgress) arrive over SSE through fetch. A 401/403 answer means the key is
 * gone or revoked, so the app signs out.
 */
export function createClient(apiKey: string, onUnauthorized: () => void): Client {
  return new Client({
    url: '/graphql',
    exchanges: [
      mapExchange({
        onError(error) {
          const status = (error.response as Response | undefined)?.status;
          if (status === 401 || status === 403) onUnauthorized();
        },
      }),
      cacheExchange,
      fetchExchange,
    ],
    fetchSubscriptions: true,
    requestPolicy: 'cache-and-network',
    fetchOptions: () => ({ headers: { authorization: `Bearer ${apiKey}`, 'x-graphql-yoga-csrf': '1' } }),
  });
}

/** Headers for plain fetches (CSV downloads, uploads with progress) made outside urql. */
export function apiHeaders(apiKey: string): Record<string, string> {
  return { authorization: `Bearer ${apiKey}`, 'x-graphql-yoga-csrf': '1' };
}
