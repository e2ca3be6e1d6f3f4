import { builder } from '../builder';
import { NotFoundError, ValidationError } from '../shared/errors';
import { connectionComplexity, keysetArgs } from '../shared/connection';
import { PropertyTypeEnum } from '../shared/enums.graphql';
import { pageOf } from '../shared/pagination';
import type { ContactProperty } from './property.entity';
import { createProperty, deleteProperty, getProperty, getPropertyByKey, listProperties, updateProperty } from './property.service';

export const ContactPropertyRef = builder.objectRef<ContactProperty>('ContactProperty').implement({
  description: 'A custom, typed field that contacts of the team can hold.',
  fields: (t) => ({
    id: t.exposeID('id'),
    key: t.exposeString('key'),
    type: t.field({ type: PropertyTypeEnum, resolve: (p) => p.type }),
    fallbackValue: t.field({ type: 'JSON', nullable: true, resolve: (p) => p.fallbackValue ?? null }),
    createdAt: t.field({ type: 'DateTime', resolve: (p) => p.createdAt }),
  }),
});

const CreateInput = builder.inputType('CreateContactPropertyInput', {
  fields: (t) => ({
    key: t.string({ required: true, description: 'Letters, digits and underscores, at most 50.' }),
    type: t.field({ type: PropertyTypeEnum, required: true }),
    fallbackValue: t.field({ type: 'JSON', description: 'A value of the property type, used when a contact has none.' }),
  }),
});

const UpdateInput = builder.inputType('UpdateContactPropertyInput', {
  fields: (t) => ({ fallbackValue: t.field({ type: 'JSON' }) }),
});

builder.queryFields((t) => ({
  contactProperty: t.field({
    type: ContactPropertyRef,
    nullable: true,
    args: { id: t.arg.id(), key: t.arg.string() },
    resolve: (_, args, ctx) => (args.id != null ? getProperty(ctx.scope, String(args.id)) : args.key != null ? getPropertyByKey(ctx.scope, args.key) : null),
  }),
  contactProperties: t.connection({
    type: ContactPropertyRef,
    complexity: connectionComplexity(),
    resolve: async (_, args, ctx) => {
      const keyset = keysetArgs(args);
      return pageOf(await listProperties(ctx.scope, keyset), keyset);
    },
  }, { name: 'ContactPropertyConnection' }, { name: 'ContactPropertyEdge' }),
}));

builder.mutationFields((t) => ({
  createContactProperty: t.field({
    type: ContactPropertyRef,
    args: { input: t.arg({ type: CreateInput, required: true }) },
    errors: { types: [ValidationError], directResult: true, union: { name: 'CreateContactPropertyResult' } },
    resolve: (_, { input }, ctx) => createProperty(ctx.scope, input),
  }),
  updateContactProperty: t.field({
    type: ContactPropertyRef,
    args: { id: t.arg.id({ required: true }), input: t.arg({ type: UpdateInput, required: true }) },
    errors: { types: [ValidationError, NotFoundError], directResult: true, union: { name: 'UpdateContactPropertyResult' } },
    resolve: (_, { id, input }, ctx) => updateProperty(ctx.scope, String(id), input),
  }),
  deleteContactProperty: t.field({
    type: ContactPropertyRef,
    description: 'Deletes the property and its value on every contact.',
    args: { id: t.arg.id({ required: true }) },
    errors: { types: [NotFoundError], directResult: true, union: { name: 'DeleteContactPropertyResult' } },
    resolve: (_, { id }, ctx) => deleteProperty(ctx.scope, String(id)),
  }),
}));
