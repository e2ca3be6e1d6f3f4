import type { ContactFilter, ContactOrder, SubscriptionStatus } from '../gql/types';

/**
 * What the contacts list shows, kept in the URL so a search or a filtered page can be shared and
 * survives a reload: `?q=ann&segment=<id>&topic=<id>&subscription=out&status=unsubscribed&order=oldest&after=<cursor>`.
 */
export interface ContactsView {
  search: string;
  segmentId: string | null;
  topicId: string | null;
  /** Which side of the topic: its opted-in contacts unless asked for the opted-out ones. */
  subscription: SubscriptionStatus;
  status: 'all' | 'subscribed' | 'unsubscribed';
  order: ContactOrder;
  after: string | null;
  before: string | null;
}

export const DEFAULT_VIEW: ContactsView = {
  search: '',
  segmentId: null,
  topicId: null,
  subscription: 'OPT_IN',
  status: 'all',
  order: 'NEWEST_FIRST',
  after: null,
  before: null,
};

export function readView(params: URLSearchParams): ContactsView {
  const status = params.get('status');
  return {
    search: params.get('q') ?? '',
    segmentId: params.get('segment') || null,
    topicId: params.get('topic') || null,
    subscription: params.get('subscription') === 'out' ? 'OPT_OUT' : 'OPT_IN',
    status: status === 'subscribed' || status === 'unsubscribed' ? status : 'all',
    order: params.get('order') === 'oldest' ? 'OLDEST_FIRST' : 'NEWEST_FIRST',
    after: params.get('after') || null,
    before: params.get('before') || null,
  };
}

/** The URL parameters for a view; defaults are left out so links stay short. */
export function writeView(view: ContactsView): URLSearchParams {
  const params = new URLSearchParams();
  if (view.search) params.set('q', view.search);
  if (view.segmentId) params.set('segment', view.segmentId);
  if (view.topicId) {
    params.set('topic', view.topicId);
    if (view.subscription === 'OPT_OUT') params.set('subscription', 'out');
  }
  if (view.status !== 'all') params.set('status', view.status);
  if (view.order === 'OLDEST_FIRST') params.set('order', 'oldest');
  if (view.before) params.set('before', view.before);
  else if (view.after) params.set('after', view.after);
  return params;
}

/**
 * The view after a change. Any change but a page move starts again at the first page: a cursor
 * from one filter or order means nothing in another.
 */
export function changeView(view: ContactsView, change: Partial<ContactsView>): ContactsView {
  const moves = 'after' in change || 'before' in change;
  return { ...view, ...(moves ? {} : { after: null, before: null }), ...change };
}

/** The `contacts` filter for a view, or null when it shows everyone. */
export function viewFilter(view: ContactsView): ContactFilter | null {
  const filter: ContactFilter = {};
  const search = view.search.trim();
  if (search) filter.search = search;
  if (view.segmentId) filter.segmentId = view.segmentId;
  if (view.topicId) {
    filter.topicId = view.topicId;
    filter.topicSubscription = view.subscription;
  }
  if (view.status !== 'all') filter.unsubscribed = view.status === 'unsubscribed';
  return Object.keys(filter).length > 0 ? filter : null;
}

export function hasFilters(view: ContactsView): boolean {
  return viewFilter(view) !== null;
}

/** The query string of `GET /contacts/export.csv` for the view's filter (the export has no order). */
export function exportParams(view: ContactsView): URLSearchParams {
  const filter = viewFilter(view);
  const params = new URLSearchParams();
  if (filter?.search) params.set('search', filter.search);
  if (filter?.segmentId) params.set('segment_id', filter.segmentId);
  if (filter?.topicId) {
    params.set('topic_id', filter.topicId);
    params.set('topic_subscription', filter.topicSubscription === 'OPT_OUT' ? 'opt_out' : 'opt_in');
  }
  if (filter?.unsubscribed != null) params.set('unsubscribed', String(filter.unsubscribed));
  return params;
}
