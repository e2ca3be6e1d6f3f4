import { describe, expect, it } from 'vitest';
import { describeEvent } from './historyText';

const names = { segments: new Map([['s1', 'Customers']]), topics: new Map([['t1', 'Newsletter']]) };

describe('describeEvent', () => {
  it.each([
    ['CREATED', { email: 'a@x.com' }, 'Created'],
    ['UNSUBSCRIBED', {}, 'Unsubscribed from all broadcasts'],
    ['RESUBSCRIBED', {}, 'Subscribed to broadcasts again'],
    ['SEGMENT_ADDED', { segmentId: 's1' }, 'Added to Customers'],
    ['SEGMENT_REMOVED', { segmentId: 'gone' }, 'Removed from a deleted segment'],
    ['TOPIC_SUBSCRIPTION_CHANGED', { topicId: 't1', subscription: 'opt_in' }, 'Opted in to Newsletter'],
    ['TOPIC_SUBSCRIPTION_CHANGED', { topicId: 't1', subscription: 'opt_out' }, 'Opted out of Newsletter'],
    ['TOPIC_SUBSCRIPTION_CHANGED', { topicId: 'gone', subscription: 'opt_out' }, 'Opted out of a deleted topic'],
  ] as const)('%s %j reads “%s”', (type, data, title) => {
    expect(describeEvent(type, data, names).title).toBe(title);
  });

  it('lists each changed field of an update, from and to', () => {
    const text = describeEvent('UPDATED', { changes: { firstName: { from: null, to: 'Ann' }, 'properties.plan': { from: 'free', to: 'pro' }, 'properties.seats': { from: 3, to: null } } }, names);
    expect(text).toEqual({ title: 'Updated', details: ['First name: empty → “Ann”', 'plan: “free” → “pro”', 'seats: 3 → empty'], importId: undefined });
  });

  it('links an import’s changes to the import', () => {
    expect(describeEvent('UPDATED', { importId: 'i1' }, names)).toEqual({ title: 'Updated by an import', details: [], importId: 'i1' });
    expect(describeEvent('CREATED', { importId: 'i1' }, names).importId).toBe('i1');
  });

  it('survives data it does not expect', () => {
    expect(describeEvent('UPDATED', null, names)).toEqual({ title: 'Updated', details: [], importId: undefined });
    expect(describeEvent('UPDATED', { changes: [1, 2] }, names).details).toEqual([]);
  });
});
