import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { errorMessage } from '../ui/errors';
import { formatDateTime } from '../ui/format';
import { EmptyState, ErrorNotice, Loading } from '../ui/states';
import { ContactDetailsForm } from './ContactDetailsForm';
import { ContactHistory } from './ContactHistory';
import { useContactDeleteMutation, useContactDetailQuery } from './ContactPage.generated';
import { ContactSegments } from './ContactSegments';
import { ContactTopics } from './ContactTopics';
import { SOURCE_LABELS } from './historyText';

const CONTEXT = { additionalTypenames: ['Contact', 'Segment', 'Topic', 'ContactProperty'] };

/** One contact: its details and properties (editable), segments, topics, history; and delete. */
export function ContactPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const [{ data, fetching, error }] = useContactDetailQuery({ variables: { id }, context: CONTEXT });
  const [confirming, setConfirming] = useState(false);
  const [deleteProblem, setDeleteProblem] = useState<string | null>(null);
  const [deleting, remove] = useContactDeleteMutation();

  const contact = data?.contact;
  const names = useMemo(
    () => ({
      segments: new Map(data?.segments.edges.map((e) => [e.node.id, e.node.name])),
      topics: new Map(contact?.topics.edges.map((e) => [e.node.id, e.node.name])),
    }),
    [data, contact],
  );

  const definitions = useMemo(() => data?.contactProperties.edges.map((e) => e.node).sort((a, b) => a.key.localeCompare(b.key)) ?? [], [data]);

  if (!data) {
    return fetching ? <Loading label="Loading contact…" /> : <ErrorNotice message={errorMessage(error) ?? 'The contact could not be loaded.'} />;
  }
  if (!contact) {
    return (
      <EmptyState title="Contact not found">
        <p>It may have been deleted.</p>
        <Link className="button" to="/contacts">
          Back to contacts
        </Link>
      </EmptyState>
    );
  }

  async function confirmDelete() {
    if (!contact) return;
    setDeleteProblem(null);
    const response = await remove({ id: contact.id }, { additionalTypenames: ['Contact', 'Segment'] });
    const result = response.data?.deleteContact;
    if (!result) return setDeleteProblem(errorMessage(response.error) ?? 'Something went wrong.');
    if (result.__typename !== 'Contact') return setDeleteProblem(result.message);
    navigate('/contacts', { state: { notice: `Deleted ${result.email}.` } });
  }

  return (
    <>
      <p className="breadcrumb">
        <Link to="/contacts">← Contacts</Link>
      </p>
      <div className="spread page-header">
        <div>
          <h1 className="contact-email">{contact.email}</h1>
          <p className="muted contact-meta">
            {contact.unsubscribed ? <span className="badge danger">Unsubscribed</span> : <span className="badge ok">Subscribed</span>} Created{' '}
            {formatDateTime(contact.createdAt)} ({SOURCE_LABELS[contact.source]}) · Updated {formatDateTime(contact.updatedAt)}
          </p>
        </div>
        <button type="button" className="button danger" onClick={() => setConfirming(true)}>
          Delete contact
        </button>
      </div>
      <ErrorNotice message={errorMessage(error)} />
      <div className="detail-grid">
        <div className="stack">
          <ContactDetailsForm key={contact.id} contact={contact} definitions={definitions} />
          <ContactHistory contactId={contact.id} names={names} />
        </div>
        <div className="stack">
          <ContactSegments
            contactId={contact.id}
            memberships={contact.segments.edges.map((e) => e.node)}
            segments={data.segments.edges.map((e) => e.node)}
          />
          <ContactTopics contactId={contact.id} topics={contact.topics.edges.map((e) => e.node)} />
        </div>
      </div>
      <ConfirmDialog
        open={confirming}
        title={`Delete ${contact.email}?`}
        confirmLabel="Delete contact"
        danger
        busy={deleting.fetching}
        error={deleteProblem}
        onConfirm={confirmDelete}
        onCancel={() => setConfirming(false)}
      >
        <p>The contact goes with its segment memberships, topic subscriptions and history. This cannot be undone.</p>
      </ConfirmDialog>
    </>
  );
}
