import { PAGE_INFO } from './contacts.routes';
import { RestError } from './errors';
import { type Connection, collectPage, lower, pageRequest, pgTimestamp, upper } from './format';
import type { Route } from './router';

interface ImportNode {
  id: string;
  status: string;
  createdAt: string;
  completedAt: string | null;
  counts: { total: number; created: number; updated: number; skipped: number; failed: number };
}

const IMPORT_FIELDS = 'id status createdAt completedAt counts { total created updated skipped failed }';

const Imports = `query RestContactImports($first: Int, $after: String, $before: String, $status: ContactImportStatus) {
  contactImports(first: $first, after: $after, before: $before, status: $status) { edges { node { ${IMPORT_FIELDS} } } ${PAGE_INFO} }
}`;
const GetImport = `query RestContactImport($id: ID!) { contactImport(id: $id) { ${IMPORT_FIELDS} } }`;

const shape = (i: ImportNode) => ({
  object: 'contact_import',
  id: i.id,
  status: lower(i.status),
  created_at: pgTimestamp(i.createdAt),
  completed_at: pgTimestamp(i.completedAt),
  counts: i.counts,
});

// POST /contacts/imports is not here yet: the SDK sends the file part before column_map, segments
// and topics, so the operation's variables are only known once the whole file has been read.
export const importRoutes: Route[] = [
  {
    method: 'GET',
    path: '/contacts/imports',
    async handle(request) {
      const page = pageRequest(request.query, 10);
      const status = request.query.get('status') || undefined;
      const body = await collectPage(
        page,
        async (args) => (await request.run<{ contactImports: Connection<ImportNode> }>(Imports, { ...args, status: upper(status) })).contactImports,
        shape,
      );
      return { status: 200, body };
    },
  },
  {
    method: 'GET',
    path: '/contacts/imports/:import',
    async handle(request) {
      const data = await request.run<{ contactImport: ImportNode | null }>(GetImport, { id: request.params.import });
      if (!data.contactImport) throw new RestError(404, 'not_found', 'Contact import not found');
      return { status: 200, body: shape(data.contactImport) };
    },
  },
];
