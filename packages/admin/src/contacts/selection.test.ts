import { describe, expect, it } from 'vitest';
import { NO_SELECTION, type Selection, bulkTarget, isSelected, pageState, selectedCount, selectionReducer } from './selection';

const page = ['a', 'b', 'c'];
const ids = (s: Selection) => (s.kind === 'ids' ? [...s.ids].sort() : 'matching');

describe('selection', () => {
  it('toggles one row on and off', () => {
    const one = selectionReducer(NO_SELECTION, { type: 'toggle', id: 'b', pageIds: page });
    expect(ids(one)).toEqual(['b']);
    expect(pageState(one, page)).toBe('some');
    expect(ids(selectionReducer(one, { type: 'toggle', id: 'b', pageIds: page }))).toEqual([]);
  });

  it('ticks the whole page from none or some, and unticks it from all', () => {
    const some = selectionReducer(NO_SELECTION, { type: 'toggle', id: 'a', pageIds: page });
    const all = selectionReducer(some, { type: 'togglePage', pageIds: page });
    expect(ids(all)).toEqual(['a', 'b', 'c']);
    expect(pageState(all, page)).toBe('all');
    expect(pageState(selectionReducer(all, { type: 'togglePage', pageIds: page }), page)).toBe('none');
  });

  it('keeps rows selected on other pages', () => {
    const first = selectionReducer(NO_SELECTION, { type: 'togglePage', pageIds: page });
    const second = selectionReducer(first, { type: 'toggle', id: 'd', pageIds: ['d', 'e'] });
    expect(ids(second)).toEqual(['a', 'b', 'c', 'd']);
    expect(pageState(second, ['d', 'e'])).toBe('some');
    expect(selectedCount(second, 1000)).toBe(4);
    expect(bulkTarget(second, { search: 'x' })).toEqual({ ids: ['a', 'b', 'c', 'd'] });
  });

  it('selects every matching contact and acts by filter', () => {
    const all = selectionReducer(NO_SELECTION, { type: 'selectMatching' });
    expect(isSelected(all, 'anything')).toBe(true);
    expect(pageState(all, page)).toBe('all');
    expect(selectedCount(all, 1234)).toBe(1234);
    expect(bulkTarget(all, { segmentId: 's' })).toEqual({ filter: { segmentId: 's' } });
    expect(bulkTarget(all, null)).toEqual({ filter: {} });
  });

  it('leaves "all matching" for this page minus the row when one row is unticked', () => {
    const all = selectionReducer(NO_SELECTION, { type: 'selectMatching' });
    expect(ids(selectionReducer(all, { type: 'toggle', id: 'b', pageIds: page }))).toEqual(['a', 'c']);
    expect(ids(selectionReducer(all, { type: 'togglePage', pageIds: page }))).toEqual([]);
  });

  it('clears', () => {
    const all = selectionReducer(NO_SELECTION, { type: 'selectMatching' });
    expect(selectionReducer(all, { type: 'clear' })).toBe(NO_SELECTION);
  });

  it('reports no page state for an empty page', () => {
    expect(pageState(NO_SELECTION, [])).toBe('none');
  });
});
