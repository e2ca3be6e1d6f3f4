import { builder } from '../builder';
import { connectionComplexity, keysetArgs } from '../shared/connection';
import { SubscriptionStatusEnum, VisibilityEnum } from '../shared/enums.graphql';
import { NotFoundError, ValidationError } from '../shared/errors';
import { pageOf } from '../shared/pagination';
import type { Topic } from './topic.entity';
import { createTopic, deleteTopic, getTopic, listTopics, updateTopic } from './topic.service';

export const TopicRef = builder.objectRef<Topic>('Topic').implement({
  description: 'A subject contacts opt in to or out of.',
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    description: t.exposeString('description', { nullable: true }),
    defaultSubscription: t.field({ type: SubscriptionStatusEnum, resolve: (topic) => topic.defaultSubscription }),
    visibility: t.field({ type: VisibilityEnum, resolve: (topic) => topic.visibility }),
    createdAt: t.field({ type: 'DateTime', resolve: (topic) => topic.createdAt }),
  }),
});

const CreateInput = builder.inputType('CreateTopicInput', {
  fields: (t) => ({
    name: t.string({ required: true, description: 'At most 50 characters.' }),
    description: t.string({ description: 'At most 200 characters.' }),
    defaultSubscription: t.field({ type: SubscriptionStatusEnum, required: true, description: 'Fixed once the topic exists.' }),
    visibility: t.field({ type: VisibilityEnum, description: 'PRIVATE unless given.' }),
  }),
});

const UpdateInput = builder.inputType('UpdateTopicInput', {
  fields: (t) => ({
    name: t.string(),
    description: t.string(),
    visibility: t.field({ type: VisibilityEnum }),
  }),
});

builder.queryFields((t) => ({
  topic: t.field({
    type: TopicRef,
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: (_, { id }, ctx) => getTopic(ctx.scope, String(id)),
  }),
  topics: t.connection({
    type: TopicRef,
    complexity: connectionComplexity(),
    resolve: async (_, args, ctx) => {
      const keyset = keysetArgs(args);
      return pageOf(await listTopics(ctx.scope, keyset), keyset);
    },
  }, { name: 'TopicConnection' }, { name: 'TopicEdge' }),
}));

builder.mutationFields((t) => ({
  createTopic: t.field({
    type: TopicRef,
    args: { input: t.arg({ type: CreateInput, required: true }) },
    errors: { types: [ValidationError], directResult: true, union: { name: 'CreateTopicResult' } },
    resolve: (_, { input }, ctx) => createTopic(ctx.scope, input),
  }),
  updateTopic: t.field({
    type: TopicRef,
    args: { id: t.arg.id({ required: true }), input: t.arg({ type: UpdateInput, required: true }) },
    errors: { types: [ValidationError, NotFoundError], directResult: true, union: { name: 'UpdateTopicResult' } },
    resolve: (_, { id, input }, ctx) => updateTopic(ctx.scope, String(id), input),
  }),
  deleteTopic: t.field({
    type: TopicRef,
    args: { id: t.arg.id({ required: true }) },
    errors: { types: [NotFoundError], directResult: true, union: { name: 'DeleteTopicResult' } },
    resolve: (_, { id }, ctx) => deleteTopic(ctx.scope, String(id)),
  }),
}));
