import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { errorMessage, fieldErrors } from '../ui/errors';
import { Field } from '../ui/Field';
import { FormDialog } from '../ui/FormDialog';
import { formatDate, formatNumber } from '../ui/format';
import { Pager } from '../ui/Pager';
import { EmptyState, ErrorNotice, Loading, SuccessNotice } from '../ui/states';
import { useCursorPage } from '../ui/useCursorPage';
import { useSegmentCreateMutation, useSegmentDeleteMutation, useSegmentRenameMutation, useSegmentsListQuery } from './SegmentsPage.generated';

type Segment = { id: string; name: string; contactCount: number };

const CONTEXT = { additionalTypenames: ['Segment'] };

function CreateSegment({ onCreated }: { onCreated(name: string): void }) {
  const [name, setName] = useState('');
  const [error, setError] = useState<string>();
  const [creating, create] = useSegmentCreateMutation();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const response = await create({ input: { name } }, CONTEXT);
    const result = response.data?.createSegment;
    if (!result) return setError(errorMessage(response.error) ?? 'Something went wrong.');
    if (result.__typename === 'ValidationError') return setError(fieldErrors(result).name ?? result.message);
    setError(undefined);
    setName('');
    onCreated(result.name);
  }

  return (
    <form className="card inline-form" onSubmit={submit} noValidate>
      <Field label="New segment" error={error}>
        {(props) => <input {...props} type="text" value={name} onChange={(e) => setName(e.target.value)} placeholder="Customers" maxLength={100} />}
      </Field>
      <button type="submit" className="button primary" disabled={creating.fetching}>
        Create segment
      </button>
    </form>
  );
}

/** Mounted only while renaming one segment, so it starts from that segment's name. */
function RenameDialog({ segment, onClose, onRenamed }: { segment: Segment; onClose(): void; onRenamed(name: string): void }) {
  const [name, setName] = useState(segment.name);
  const [error, setError] = useState<string>();
  const [renaming, rename] = useSegmentRenameMutation();

  async function submit() {
    const response = await rename({ id: segment.id, input: { name } }, CONTEXT);
    const result = response.data?.renameSegment;
    if (!result) return setError(errorMessage(response.error) ?? 'Something went wrong.');
    if (result.__typename === 'ValidationError') return setError(fieldErrors(result).name ?? result.message);
    if (result.__typename === 'NotFoundError') return setError('This segment no longer exists.');
    onRenamed(result.name);
  }

  return (
    <FormDialog open title={`Rename ${segment.name}`} submitLabel="Save" busy={renaming.fetching} onSubmit={submit} onCancel={onClose}>
      <Field label="Name" error={error}>
        {(props) => <input {...props} type="text" value={name} onChange={(e) => setName(e.target.value)} maxLength={100} />}
      </Field>
    </FormDialog>
  );
}

/** Segments: named groups of contacts. Create, rename, delete (the contacts stay), see their contacts. */
export function SegmentsPage() {
  const page = useCursorPage(50);
  const [{ data, fetching, error }] = useSegmentsListQuery({ variables: page.variables, context: CONTEXT });
  const [notice, setNotice] = useState<string | null>(null);
  const [renaming, setRenaming] = useState<Segment | null>(null);
  const [deleting, setDeleting] = useState<Segment | null>(null);
  const [deleteProblem, setDeleteProblem] = useState<string | null>(null);
  const [removal, remove] = useSegmentDeleteMutation();
  const segments = data?.segments.edges.map((e) => e.node);

  async function confirmDelete() {
    if (!deleting) return;
    setDeleteProblem(null);
    const response = await remove({ id: deleting.id }, { additionalTypenames: ['Segment', 'Contact'] });
    const result = response.data?.deleteSegment;
    if (!result) return setDeleteProblem(errorMessage(response.error) ?? 'Something went wrong.');
    if (result.__typename === 'NotFoundError') return setDeleteProblem(result.message);
    setDeleting(null);
    setNotice(`Deleted the segment ${result.name}.`);
  }

  return (
    <>
      <h1>Segments</h1>
      <p className="muted lead">Group contacts to find them quickly and to act on them together.</p>
      <CreateSegment
        onCreated={(name) => {
          page.reset();
          setNotice(`Created the segment ${name}.`);
        }}
      />
      {notice && <SuccessNotice onDismiss={() => setNotice(null)}>{notice}</SuccessNotice>}
      <ErrorNotice message={errorMessage(error)} />
      {!segments && fetching && <Loading label="Loading segments…" />}
      {segments && segments.length === 0 && (
        <div className="card">
          <EmptyState title="No segments yet">
            <p>Create one above, then add contacts to it from the contacts list or a contact’s page.</p>
          </EmptyState>
        </div>
      )}
      {segments && segments.length > 0 && (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Contacts</th>
                <th scope="col" className="secondary">
                  Created
                </th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {segments.map((s) => (
                <tr key={s.id}>
                  <td>
                    <Link to={`/contacts?segment=${s.id}`}>{s.name}</Link>
                  </td>
                  <td className="numeric">{formatNumber(s.contactCount)}</td>
                  <td className="secondary muted">{formatDate(s.createdAt)}</td>
                  <td className="actions-cell">
                    <button type="button" className="button small ghost" aria-label={`Rename ${s.name}`} onClick={() => setRenaming(s)}>
                      Rename
                    </button>
                    <button
                      type="button"
                      className="button small ghost danger-text"
                      aria-label={`Delete ${s.name}`}
                      onClick={() => {
                        setDeleteProblem(null);
                        setDeleting(s);
                      }}
                    >
                      Delete
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager
        label="Segment pages"
        hasPrevious={!!data?.segments.pageInfo.hasPreviousPage}
        hasNext={!!data?.segments.pageInfo.hasNextPage}
        onPrevious={() => page.previous(data?.segments.pageInfo.startCursor)}
        onNext={() => page.next(data?.segments.pageInfo.endCursor)}
      />
      {renaming && (
        <RenameDialog
          key={renaming.id}
          segment={renaming}
          onClose={() => setRenaming(null)}
          onRenamed={(name) => {
            setRenaming(null);
            setNotice(`Renamed to ${name}.`);
          }}
        />
      )}
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete the segment ${deleting?.name ?? ''}?`}
        confirmLabel="Delete segment"
        danger
        busy={removal.fetching}
        error={deleteProblem}
        onConfirm={confirmDelete}
        onCancel={() => setDeleting(null)}
      >
        <p>
          {deleting && deleting.contactCount > 0
            ? `Its ${formatNumber(deleting.contactCount)} ${deleting.contactCount === 1 ? 'contact stays' : 'contacts stay'}; only the segment goes.`
            : 'It has no contacts.'}
        </p>
      </ConfirmDialog>
    </>
  );
}
