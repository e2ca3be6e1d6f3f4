import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import sirv from 'sirv';
import { sendJson } from './respond';

/** Where `pnpm --filter @roster/admin build` writes the admin (vite `outDir`). */
export const ADMIN_DIST = fileURLToPath(new URL('../../admin/dist', import.meta.url));

/**
 * Serves the built admin under /admin/: hashed assets cached for a year, index.html for every
 * other path so the browser's router takes over (`single`). sirv is used rather than our own
 * static handler because it already gets ranges, ETags, precompressed files and traversal right.
 */
export function createAdminHandler(dir = ADMIN_DIST): (req: IncomingMessage, res: ServerResponse) => void {
  if (!existsSync(dir)) {
    return (_req, res) => sendJson(res, 503, { statusCode: 503, name: 'admin_not_built', message: 'The admin is not built. Run `pnpm build` (pnpm start does it for you).' });
  }
  const serve = sirv(dir, {
    single: true,
    etag: true,
    setHeaders(res, pathname) {
      res.setHeader('cache-control', pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
      res.setHeader('x-content-type-options', 'nosniff');
      res.setHeader('referrer-policy', 'no-referrer');
      res.setHeader('x-frame-options', 'DENY');
    },
  });
  return (req, res) => {
    // sirv resolves paths from its root: strip the /admin prefix it is mounted under.
    req.url = req.url!.slice('/admin'.length) || '/';
    serve(req, res, () => sendJson(res, 404, { statusCode: 404, name: 'not_found', message: 'Not found.' }));
  };
}
