import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { Provider } from 'urql';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AuthProvider } from '../auth';
import { createClient } from '../client';
import { ContactsPage } from './ContactsPage';

// The page against a real urql client whose fetch answers like the server: what matters here is
// what the bulk mutations are sent after a selection.

interface Sent {
  query: string;
  variables: Record<string, unknown>;
}

const contacts = [1, 2, 3].map((n) => ({
  __typename: 'Contact',
  id: `c${n}`,
  email: `a${n}@example.com`,
  firstName: null,
  lastName: null,
  unsubscribed: false,
  createdAt: '2026-01-02T03:04:05Z',
}));

function answer(body: Sent): unknown {
  if (body.query.includes('query ContactsPage')) {
    return {
      contacts: {
        __typename: 'ContactConnection',
        totalCount: 120,
        pageInfo: { __typename: 'PageInfo', hasNextPage: true, hasPreviousPage: false, startCursor: 'c1', endCursor: 'c3' },
        edges: contacts.map((node) => ({ __typename: 'ContactEdge', node })),
      },
    };
  }
  if (body.query.includes('query ContactsFilterOptions')) {
    return {
      segments: { __typename: 'SegmentConnection', edges: [{ __typename: 'SegmentEdge', node: { __typename: 'Segment', id: 's1', name: 'VIP' } }], pageInfo: { __typename: 'PageInfo', hasNextPage: false } },
      topics: { __typename: 'TopicConnection', edges: [], pageInfo: { __typename: 'PageInfo', hasNextPage: false } },
    };
  }
  if (body.query.includes('mutation BulkAddToSegments')) {
    return { bulkAddContactsToSegments: { __typename: 'BulkContactsResult', matched: 120, affected: 118 } };
  }
  if (body.query.includes('mutation BulkDeleteContacts')) {
    return { bulkDeleteContacts: { __typename: 'BulkContactsResult', matched: 2, affected: 2 } };
  }
  throw new Error(`unexpected operation: ${body.query.slice(0, 60)}`);
}

let sent: Sent[];

beforeEach(() => {
  sent = [];
  sessionStorage.setItem('roster.apiKey', 're_test');
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      // urql sends queries as GET (when short enough) and mutations as POST.
      const params = new URL(url, 'http://admin.test').searchParams;
      const body: Sent = init.body
        ? (JSON.parse(String(init.body)) as Sent)
        : { query: params.get('query') ?? '', variables: JSON.parse(params.get('variables') ?? '{}') as Record<string, unknown> };
      sent.push(body);
      return new Response(JSON.stringify({ data: answer(body) }), { headers: { 'content-type': 'application/json' } });
    }),
  );
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  sessionStorage.clear();
});

function renderAt(path: string) {
  const client = createClient('re_test', () => {});
  return render(
    <AuthProvider>
      <Provider value={client}>
        <MemoryRouter initialEntries={[path]}>
          <Routes>
            <Route path="/contacts" element={<ContactsPage />} />
          </Routes>
        </MemoryRouter>
      </Provider>
    </AuthProvider>,
  );
}

const mutations = (name: string) => sent.filter((s) => s.query.includes(`mutation ${name}`));

describe('ContactsPage selection and bulk actions', () => {
  it('acts by filter once "Select all N matching" is chosen', async () => {
    renderAt('/contacts?q=a&status=subscribed');
    await screen.findByText('a1@example.com');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Contacts 120');

    fireEvent.click(screen.getByLabelText('Select all on this page'));
    const bar = screen.getByRole('region', { name: 'Bulk actions' });
    expect(bar.textContent).toContain('3 selected');
    fireEvent.click(within(bar).getByRole('button', { name: 'Select all 120 matching' }));
    expect(bar.textContent).toContain('All 120 contacts matching');

    fireEvent.click(within(bar).getByRole('button', { name: 'Add to segments' }));
    fireEvent.click(screen.getByLabelText('VIP'));
    fireEvent.click(screen.getByRole('button', { name: 'Add' }));

    await screen.findByText('Added 120 contacts to VIP. 2 were in it already.');
    expect(mutations('BulkAddToSegments').map((m) => m.variables)).toEqual([
      { target: { filter: { search: 'a', unsubscribed: false } }, segmentIds: ['s1'] },
    ]);
    // The selection is spent; the list is asked for again.
    expect(screen.queryByRole('region', { name: 'Bulk actions' })).toBeNull();
  });

  it('acts by ids for ticked rows, and names the count when deleting', async () => {
    renderAt('/contacts');
    await screen.findByText('a1@example.com');
    fireEvent.click(screen.getByLabelText('Select a1@example.com'));
    fireEvent.click(screen.getByLabelText('Select a3@example.com'));
    const header = screen.getByLabelText<HTMLInputElement>('Select all on this page');
    await waitFor(() => expect(header.indeterminate).toBe(true));
    const bar = screen.getByRole('region', { name: 'Bulk actions' });
    expect(within(bar).queryByRole('button', { name: /matching/ })).toBeNull();

    fireEvent.click(within(bar).getByRole('button', { name: 'Delete' }));
    screen.getByRole('heading', { name: 'Delete 2 contacts?' });
    fireEvent.click(screen.getByRole('button', { name: 'Delete 2 contacts' }));
    await screen.findByText('Deleted 2 contacts.');
    expect(mutations('BulkDeleteContacts').map((m) => m.variables)).toEqual([{ target: { ids: ['c1', 'c3'] } }]);
  });
});
