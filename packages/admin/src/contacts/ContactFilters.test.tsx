import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ContactFilters, SearchBox } from './ContactFilters';
import { DEFAULT_VIEW } from './contactsView';

beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('SearchBox', () => {
  it('searches once typing pauses for 250 ms, not on every key', () => {
    const onSearch = vi.fn();
    render(<SearchBox value="" onSearch={onSearch} />);
    const box = screen.getByLabelText('Search');
    for (const text of ['a', 'an', 'ann']) {
      fireEvent.change(box, { target: { value: text } });
      act(() => vi.advanceTimersByTime(100));
    }
    expect(onSearch).not.toHaveBeenCalled();
    act(() => vi.advanceTimersByTime(250));
    expect(onSearch).toHaveBeenCalledExactlyOnceWith('ann');
  });

  it('ignores spaces around the search and does not repeat the current one', () => {
    const onSearch = vi.fn();
    render(<SearchBox value="ann" onSearch={onSearch} />);
    fireEvent.change(screen.getByLabelText('Search'), { target: { value: ' ann ' } });
    act(() => vi.advanceTimersByTime(500));
    expect(onSearch).not.toHaveBeenCalled();
  });

  it('takes a search that changes from outside (Back, a link) without searching again', () => {
    const onSearch = vi.fn();
    const { rerender } = render(<SearchBox value="ann" onSearch={onSearch} />);
    rerender(<SearchBox value="bo" onSearch={onSearch} />);
    expect(screen.getByLabelText<HTMLInputElement>('Search').value).toBe('bo');
    act(() => vi.advanceTimersByTime(500));
    expect(onSearch).not.toHaveBeenCalled();
  });
});

describe('ContactFilters', () => {
  const options = {
    segments: { edges: [{ node: { id: 's1', name: 'VIP' } }], pageInfo: { hasNextPage: false } },
    topics: { edges: [{ node: { id: 't1', name: 'News', defaultSubscription: 'OPT_IN' as const } }], pageInfo: { hasNextPage: false } },
  };

  it('offers the topic’s side only once a topic is chosen, and clears every filter at once', () => {
    const onChange = vi.fn();
    const { rerender } = render(<ContactFilters view={DEFAULT_VIEW} options={options} onSearch={vi.fn()} onChange={onChange} />);
    expect(screen.queryByLabelText('Topic subscription')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Clear filters' })).toBeNull();

    fireEvent.change(screen.getByLabelText('Topic'), { target: { value: 't1' } });
    expect(onChange).toHaveBeenLastCalledWith({ topicId: 't1' });

    rerender(<ContactFilters view={{ ...DEFAULT_VIEW, topicId: 't1', segmentId: 's1' }} options={options} onSearch={vi.fn()} onChange={onChange} />);
    fireEvent.change(screen.getByLabelText('Topic subscription'), { target: { value: 'OPT_OUT' } });
    expect(onChange).toHaveBeenLastCalledWith({ subscription: 'OPT_OUT' });
    fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(onChange).toHaveBeenLastCalledWith({ search: '', segmentId: null, topicId: null, subscription: 'OPT_IN', status: 'all' });
  });
});
