import { GraphQLError } from 'graphql';
import { keyStillValid } from '../auth/api-key.service';
import { builder } from '../builder';
import type { Context } from '../context';
import { PropertyTypeEnum, SubscriptionStatusEnum } from '../shared/enums.graphql';
import { NotFoundError, PayloadTooLargeError, ValidationError } from '../shared/errors';
import { connectionComplexity, keysetArgs } from '../shared/connection';
import { pageOf } from '../shared/pagination';
import type { MappingTarget } from './column-map';
import {
  IMPORT_STATUSES,
  type ImportFailure,
  type ImportRecord,
  TERMINAL_STATUSES,
  cancelImport,
  createImport,
  getImport,
  listFailures,
  listImports,
  suggestColumnMapping,
} from './import.service';

const StatusEnum = builder.enumType('ContactImportStatus', {
  values: Object.fromEntries(IMPORT_STATUSES.map((s) => [s.toUpperCase(), { value: s }])) as {
    QUEUED: { value: 'queued' };
    IN_PROGRESS: { value: 'in_progress' };
    COMPLETED: { value: 'completed' };
    FAILED: { value: 'failed' };
    CANCELLED: { value: 'cancelled' };
  },
});

const ConflictEnum = builder.enumType('ContactImportConflict', {
  description: 'UPSERT: existing contacts get the non-empty mapped cells. SKIP: existing contacts are left untouched.',
  values: { UPSERT: { value: 'upsert' }, SKIP: { value: 'skip' } } as const,
});

const CountsRef = builder.objectRef<ImportRecord['counts']>('ContactImportCounts').implement({
  description: 'Always total = created + updated + skipped + failed.',
  fields: (t) => ({
    total: t.exposeInt('total', { description: 'Data rows processed so far (blank lines are not rows).' }),
    created: t.exposeInt('created'),
    updated: t.exposeInt('updated'),
    skipped: t.exposeInt('skipped'),
    failed: t.exposeInt('failed'),
  }),
});

type PropertyMap = ImportRecord['columnMap']['properties'][number];
const PropertyMapRef = builder.objectRef<PropertyMap>('ContactImportPropertyMap').implement({
  fields: (t) => ({
    key: t.exposeString('key'),
    column: t.exposeString('column'),
    type: t.field({ type: PropertyTypeEnum, resolve: (p) => p.type }),
  }),
});

const ColumnMapRef = builder.objectRef<ImportRecord['columnMap']>('ContactImportColumnMap').implement({
  fields: (t) => ({
    email: t.exposeString('email'),
    firstName: t.string({ nullable: true, resolve: (m) => m.firstName ?? null }),
    lastName: t.string({ nullable: true, resolve: (m) => m.lastName ?? null }),
    unsubscribed: t.string({ nullable: true, resolve: (m) => m.unsubscribed ?? null }),
    properties: t.field({ type: [PropertyMapRef], resolve: (m) => m.properties }),
  }),
});

const FailureRef = builder.objectRef<ImportFailure>('ContactImportFailure').implement({
  description: 'A row that was not imported: failed (invalid) or skipped (duplicate, or existing with SKIP).',
  fields: (t) => ({
    rowNumber: t.exposeInt('rowNumber', { description: 'Data row number: 1 is the first row after the header; blank lines are not counted.' }),
    email: t.exposeString('email', { nullable: true }),
    skipped: t.boolean({ resolve: (f) => f.outcome === 'skipped' }),
    reason: t.exposeString('reason'),
  }),
});

export const ContactImportRef = builder.objectRef<ImportRecord>('ContactImport').implement({
  description: 'A CSV import, running in the background.',
  fields: (t) => ({
    id: t.exposeID('id'),
    status: t.field({ type: StatusEnum, resolve: (i) => i.status }),
    counts: t.field({ type: CountsRef, resolve: (i) => i.counts }),
    stagedRows: t.exposeInt('stagedRows', { description: 'Data rows read from the file so far; the final total once reading is done.' }),
    fileName: t.exposeString('fileName', { nullable: true }),
    fileSize: t.exposeInt('fileSize'),
    columnMap: t.field({ type: ColumnMapRef, resolve: (i) => i.columnMap }),
    onConflict: t.field({ type: ConflictEnum, resolve: (i) => i.onConflict }),
    segmentIds: t.idList({ resolve: (i) => i.segmentIds }),
    error: t.exposeString('error', { nullable: true, description: 'Why the import failed, when it did.' }),
    createdAt: t.field({ type: 'DateTime', resolve: (i) => i.createdAt }),
    startedAt: t.field({ type: 'DateTime', nullable: true, resolve: (i) => i.startedAt }),
    completedAt: t.field({ type: 'DateTime', nullable: true, resolve: (i) => i.completedAt }),
    failures: t.connection(
      {
        type: FailureRef,
        complexity: connectionComplexity(),
        resolve: async (i, args, ctx) => {
          const keyset = keysetArgs(args, 20, 'integer');
          if (keyset.backwards) throw ValidationError.of(['last'], 'Failures page forwards only (first/after)');
          const rows = await listFailures(ctx.scope, i.id, keyset.below ? Number(keyset.below) : null, keyset.limit + 1);
          return pageOf(
            rows.map((r) => ({ ...r, id: r.rowNumber })),
            keyset,
          );
        },
      },
      { name: 'ContactImportFailureConnection' },
      { name: 'ContactImportFailureEdge' },
    ),
  }),
});

const PropertyMapInput = builder.inputType('ContactImportPropertyMapInput', {
  fields: (t) => ({
    key: t.string({ required: true, description: 'The contact property; created with `type` when it does not exist.' }),
    column: t.string({ required: true, description: 'The CSV header.' }),
    type: t.field({ type: PropertyTypeEnum, defaultValue: 'string' }),
  }),
});

const ColumnMapInput = builder.inputType('ContactImportColumnMapInput', {
  description:
    'Which CSV header feeds each field. Without a map, or for a field the map leaves out, headers are matched by name (a column the map uses elsewhere excepted); null imports nothing into that field.',
  fields: (t) => ({
    email: t.string(),
    firstName: t.string(),
    lastName: t.string(),
    unsubscribed: t.string(),
    properties: t.field({ type: [PropertyMapInput] }),
  }),
});

const TopicInput = builder.inputType('ContactImportTopicInput', {
  fields: (t) => ({ id: t.id({ required: true }), subscription: t.field({ type: SubscriptionStatusEnum, required: true }) }),
});

const TargetEnum = builder.enumType('ColumnTarget', {
  values: {
    EMAIL: { value: 'email' },
    FIRST_NAME: { value: 'firstName' },
    LAST_NAME: { value: 'lastName' },
    UNSUBSCRIBED: { value: 'unsubscribed' },
    PROPERTY: { value: 'property' },
    IGNORE: { value: 'ignore' },
  } as const,
});

type Suggestion = Awaited<ReturnType<typeof suggestColumnMapping>>[number];
const SuggestionRef = builder.objectRef<Suggestion>('ColumnSuggestion').implement({
  fields: (t) => ({
    header: t.exposeString('header'),
    target: t.field({ type: TargetEnum, resolve: (s) => s.target.kind }),
    propertyKey: t.string({ nullable: true, resolve: (s) => (s.target.kind === 'property' ? s.target.key : null) }),
    propertyType: t.field({ type: PropertyTypeEnum, nullable: true, resolve: (s) => (s.target.kind === 'property' ? s.target.type : null) }),
    propertyExists: t.boolean({ resolve: (s) => (s.target as MappingTarget & { exists?: boolean }).exists === true }),
    suggestedType: t.field({ type: PropertyTypeEnum, description: 'The type the sample values look like.', resolve: (s) => s.suggestedType }),
    confidence: t.exposeFloat('confidence', { description: '0 to 1; 1 when this header was mapped this way by hand before.' }),
    samples: t.exposeStringList('samples'),
  }),
});

const readUploads = new WeakSet<object>();

/** The upload library's errors (HttpError with a status) as the API's: 413 stays 413, a bad request is the file's fault. */
function uploadError(error: unknown, limit: number): unknown {
  const status = (error as { status?: number }).status;
  if (status === 413 && error instanceof Error && /max file uploads/.test(error.message)) return ValidationError.of(['file'], 'Send one file per request');
  if (status === 413) return new PayloadTooLargeError(limit);
  // "File missing in the request." and other malformed-request errors (a client gone away, 499, is not one).
  if (status === 400 && error instanceof Error) return ValidationError.of(['file'], error.message);
  return error;
}

function maxImportBytes(ctx: Context): number {
  return ctx.limits?.maxImportBytes ?? 200 * 1024 * 1024;
}

builder.queryFields((t) => ({
  importMaxFileBytes: t.int({
    description: 'The largest CSV this server accepts (ROSTER_MAX_IMPORT_BYTES); one byte more is refused with 413.',
    resolve: (_, __, ctx) => maxImportBytes(ctx),
  }),
  contactImport: t.field({
    type: ContactImportRef,
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: (_, { id }, ctx) => getImport(ctx.scope, String(id)),
  }),
  contactImports: t.connection(
    {
      type: ContactImportRef,
      args: { status: t.arg({ type: StatusEnum }) },
      complexity: connectionComplexity(),
      resolve: async (_, args, ctx) => {
        const keyset = keysetArgs(args);
        return pageOf(await listImports(ctx.scope, args.status, keyset), keyset);
      },
    },
    { name: 'ContactImportConnection' },
    { name: 'ContactImportEdge' },
  ),
  suggestColumnMapping: t.field({
    type: [SuggestionRef],
    description: 'For each header, the field or property it most likely maps to, learned from the team’s past imports.',
    args: { headers: t.arg.stringList({ required: true }), sampleRows: t.arg({ type: t.arg.listRef(t.arg.listRef('String')) }) },
    resolve: (_, args, ctx) => suggestColumnMapping(ctx.scope, args.headers, (args.sampleRows ?? []) as string[][]),
  }),
}));

builder.mutationFields((t) => ({
  importContacts: t.field({
    type: ContactImportRef,
    description: 'Stores the CSV and queues its import; answers before any row is imported. Follow it with importProgress.',
    args: {
      file: t.arg({ type: 'Upload', required: true }),
      columnMap: t.arg({ type: ColumnMapInput }),
      onConflict: t.arg({ type: ConflictEnum, defaultValue: 'upsert' }),
      segments: t.arg.idList(),
      topics: t.arg({ type: [TopicInput] }),
    },
    // Too large is not a union member: it is answered with HTTP 413 (extensions.code PAYLOAD_TOO_LARGE).
    errors: { types: [ValidationError], directResult: true, union: { name: 'ImportContactsResult' } },
    resolve: async (_, args, ctx) => {
      const limit = maxImportBytes(ctx);
      let upload: Awaited<typeof args.file>;
      let stream: ReturnType<typeof upload.createReadStream> & { truncated?: boolean };
      try {
        upload = await args.file;
        // One multipart file part is one stream, readable once: a second variable naming it gets an error.
        if (readUploads.has(upload)) throw ValidationError.of(['file'], 'The same file is used twice in this request; upload it once per import');
        readUploads.add(upload);
        stream = upload.createReadStream();
      } catch (error) {
        throw uploadError(error, limit);
      }
      return createImport(
        ctx.scope,
        { fileName: upload.filename || null, stream, truncated: () => stream.truncated === true },
        { columnMap: args.columnMap, onConflict: args.onConflict ?? 'upsert', segments: args.segments?.map(String), topics: args.topics },
        limit,
      );
    },
  }),
  cancelContactImport: t.field({
    type: ContactImportRef,
    description: 'Stops the import at its next batch; what was imported stays.',
    args: { id: t.arg.id({ required: true }) },
    errors: { types: [ValidationError, NotFoundError], directResult: true, union: { name: 'CancelContactImportResult' } },
    resolve: (_, { id }, ctx) => cancelImport(ctx.scope, String(id)),
  }),
}));

builder.subscriptionType({
  fields: (t) => ({
    importProgress: t.field({
      type: ContactImportRef,
      description: 'The import’s current state first, then a new state whenever it changes; completes when the import ends.',
      args: { id: t.arg.id({ required: true }) },
      subscribe: (_, { id }, ctx) => progress(ctx, String(id)),
      resolve: (record) => record,
    }),
  }),
});

async function* progress(ctx: Context, id: string): AsyncGenerator<ImportRecord> {
  let last = '';
  for (;;) {
    // The key was checked when the stream opened; a stream can outlive it (checklist S3).
    if (!(await keyStillValid(ctx.scope.em, ctx.principal.keyId))) {
      throw new GraphQLError('The API key was revoked', { extensions: { code: 'INVALID_API_KEY' } });
    }
    const record = await getImport(ctx.scope, id);
    if (!record) throw new NotFoundError('Contact import', id);
    const key = `${record.status}:${record.stagedRows}:${JSON.stringify(record.counts)}`;
    if (key !== last) {
      last = key;
      yield record;
    }
    if (TERMINAL_STATUSES.includes(record.status)) return;
    // A notification wakes us at once; the timeout keeps progress flowing if LISTEN is down.
    await (ctx.importEvents?.next(id, 1000) ?? new Promise((resolve) => setTimeout(resolve, 1000)));
  }
}
