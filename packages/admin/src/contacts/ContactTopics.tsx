import { useState } from 'react';
import { Link } from 'react-router';
import type { SubscriptionStatus } from '../gql/types';
import { errorMessage } from '../ui/errors';
import { ErrorNotice } from '../ui/states';
import { useContactSetTopicsMutation } from './ContactTopics.generated';

interface TopicRow {
  id: string;
  name: string;
  description?: string | null;
  subscription: SubscriptionStatus;
  explicit: boolean;
}

const CHANGES = { additionalTypenames: ['Contact', 'ContactTopic'] };

/** Every topic of the team with the contact's subscription (its own choice, or the default) and a switch. */
export function ContactTopics({ contactId, topics }: { contactId: string; topics: readonly TopicRow[] }) {
  const [problem, setProblem] = useState<string | null>(null);
  const [setting, setTopics] = useContactSetTopicsMutation();

  async function choose(topic: TopicRow, subscription: SubscriptionStatus) {
    setProblem(null);
    const response = await setTopics({ id: contactId, topics: [{ id: topic.id, subscription }] }, CHANGES);
    const result = response.data?.updateContactTopics;
    if (!result) setProblem(errorMessage(response.error) ?? 'Something went wrong.');
    else if (result.__typename !== 'Contact') setProblem(result.message);
  }

  return (
    <section className="card" aria-labelledby="topics-title">
      <h2 id="topics-title" className="card-title">
        Topics
      </h2>
      {topics.length === 0 ? (
        <p className="muted">
          No topics yet. <Link to="/topics">Create topics</Link> to let contacts choose what they hear about.
        </p>
      ) : (
        <ul className="topic-list">
          {topics.map((t) => {
            const opted = t.subscription === 'OPT_IN';
            return (
              <li key={t.id}>
                <div>
                  <span className="topic-name">{t.name}</span>
                  {t.description && <span className="muted topic-description">{t.description}</span>}
                </div>
                <div className="row">
                  <span className={opted ? 'badge ok' : 'badge'}>
                    {opted ? 'Opted in' : 'Opted out'}
                    {!t.explicit && ' (default)'}
                  </span>
                  <button
                    type="button"
                    className="button small"
                    disabled={setting.fetching}
                    aria-label={opted ? `Opt out of ${t.name}` : `Opt in to ${t.name}`}
                    onClick={() => choose(t, opted ? 'OPT_OUT' : 'OPT_IN')}
                  >
                    {opted ? 'Opt out' : 'Opt in'}
                  </button>
                </div>
              </li>
            );
          })}
        </ul>
      )}
      <ErrorNotice message={problem} />
    </section>
  );
}
