import type { ContactBulkTarget, ContactFilter } from '../gql/types';

/**
 * Which contacts the bulk actions act on: some by id (kept across pages), or every contact matching
 * the current filter, however many pages it spans ("Select all N matching").
 */
export type Selection = { kind: 'ids'; ids: ReadonlySet<string> } | { kind: 'matching' };

export type SelectionAction =
  | { type: 'toggle'; id: string; pageIds: readonly string[] }
  | { type: 'togglePage'; pageIds: readonly string[] }
  | { type: 'selectMatching' }
  | { type: 'clear' };

export const NO_SELECTION: Selection = { kind: 'ids', ids: new Set() };

export function selectionReducer(state: Selection, action: SelectionAction): Selection {
  switch (action.type) {
    case 'toggle': {
      // Unticking one row of "all matching" keeps the rest of this page: the API takes a filter or
      // ids, not a filter minus exceptions.
      const ids = new Set(state.kind === 'matching' ? action.pageIds : state.ids);
      if (state.kind === 'ids' && !ids.has(action.id)) ids.add(action.id);
      else ids.delete(action.id);
      return { kind: 'ids', ids };
    }
    case 'togglePage': {
      if (state.kind === 'matching') return NO_SELECTION;
      const ids = new Set(state.ids);
      const all = action.pageIds.length > 0 && action.pageIds.every((id) => ids.has(id));
      for (const id of action.pageIds) {
        if (all) ids.delete(id);
        else ids.add(id);
      }
      return { kind: 'ids', ids };
    }
    case 'selectMatching':
      return { kind: 'matching' };
    case 'clear':
      return NO_SELECTION;
  }
}

export function isSelected(selection: Selection, id: string): boolean {
  return selection.kind === 'matching' || selection.ids.has(id);
}

/** How many contacts the selection covers; `total` is the filter's totalCount. */
export function selectedCount(selection: Selection, total: number): number {
  return selection.kind === 'matching' ? total : selection.ids.size;
}

/** The header checkbox's state for the rows on screen. */
export function pageState(selection: Selection, pageIds: readonly string[]): 'none' | 'some' | 'all' {
  if (pageIds.length === 0) return 'none';
  const n = pageIds.filter((id) => isSelected(selection, id)).length;
  return n === 0 ? 'none' : n === pageIds.length ? 'all' : 'some';
}

/** The bulk mutations' target: the ids, or the filter (an empty filter is every contact). */
export function bulkTarget(selection: Selection, filter: ContactFilter | null): ContactBulkTarget {
  return selection.kind === 'matching' ? { filter: filter ?? {} } : { ids: [...selection.ids] };
}
