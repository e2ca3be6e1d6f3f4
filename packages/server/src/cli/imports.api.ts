import { type RosterClient, type UploadSource, operation, unwrap } from './client';
import type {
  ContactImportColumnMapInput,
  ContactImportConflict,
  ContactImportStatus,
  ContactImportTopicInput,
  RosterCancelImportMutation,
  RosterCancelImportMutationVariables,
  RosterImportContactsMutation,
  RosterImportContactsMutationVariables,
  RosterImportFieldsFragment,
  RosterImportProgressSubscription,
  RosterImportProgressSubscriptionVariables,
  RosterImportQuery,
  RosterImportQueryVariables,
  RosterImportsQuery,
  RosterImportsQueryVariables,
  RosterSuggestMappingQuery,
  RosterSuggestMappingQueryVariables,
} from './operations.generated';

// CSV imports over GraphQL, shared by the CLI commands and the MCP tools.

const IMPORT_FIELDS = /* GraphQL */ `
  fragment RosterImportFields on ContactImport {
    id
    status
    fileName
    fileSize
    stagedRows
    onConflict
    error
    createdAt
    startedAt
    completedAt
    counts { total created updated skipped failed }
  }
`;

const SuggestMapping = operation<RosterSuggestMappingQuery, RosterSuggestMappingQueryVariables>(/* GraphQL */ `
  query RosterSuggestMapping($headers: [String!]!, $sampleRows: [[String!]!]) {
    suggestColumnMapping(headers: $headers, sampleRows: $sampleRows) {
      header
      target
      propertyKey
      propertyType
      propertyExists
      suggestedType
      confidence
      samples
    }
  }
`);

const ImportContacts = operation<RosterImportContactsMutation, RosterImportContactsMutationVariables>(/* GraphQL */ `
  mutation RosterImportContacts(
    $file: Upload!
    $columnMap: ContactImportColumnMapInput
    $onConflict: ContactImportConflict
    $segments: [ID!]
    $topics: [ContactImportTopicInput!]
  ) {
    importContacts(file: $file, columnMap: $columnMap, onConflict: $onConflict, segments: $segments, topics: $topics) {
      __typename
      ... on ContactImport { ...RosterImportFields }
      ... on Error { message }
      ... on ValidationError { issues { path message } }
    }
  }
  ${IMPORT_FIELDS}
`);

const ImportProgress = operation<RosterImportProgressSubscription, RosterImportProgressSubscriptionVariables>(/* GraphQL */ `
  subscription RosterImportProgress($id: ID!) {
    importProgress(id: $id) { ...RosterImportFields }
  }
  ${IMPORT_FIELDS}
`);

const ImportQuery = operation<RosterImportQuery, RosterImportQueryVariables>(/* GraphQL */ `
  query RosterImport($id: ID!, $failures: Int!) {
    contactImport(id: $id) {
      ...RosterImportFields
      columnMap { email firstName lastName unsubscribed properties { key column type } }
      segmentIds
      failures(first: $failures) { edges { node { rowNumber email skipped reason } } }
    }
  }
  ${IMPORT_FIELDS}
`);

const ImportsQuery = operation<RosterImportsQuery, RosterImportsQueryVariables>(/* GraphQL */ `
  query RosterImports($first: Int!, $after: String, $status: ContactImportStatus) {
    contactImports(first: $first, after: $after, status: $status) {
      edges { node { ...RosterImportFields } }
      pageInfo { hasNextPage endCursor }
    }
  }
  ${IMPORT_FIELDS}
`);

const CancelImport = operation<RosterCancelImportMutation, RosterCancelImportMutationVariables>(/* GraphQL */ `
  mutation RosterCancelImport($id: ID!) {
    cancelContactImport(id: $id) {
      __typename
      ... on ContactImport { ...RosterImportFields }
      ... on Error { message }
      ... on ValidationError { issues { path message } }
    }
  }
  ${IMPORT_FIELDS}
`);

export type Suggestion = RosterSuggestMappingQuery['suggestColumnMapping'][number];

export type ImportStatus = 'queued' | 'in_progress' | 'completed' | 'failed' | 'cancelled';

export interface ImportView {
  id: string;
  status: ImportStatus;
  fileName: string | null;
  fileSize: number;
  /** Data rows read from the file so far; the final total once reading is done. */
  stagedRows: number;
  onConflict: string;
  error: string | null;
  counts: { total: number; created: number; updated: number; skipped: number; failed: number };
  createdAt: string;
  startedAt: string | null;
  completedAt: string | null;
}

export interface ImportDetails extends ImportView {
  columnMap: ContactImportColumnMapInput;
  segmentIds: string[];
  failuresUrl: string;
  /** The first rows that were not imported (failed or skipped), in file order. */
  firstFailures: { row: number; email: string | null; outcome: 'failed' | 'skipped'; reason: string }[];
}

export const TERMINAL: readonly ImportStatus[] = ['completed', 'failed', 'cancelled'];

function view(record: RosterImportFieldsFragment): ImportView {
  const { id, fileName, fileSize, stagedRows, error, createdAt, startedAt, completedAt } = record;
  const { total, created, updated, skipped, failed } = record.counts;
  return {
    id,
    status: record.status.toLowerCase() as ImportStatus,
    fileName,
    fileSize,
    stagedRows,
    onConflict: record.onConflict.toLowerCase(),
    error,
    counts: { total, created, updated, skipped, failed },
    createdAt,
    startedAt,
    completedAt,
  };
}

export async function suggestMapping(client: RosterClient, headers: string[], sampleRows: string[][]): Promise<Suggestion[]> {
  return (await client.request(SuggestMapping, { headers, sampleRows })).suggestColumnMapping;
}

export interface ImportOptions {
  columnMap?: ContactImportColumnMapInput;
  onConflict?: ContactImportConflict;
  segments?: string[];
  topics?: ContactImportTopicInput[];
}

/** Uploads the CSV and queues its import; resolves once the server has stored the file. */
export async function startImport(
  client: RosterClient,
  source: UploadSource,
  options: ImportOptions,
  upload: { onProgress?: (bytes: number) => void; signal?: AbortSignal } = {},
): Promise<ImportView> {
  const { importContacts } = await client.upload(ImportContacts, options, source, upload);
  return view(unwrap(importContacts, 'ContactImport'));
}

/** The import's current state, then each change, until it ends. */
export async function* importProgress(client: RosterClient, id: string, signal?: AbortSignal): AsyncGenerator<ImportView> {
  for await (const { importProgress } of client.subscribe(ImportProgress, { id }, signal)) yield view(importProgress);
}

export async function getImport(client: RosterClient, id: string, failures = 10): Promise<ImportDetails | null> {
  const { contactImport } = await client.request(ImportQuery, { id, failures });
  if (!contactImport) return null;
  const map = contactImport.columnMap;
  return {
    ...view(contactImport),
    columnMap: {
      email: map.email,
      firstName: map.firstName,
      lastName: map.lastName,
      unsubscribed: map.unsubscribed,
      properties: map.properties.map((p) => ({ key: p.key, column: p.column, type: p.type })),
    },
    segmentIds: contactImport.segmentIds,
    failuresUrl: client.failuresUrl(contactImport.id),
    firstFailures: contactImport.failures.edges.map(({ node }) => ({
      row: node.rowNumber,
      email: node.email,
      outcome: node.skipped ? 'skipped' : 'failed',
      reason: node.reason,
    })),
  };
}

/** The team's imports, newest first, at most `limit`. */
export async function listImports(client: RosterClient, limit: number, status?: ContactImportStatus): Promise<ImportView[]> {
  const imports: ImportView[] = [];
  let after: string | null = null;
  while (imports.length < limit) {
    const page: RosterImportsQuery['contactImports'] = (await client.request(ImportsQuery, { first: Math.min(100, limit - imports.length), after, status })).contactImports;
    imports.push(...page.edges.map((edge) => view(edge.node)));
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  return imports;
}

export async function cancelImport(client: RosterClient, id: string): Promise<ImportView> {
  return view(unwrap((await client.request(CancelImport, { id })).cancelContactImport, 'ContactImport'));
}
