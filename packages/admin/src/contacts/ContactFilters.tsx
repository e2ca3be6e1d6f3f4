import { useEffect, useRef, useState } from 'react';
import { Field } from '../ui/Field';
import type { ContactsFilterOptionsQuery } from './ContactsPage.generated';
import { type ContactsView, hasFilters } from './contactsView';

const SEARCH_DELAY_MS = 250;

/**
 * Search as you type: the box answers every keystroke, the URL (and so the query) follows once
 * typing pauses. A URL change from elsewhere (Back, a link) is copied into the box.
 */
export function SearchBox({ value, onSearch }: { value: string; onSearch(search: string): void }) {
  const [text, setText] = useState(value);
  const committed = useRef(value);
  useEffect(() => {
    if (value !== committed.current) {
      committed.current = value;
      setText(value);
    }
  }, [value]);
  useEffect(() => {
    const next = text.trim();
    if (next === committed.current) return;
    const timer = setTimeout(() => {
      committed.current = next;
      onSearch(next);
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text, onSearch]);
  return (
    <Field label="Search">
      {(props) => <input {...props} type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder="Email or name starts with…" autoComplete="off" />}
    </Field>
  );
}

/** The filters above the contacts table; every change goes to the URL through `onChange`. */
export function ContactFilters({ view, options, onSearch, onChange }: {
  view: ContactsView;
  options: ContactsFilterOptionsQuery | undefined;
  onSearch(search: string): void;
  onChange(change: Partial<ContactsView>): void;
}) {
  const segments = options?.segments.edges.map((e) => e.node) ?? [];
  const topics = options?.topics.edges.map((e) => e.node) ?? [];
  return (
    <search className="filters" aria-label="Filter contacts">
      <SearchBox value={view.search} onSearch={onSearch} />
      <Field label="Segment">
        {(props) => (
          <select {...props} value={view.segmentId ?? ''} onChange={(e) => onChange({ segmentId: e.target.value || null })}>
            <option value="">All segments</option>
            {segments.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Topic">
        {(props) => (
          <select {...props} value={view.topicId ?? ''} onChange={(e) => onChange({ topicId: e.target.value || null })}>
            <option value="">Any topic</option>
            {topics.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      {view.topicId && (
        <Field label="Topic subscription">
          {(props) => (
            <select {...props} value={view.subscription} onChange={(e) => onChange({ subscription: e.target.value === 'OPT_OUT' ? 'OPT_OUT' : 'OPT_IN' })}>
              <option value="OPT_IN">Opted in</option>
              <option value="OPT_OUT">Opted out</option>
            </select>
          )}
        </Field>
      )}
      <Field label="Status">
        {(props) => (
          <select
            {...props}
            value={view.status}
            onChange={(e) => onChange({ status: e.target.value === 'subscribed' || e.target.value === 'unsubscribed' ? e.target.value : 'all' })}
          >
            <option value="all">All</option>
            <option value="subscribed">Subscribed</option>
            <option value="unsubscribed">Unsubscribed</option>
          </select>
        )}
      </Field>
      <Field label="Sort">
        {(props) => (
          <select {...props} value={view.order} onChange={(e) => onChange({ order: e.target.value === 'OLDEST_FIRST' ? 'OLDEST_FIRST' : 'NEWEST_FIRST' })}>
            <option value="NEWEST_FIRST">Newest first</option>
            <option value="OLDEST_FIRST">Oldest first</option>
          </select>
        )}
      </Field>
      {hasFilters(view) && (
        <button
          type="button"
          className="button ghost clear-filters"
          onClick={() => onChange({ search: '', segmentId: null, topicId: null, subscription: 'OPT_IN', status: 'all' })}
        >
          Clear filters
        </button>
      )}
    </search>
  );
}
