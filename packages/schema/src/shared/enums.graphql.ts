import { builder } from '../builder';

export const SubscriptionStatusEnum = builder.enumType('SubscriptionStatus', {
  values: { OPT_IN: { value: 'opt_in' }, OPT_OUT: { value: 'opt_out' } } as const,
});

export const VisibilityEnum = builder.enumType('TopicVisibility', {
  values: { PUBLIC: { value: 'public' }, PRIVATE: { value: 'private' } } as const,
});

export const PropertyTypeEnum = builder.enumType('PropertyType', {
  values: { STRING: { value: 'string' }, NUMBER: { value: 'number' }, BOOLEAN: { value: 'boolean' } } as const,
});

export const SourceEnum = builder.enumType('ContactSource', {
  values: { API: { value: 'api' }, MANUAL: { value: 'manual' }, IMPORT: { value: 'import' } } as const,
});

export const PermissionEnum = builder.enumType('ApiKeyPermission', {
  values: { FULL_ACCESS: { value: 'full_access' }, SENDING_ACCESS: { value: 'sending_access' } } as const,
});
