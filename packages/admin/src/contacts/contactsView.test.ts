import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW, changeView, exportParams, readView, viewFilter, writeView } from './contactsView';

describe('contacts view in the URL', () => {
  it('reads the defaults from an empty query', () => {
    expect(readView(new URLSearchParams())).toEqual(DEFAULT_VIEW);
    expect(writeView(DEFAULT_VIEW).toString()).toBe('');
    expect(viewFilter(DEFAULT_VIEW)).toBeNull();
  });

  it('round-trips every setting', () => {
    const query = 'q=ann&segment=s1&topic=t1&subscription=out&status=unsubscribed&order=oldest&after=c1';
    const view = readView(new URLSearchParams(query));
    expect(view).toEqual({
      search: 'ann',
      segmentId: 's1',
      topicId: 't1',
      subscription: 'OPT_OUT',
      status: 'unsubscribed',
      order: 'OLDEST_FIRST',
      after: 'c1',
      before: null,
    });
    expect(writeView(view).toString()).toBe(query);
  });

  it('ignores values it does not know', () => {
    expect(readView(new URLSearchParams('status=maybe&order=sideways&subscription=x'))).toEqual(DEFAULT_VIEW);
  });

  it('drops the subscription side without a topic', () => {
    expect(writeView({ ...DEFAULT_VIEW, subscription: 'OPT_OUT' }).toString()).toBe('');
  });

  it('goes back to the first page when anything but the page changes', () => {
    const paged = { ...DEFAULT_VIEW, after: 'c1' };
    expect(changeView(paged, { search: 'a' })).toMatchObject({ search: 'a', after: null, before: null });
    expect(changeView(paged, { order: 'OLDEST_FIRST' })).toMatchObject({ after: null });
    expect(changeView(paged, { before: 'c0', after: null })).toMatchObject({ before: 'c0', after: null });
  });

  it('builds the filter and the export query from the same view', () => {
    const view = { ...DEFAULT_VIEW, search: ' ann ', segmentId: 's1', topicId: 't1', status: 'subscribed' as const };
    expect(viewFilter(view)).toEqual({ search: 'ann', segmentId: 's1', topicId: 't1', topicSubscription: 'OPT_IN', unsubscribed: false });
    expect(exportParams(view).toString()).toBe('search=ann&segment_id=s1&topic_id=t1&topic_subscription=opt_in&unsubscribed=false');
    expect(exportParams(DEFAULT_VIEW).toString()).toBe('');
  });
});
