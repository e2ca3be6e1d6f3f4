import { builder } from '../builder';
import { SourceEnum } from '../shared/enums.graphql';
import type { ContactEventRecord } from './history.service';

const EventTypeEnum = builder.enumType('ContactEventType', {
  values: {
    CREATED: { value: 'created' },
    UPDATED: { value: 'updated' },
    UNSUBSCRIBED: { value: 'unsubscribed' },
    RESUBSCRIBED: { value: 'resubscribed' },
    SEGMENT_ADDED: { value: 'segment_added' },
    SEGMENT_REMOVED: { value: 'segment_removed' },
    TOPIC_SUBSCRIPTION_CHANGED: { value: 'topic_subscription_changed' },
  } as const,
});

export const ContactEventRef = builder.objectRef<ContactEventRecord>('ContactEvent').implement({
  description: 'One entry of a contact’s timeline.',
  fields: (t) => ({
    id: t.exposeID('id'),
    type: t.field({ type: EventTypeEnum, resolve: (e) => e.type }),
    source: t.field({ type: SourceEnum, resolve: (e) => e.source as 'api' | 'manual' | 'import' }),
    data: t.field({
      type: 'JSON',
      description: 'What changed: `changes` ({field: {from, to}}) for UPDATED, `segmentId`, `topicId` and `subscription` otherwise.',
      resolve: (e) => e.data,
    }),
    createdAt: t.field({ type: 'DateTime', resolve: (e) => e.createdAt }),
  }),
});
