import { type RosterClient, operation, unwrap, usageError } from './client';
import type {
  ContactFilter,
  CreateContactInput,
  RosterAddContactToSegmentMutation,
  RosterAddContactToSegmentMutationVariables,
  RosterContactFieldsFragment,
  RosterContactQuery,
  RosterContactQueryVariables,
  RosterContactsQuery,
  RosterContactsQueryVariables,
  RosterCreateContactMutation,
  RosterCreateContactMutationVariables,
  RosterDeleteContactMutation,
  RosterDeleteContactMutationVariables,
  RosterRemoveContactFromSegmentMutation,
  RosterRemoveContactFromSegmentMutationVariables,
  RosterUpdateContactMutation,
  RosterUpdateContactMutationVariables,
  RosterUpdateContactTopicsMutation,
  RosterUpdateContactTopicsMutationVariables,
  SubscriptionStatus,
  UpdateContactInput,
} from './operations.generated';

// Contacts over GraphQL, shared by the CLI commands and the MCP tools.

const CONTACT_FIELDS = /* GraphQL */ `
  fragment RosterContactFields on Contact {
    id
    email
    firstName
    lastName
    unsubscribed
    source
    createdAt
    updatedAt
    properties { key value }
  }
`;

const ContactsQuery = operation<RosterContactsQuery, RosterContactsQueryVariables>(/* GraphQL */ `
  query RosterContacts($filter: ContactFilter, $first: Int, $after: String) {
    contacts(filter: $filter, first: $first, after: $after) {
      totalCount
      edges { node { ...RosterContactFields } }
      pageInfo { hasNextPage endCursor }
    }
  }
  ${CONTACT_FIELDS}
`);

const ContactQuery = operation<RosterContactQuery, RosterContactQueryVariables>(/* GraphQL */ `
  query RosterContact($id: ID, $email: String) {
    contact(id: $id, email: $email) {
      ...RosterContactFields
      segments(first: 100) { edges { node { id name } } }
      topics(first: 100) { edges { node { id name subscription explicit } } }
    }
  }
  ${CONTACT_FIELDS}
`);

const CreateContact = operation<RosterCreateContactMutation, RosterCreateContactMutationVariables>(/* GraphQL */ `
  mutation RosterCreateContact($input: CreateContactInput!) {
    createContact(input: $input) {
      __typename
      ... on Contact { ...RosterContactFields }
      ... on Error { message }
      ... on ValidationError { issues { path message } }
    }
  }
  ${CONTACT_FIELDS}
`);

const UpdateContact = operation<RosterUpdateContactMutation, RosterUpdateContactMutationVariables>(/* GraphQL */ `
  mutation RosterUpdateContact($id: ID, $email: String, $input: UpdateContactInput!) {
    updateContact(id: $id, email: $email, input: $input) {
      __typename
      ... on Contact { ...RosterContactFields }
      ... on Error { message }
      ... on ValidationError { issues { path message } }
    }
  }
  ${CONTACT_FIELDS}
`);

const DeleteContact = operation<RosterDeleteContactMutation, RosterDeleteContactMutationVariables>(/* GraphQL */ `
  mutation RosterDeleteContact($id: ID, $email: String) {
    deleteContact(id: $id, email: $email) {
      __typename
      ... on Contact { id email }
      ... on Error { message }
      ... on ValidationError { issues { path message } }
    }
  }
`);

const AddToSegment = operation<RosterAddContactToSegmentMutation, RosterAddContactToSegmentMutationVariables>(/* GraphQL */ `
  mutation RosterAddContactToSegment($id: ID, $email: String, $segmentId: ID!) {
    addContactToSegment(id: $id, email: $email, segmentId: $segmentId) {
      __typename
      ... on Contact { id email }
      ... on Error { message }
      ... on ValidationError { issues { path message } }
    }
  }
`);

const RemoveFromSegment = operation<RosterRemoveContactFromSegmentMutation, RosterRemoveContactFromSegmentMutationVariables>(/* GraphQL */ `
  mutation RosterRemoveContactFromSegment($id: ID, $email: String, $segmentId: ID!) {
    removeContactFromSegment(id: $id, email: $email, segmentId: $segmentId) {
      __typename
      ... on Contact { id email }
      ... on Error { message }
      ... on ValidationError { issues { path message } }
    }
  }
`);

const UpdateTopics = operation<RosterUpdateContactTopicsMutation, RosterUpdateContactTopicsMutationVariables>(/* GraphQL */ `
  mutation RosterUpdateContactTopics($id: ID, $email: String, $topics: [TopicSubscriptionInput!]!) {
    updateContactTopics(id: $id, email: $email, topics: $topics) {
      __typename
      ... on Contact { id email }
      ... on Error { message }
      ... on ValidationError { issues { path message } }
    }
  }
`);

/** A contact as the CLI prints it and the MCP tools return it: properties as a plain map. */
export interface ContactView {
  id: string;
  email: string;
  firstName: string | null;
  lastName: string | null;
  unsubscribed: boolean;
  source: string;
  properties: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
  segments?: { id: string; name: string }[];
  topics?: { id: string; name: string; subscription: string; explicit: boolean }[];
}

function view(contact: RosterContactFieldsFragment): ContactView {
  return {
    id: contact.id,
    email: contact.email,
    firstName: contact.firstName,
    lastName: contact.lastName,
    unsubscribed: contact.unsubscribed,
    source: contact.source.toLowerCase(),
    properties: Object.fromEntries(contact.properties.map((p) => [p.key, p.value])),
    createdAt: contact.createdAt,
    updatedAt: contact.updatedAt,
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A contact named by id or by email, as the API takes it. */
export function contactRef(idOrEmail: string): { id: string } | { email: string } {
  const value = idOrEmail.trim();
  if (UUID.test(value)) return { id: value };
  if (value.includes('@')) return { email: value };
  throw usageError(`"${idOrEmail}" is neither a contact id nor an email address.`);
}

export interface ContactPage {
  contacts: ContactView[];
  totalCount: number;
  nextCursor: string | null;
}

/** Up to `limit` contacts matching the filter, newest first, paging the API 100 at a time. */
export async function listContacts(client: RosterClient, filter: ContactFilter, limit: number, after?: string | null): Promise<ContactPage> {
  const contacts: ContactView[] = [];
  let cursor = after ?? null;
  let totalCount = 0;
  let more = true;
  while (more && contacts.length < limit) {
    const { contacts: page } = await client.request(ContactsQuery, { filter, first: Math.min(100, limit - contacts.length), after: cursor });
    totalCount = page.totalCount;
    contacts.push(...page.edges.map((edge) => view(edge.node)));
    cursor = page.pageInfo.endCursor;
    more = page.pageInfo.hasNextPage;
  }
  return { contacts, totalCount, nextCursor: more ? cursor : null };
}

export async function getContact(client: RosterClient, idOrEmail: string): Promise<ContactView | null> {
  const { contact } = await client.request(ContactQuery, contactRef(idOrEmail));
  if (!contact) return null;
  return {
    ...view(contact),
    segments: contact.segments.edges.map(({ node }) => ({ id: node.id, name: node.name })),
    topics: contact.topics.edges.map(({ node }) => ({ id: node.id, name: node.name, subscription: node.subscription.toLowerCase(), explicit: node.explicit })),
  };
}

export async function createContact(client: RosterClient, input: CreateContactInput): Promise<ContactView> {
  const { createContact } = await client.request(CreateContact, { input });
  return view(unwrap(createContact, 'Contact'));
}

export async function updateContact(client: RosterClient, idOrEmail: string, input: UpdateContactInput): Promise<ContactView> {
  const { updateContact } = await client.request(UpdateContact, { ...contactRef(idOrEmail), input });
  return view(unwrap(updateContact, 'Contact'));
}

export async function deleteContact(client: RosterClient, idOrEmail: string): Promise<{ id: string; email: string }> {
  const { deleteContact } = await client.request(DeleteContact, contactRef(idOrEmail));
  const { id, email } = unwrap(deleteContact, 'Contact');
  return { id, email };
}

export async function addContactToSegment(client: RosterClient, idOrEmail: string, segmentId: string): Promise<{ id: string; email: string }> {
  const { addContactToSegment } = await client.request(AddToSegment, { ...contactRef(idOrEmail), segmentId });
  const { id, email } = unwrap(addContactToSegment, 'Contact');
  return { id, email };
}

export async function removeContactFromSegment(client: RosterClient, idOrEmail: string, segmentId: string): Promise<{ id: string; email: string }> {
  const { removeContactFromSegment } = await client.request(RemoveFromSegment, { ...contactRef(idOrEmail), segmentId });
  const { id, email } = unwrap(removeContactFromSegment, 'Contact');
  return { id, email };
}

export async function setContactTopics(
  client: RosterClient,
  idOrEmail: string,
  topics: { id: string; subscription: SubscriptionStatus }[],
): Promise<{ id: string; email: string }> {
  const { updateContactTopics } = await client.request(UpdateTopics, { ...contactRef(idOrEmail), topics });
  const { id, email } = unwrap(updateContactTopics, 'Contact');
  return { id, email };
}
