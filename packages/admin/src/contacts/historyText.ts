import type { ContactEventType, ContactSource } from '../gql/types';

export interface EventText {
  title: string;
  /** One line per changed field, for updates. */
  details: string[];
  /** The import that made the change, to link to. */
  importId?: string;
}

export interface Names {
  segments: ReadonlyMap<string, string>;
  topics: ReadonlyMap<string, string>;
}

export const SOURCE_LABELS: Record<ContactSource, string> = { API: 'API', MANUAL: 'added by hand', IMPORT: 'CSV import' };

const FIELD_LABELS: Record<string, string> = { firstName: 'First name', lastName: 'Last name', email: 'Email' };

function shown(value: unknown): string {
  if (value === null || value === undefined || value === '') return 'empty';
  return typeof value === 'string' ? `“${value}”` : String(value);
}

function fieldLabel(field: string): string {
  return FIELD_LABELS[field] ?? (field.startsWith('properties.') ? field.slice('properties.'.length) : field);
}

function asRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/**
 * Words for one history entry. Segments and topics are named by id in the event; a name that is no
 * longer known belongs to one deleted since.
 */
export function describeEvent(type: ContactEventType, rawData: unknown, names: Names): EventText {
  const data = asRecord(rawData);
  const importId = typeof data.importId === 'string' ? data.importId : undefined;
  const segment = () => names.segments.get(String(data.segmentId)) ?? 'a deleted segment';
  const topic = () => names.topics.get(String(data.topicId)) ?? 'a deleted topic';
  switch (type) {
    case 'CREATED':
      return { title: 'Created', details: [], importId };
    case 'UPDATED': {
      const changes = Object.entries(asRecord(data.changes)).map(([field, change]) => {
        const { from, to } = asRecord(change);
        return `${fieldLabel(field)}: ${shown(from)} → ${shown(to)}`;
      });
      return { title: changes.length > 0 || !importId ? 'Updated' : 'Updated by an import', details: changes, importId };
    }
    case 'UNSUBSCRIBED':
      return { title: 'Unsubscribed from all broadcasts', details: [] };
    case 'RESUBSCRIBED':
      return { title: 'Subscribed to broadcasts again', details: [] };
    case 'SEGMENT_ADDED':
      return { title: `Added to ${segment()}`, details: [], importId };
    case 'SEGMENT_REMOVED':
      return { title: `Removed from ${segment()}`, details: [] };
    case 'TOPIC_SUBSCRIPTION_CHANGED':
      return { title: data.subscription === 'opt_out' ? `Opted out of ${topic()}` : `Opted in to ${topic()}`, details: [] };
  }
}
