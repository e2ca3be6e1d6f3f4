import { builder } from '../builder';
import type { Context } from '../context';
import { ContactEventRef } from '../history/history.graphql';
import { listHistory } from '../history/history.service';
import { propertyTypes } from '../properties/property.service';
import { connectionComplexity, keysetArgs } from '../shared/connection';
import { PropertyTypeEnum, SourceEnum, SubscriptionStatusEnum } from '../shared/enums.graphql';
import { NotFoundError, ValidationError } from '../shared/errors';
import { pageOf } from '../shared/pagination';
import { addContacts, bulkAddToSegments, bulkDeleteContacts, bulkRemoveFromSegments, bulkSetTopicSubscription } from './contact-bulk.service';
import {
  type ContactRecord,
  type ContactSegmentRecord,
  type ContactTopicRecord,
  addContactToSegment,
  contactSegments,
  contactTopics,
  countContacts,
  createContact,
  deleteContact,
  findContact,
  listContacts,
  removeContactFromSegment,
  updateContact,
  updateContactTopics,
} from './contact.service';

export const ContactRef = builder.objectRef<ContactRecord>('Contact');

function teamProperties(ctx: Context) {
  ctx.propertyTypes ??= propertyTypes(ctx.scope);
  return ctx.propertyTypes;
}

const PropertyValueRef = builder.objectRef<{ key: string; type: 'string' | 'number' | 'boolean'; value: unknown }>('ContactPropertyValue').implement({
  fields: (t) => ({
    key: t.exposeString('key'),
    type: t.field({ type: PropertyTypeEnum, resolve: (v) => v.type }),
    value: t.field({ type: 'JSON', resolve: (v) => v.value }),
  }),
});

const ContactSegmentRef = builder.objectRef<ContactSegmentRecord>('ContactSegment').implement({
  description: 'A segment the contact belongs to.',
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    createdAt: t.field({ type: 'DateTime', description: 'When the segment was created.', resolve: (s) => s.createdAt }),
    addedAt: t.field({ type: 'DateTime', description: 'When the contact joined the segment.', resolve: (s) => s.addedAt }),
  }),
});

const ContactTopicRef = builder.objectRef<ContactTopicRecord>('ContactTopic').implement({
  description: 'A topic with the contact’s effective subscription: its own choice, else the topic’s default.',
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    description: t.exposeString('description', { nullable: true }),
    defaultSubscription: t.field({ type: SubscriptionStatusEnum, resolve: (r) => r.defaultSubscription }),
    subscription: t.field({ type: SubscriptionStatusEnum, resolve: (r) => r.subscription }),
    explicit: t.exposeBoolean('explicit', { description: 'True when the contact chose; false when the default applies.' }),
  }),
});

builder.objectType(ContactRef, {
  description: 'A person of the audience, unique by email within the team.',
  fields: (t) => ({
    id: t.exposeID('id'),
    email: t.exposeString('email'),
    firstName: t.exposeString('firstName', { nullable: true }),
    lastName: t.exposeString('lastName', { nullable: true }),
    unsubscribed: t.exposeBoolean('unsubscribed', { description: 'Unsubscribed from every broadcast.' }),
    source: t.field({ type: SourceEnum, resolve: (c) => c.source as 'api' | 'manual' | 'import' }),
    createdAt: t.field({ type: 'DateTime', resolve: (c) => c.createdAt }),
    updatedAt: t.field({ type: 'DateTime', resolve: (c) => c.updatedAt }),
    properties: t.field({
      type: [PropertyValueRef],
      description: 'The custom property values this contact holds, each with its type.',
      resolve: async (c, _, ctx) => {
        const known = await teamProperties(ctx);
        return Object.entries(c.properties).flatMap(([key, value]) => {
          const property = known.get(key);
          return property ? [{ key, type: property.type, value }] : [];
        });
      },
    }),
    segments: t.connection({
      type: ContactSegmentRef,
      complexity: connectionComplexity(100),
      resolve: async (c, args, ctx) => {
        const keyset = keysetArgs(args, 100);
        return pageOf(await contactSegments(ctx.scope, c.id, keyset), keyset);
      },
    }, { name: 'ContactSegmentConnection' }, { name: 'ContactSegmentEdge' }),
    topics: t.connection({
      type: ContactTopicRef,
      complexity: connectionComplexity(100),
      resolve: async (c, args, ctx) => {
        const keyset = keysetArgs(args, 100);
        return pageOf(await contactTopics(ctx.scope, c.id, keyset), keyset);
      },
    }, { name: 'ContactTopicConnection' }, { name: 'ContactTopicEdge' }),
    history: t.connection({
      type: ContactEventRef,
      description: 'What happened to the contact, newest first.',
      complexity: connectionComplexity(),
      resolve: async (c, args, ctx) => {
        const keyset = keysetArgs(args, 20, 'integer');
        return pageOf(await listHistory(ctx.scope, c.id, keyset), keyset);
      },
    }, { name: 'ContactEventConnection' }, { name: 'ContactEventEdge' }),
  }),
});

const SubscriptionInput = builder.inputType('TopicSubscriptionInput', {
  fields: (t) => ({
    id: t.id({ required: true }),
    subscription: t.field({ type: SubscriptionStatusEnum, required: true }),
  }),
});

const ContactOrderEnum = builder.enumType('ContactOrder', {
  description: 'By creation date (the order of the time-ordered ids); cursors stay valid within one order.',
  values: { NEWEST_FIRST: { value: 'newest_first' }, OLDEST_FIRST: { value: 'oldest_first' } } as const,
});

export const ContactFilterInput = builder.inputType('ContactFilter', {
  fields: (t) => ({
    search: t.string({ description: 'Prefix of the email, first name or last name (case-insensitive).' }),
    segmentId: t.id(),
    topicId: t.id({ description: 'Contacts whose effective subscription to this topic is `topicSubscription`.' }),
    topicSubscription: t.field({ type: SubscriptionStatusEnum, description: 'With topicId; OPT_IN unless given.' }),
    unsubscribed: t.boolean(),
  }),
});

const CreateInput = builder.inputType('CreateContactInput', {
  fields: (t) => ({
    email: t.string({ required: true }),
    firstName: t.string(),
    lastName: t.string(),
    unsubscribed: t.boolean(),
    properties: t.field({ type: 'JSON', description: 'Property keys to values; each key must exist and the value match its type.' }),
    segmentIds: t.idList(),
    topics: t.field({ type: [SubscriptionInput] }),
  }),
});

const UpdateInput = builder.inputType('UpdateContactInput', {
  description: 'Every field but the email. An absent field is left alone; null clears a name or a property.',
  fields: (t) => ({
    firstName: t.string(),
    lastName: t.string(),
    unsubscribed: t.boolean(),
    properties: t.field({ type: 'JSON' }),
    segmentIds: t.idList({ description: 'When given, the contact’s segments become exactly these.' }),
    topics: t.field({ type: [SubscriptionInput], description: 'Subscriptions to set; other topics are left alone.' }),
  }),
});

const BulkTargetInput = builder.inputType('ContactBulkTarget', {
  description: 'Which contacts a bulk action applies to: a list of ids, or every contact matching a filter.',
  fields: (t) => ({
    ids: t.idList(),
    filter: t.field({ type: ContactFilterInput }),
  }),
});

const BulkResultRef = builder.objectRef<{ matched: number; affected: number }>('BulkContactsResult').implement({
  fields: (t) => ({
    matched: t.exposeInt('matched', { description: 'Contacts the target selected.' }),
    affected: t.exposeInt('affected', { description: 'Contacts the action changed.' }),
  }),
});

const ContactBriefRef = builder.objectRef<{ id: string; email: string }>('ContactBrief').implement({
  fields: (t) => ({ id: t.exposeID('id'), email: t.exposeString('email') }),
});
const InvalidEmailRef = builder.objectRef<{ email: string; reason: string }>('InvalidEmail').implement({
  fields: (t) => ({ email: t.exposeString('email'), reason: t.exposeString('reason') }),
});
const AddContactsResultRef = builder
  .objectRef<{ created: { id: string; email: string }[]; existing: { id: string; email: string }[]; invalid: { email: string; reason: string }[] }>(
    'AddContactsResult',
  )
  .implement({
    fields: (t) => ({
      createdCount: t.int({ resolve: (r) => r.created.length }),
      created: t.field({ type: [ContactBriefRef], resolve: (r) => r.created }),
      existing: t.field({ type: [ContactBriefRef], resolve: (r) => r.existing }),
      invalid: t.field({ type: [InvalidEmailRef], resolve: (r) => r.invalid }),
    }),
  });


builder.queryFields((t) => ({
  contact: t.field({
    type: ContactRef,
    nullable: true,
    description: 'One contact by id or by email (case-insensitive); null when there is none.',
    args: { id: t.arg.id(), email: t.arg.string() },
    resolve: (_, args, ctx) => findContact(ctx.scope, { id: args.id == null ? null : String(args.id), email: args.email }),
  }),
  contacts: t.connection(
    {
      type: ContactRef,
      description: 'The team’s contacts, newest first unless `order` says otherwise.',
      args: {
        filter: t.arg({ type: ContactFilterInput }),
        order: t.arg({ type: ContactOrderEnum, defaultValue: 'newest_first' }),
      },
      complexity: connectionComplexity(),
      resolve: async (_, args, ctx) => {
        const keyset = keysetArgs(args);
        const page = pageOf(await listContacts(ctx.scope, args.filter, keyset, args.order ?? 'newest_first'), keyset);
        return { ...page, count: () => countContacts(ctx.scope, args.filter) };
      },
    },
    {
      name: 'ContactConnection',
      fields: (c) => ({
        totalCount: c.int({
          description: 'Contacts matching the filter (counted on request).',
          complexity: 10,
          resolve: (conn) => (conn as unknown as { count: () => Promise<number> }).count(),
        }),
      }),
    },
    { name: 'ContactEdge' },
  ),
}));

builder.mutationFields((t) => ({
  createContact: t.field({
    type: ContactRef,
    description: 'Creates a contact; when the email exists already, returns that contact unchanged.',
    args: { input: t.arg({ type: CreateInput, required: true }) },
    errors: { types: [ValidationError], directResult: true, union: { name: 'CreateContactResult' } },
    resolve: async (_, { input }, ctx) => (await createContact(ctx.scope, input)).contact,
  }),
  updateContact: t.field({
    type: ContactRef,
    args: { id: t.arg.id(), email: t.arg.string(), input: t.arg({ type: UpdateInput, required: true }) },
    errors: { types: [ValidationError, NotFoundError], directResult: true, union: { name: 'UpdateContactResult' } },
    resolve: (_, args, ctx) => updateContact(ctx.scope, { id: args.id == null ? null : String(args.id), email: args.email }, args.input),
  }),
  deleteContact: t.field({
    type: ContactRef,
    description: 'Deletes the contact with its memberships, subscriptions and history; returns what it was.',
    args: { id: t.arg.id(), email: t.arg.string() },
    errors: { types: [ValidationError, NotFoundError], directResult: true, union: { name: 'DeleteContactResult' } },
    resolve: (_, args, ctx) => deleteContact(ctx.scope, { id: args.id == null ? null : String(args.id), email: args.email }),
  }),
  addContacts: t.field({
    type: AddContactsResultRef,
    description: 'Adds contacts by hand: emails separated by commas, semicolons or new lines.',
    args: { emails: t.arg.string({ required: true }), segmentId: t.arg.id() },
    errors: { types: [ValidationError], directResult: true, union: { name: 'AddContactsPayload' } },
    resolve: (_, args, ctx) =>
      addContacts({ ...ctx.scope, source: 'manual' }, args.emails, args.segmentId == null ? null : String(args.segmentId)),
  }),
  addContactToSegment: t.field({
    type: ContactRef,
    args: { id: t.arg.id(), email: t.arg.string(), segmentId: t.arg.id({ required: true }) },
    errors: { types: [ValidationError, NotFoundError], directResult: true, union: { name: 'AddContactToSegmentResult' } },
    resolve: (_, args, ctx) =>
      addContactToSegment(ctx.scope, { id: args.id == null ? null : String(args.id), email: args.email }, String(args.segmentId)),
  }),
  removeContactFromSegment: t.field({
    type: ContactRef,
    args: { id: t.arg.id(), email: t.arg.string(), segmentId: t.arg.id({ required: true }) },
    errors: { types: [ValidationError, NotFoundError], directResult: true, union: { name: 'RemoveContactFromSegmentResult' } },
    resolve: (_, args, ctx) =>
      removeContactFromSegment(ctx.scope, { id: args.id == null ? null : String(args.id), email: args.email }, String(args.segmentId)),
  }),
  updateContactTopics: t.field({
    type: ContactRef,
    description: 'Sets the contact’s subscription to each given topic.',
    args: { id: t.arg.id(), email: t.arg.string(), topics: t.arg({ type: [SubscriptionInput], required: true }) },
    errors: { types: [ValidationError, NotFoundError], directResult: true, union: { name: 'UpdateContactTopicsResult' } },
    resolve: (_, args, ctx) =>
      updateContactTopics(ctx.scope, { id: args.id == null ? null : String(args.id), email: args.email }, args.topics),
  }),
  bulkAddContactsToSegments: t.field({
    type: BulkResultRef,
    args: { target: t.arg({ type: BulkTargetInput, required: true }), segmentIds: t.arg.idList({ required: true }) },
    errors: { types: [ValidationError], directResult: true, union: { name: 'BulkAddContactsToSegmentsResult' } },
    resolve: (_, args, ctx) => bulkAddToSegments(ctx.scope, args.target, args.segmentIds.map(String)),
  }),
  bulkRemoveContactsFromSegments: t.field({
    type: BulkResultRef,
    args: { target: t.arg({ type: BulkTargetInput, required: true }), segmentIds: t.arg.idList({ required: true }) },
    errors: { types: [ValidationError], directResult: true, union: { name: 'BulkRemoveContactsFromSegmentsResult' } },
    resolve: (_, args, ctx) => bulkRemoveFromSegments(ctx.scope, args.target, args.segmentIds.map(String)),
  }),
  bulkSetTopicSubscription: t.field({
    type: BulkResultRef,
    description: 'Subscribes (OPT_IN) or unsubscribes (OPT_OUT) every targeted contact to each topic.',
    args: {
      target: t.arg({ type: BulkTargetInput, required: true }),
      topicIds: t.arg.idList({ required: true }),
      subscription: t.arg({ type: SubscriptionStatusEnum, required: true }),
    },
    errors: { types: [ValidationError], directResult: true, union: { name: 'BulkSetTopicSubscriptionResult' } },
    resolve: (_, args, ctx) => bulkSetTopicSubscription(ctx.scope, args.target, args.topicIds.map(String), args.subscription),
  }),
  bulkDeleteContacts: t.field({
    type: BulkResultRef,
    args: { target: t.arg({ type: BulkTargetInput, required: true }) },
    errors: { types: [ValidationError], directResult: true, union: { name: 'BulkDeleteContactsResult' } },
    resolve: (_, args, ctx) => bulkDeleteContacts(ctx.scope, args.target),
  }),
}));
