import { failureFields, RestError, type UnionResult, unwrap } from './errors';
import {
  type Connection,
  bodyObject,
  collectPage,
  contactRef,
  idOf,
  lower,
  mapArray,
  pageRequest,
  pgTimestamp,
  requireFields,
  topicSubscription,
} from './format';
import type { Route, RouteRequest } from './router';

export const PAGE_INFO = 'pageInfo { hasNextPage hasPreviousPage startCursor endCursor }';

interface ContactNode {
  id: string;
  email: string;
  firstName: string | null;
  lastName: string | null;
  createdAt: string;
  unsubscribed: boolean;
}
interface FullContactNode extends ContactNode {
  properties: { key: string; type: string; value: unknown }[];
}

const CONTACT_FIELDS = 'id email firstName lastName createdAt unsubscribed';

const CreateContact = `mutation RestCreateContact($input: CreateContactInput!) {
  createContact(input: $input) { ${failureFields('ValidationError')} ... on Contact { id } }
}`;
const Contacts = `query RestContacts($first: Int, $after: String, $before: String, $filter: ContactFilter) {
  contacts(first: $first, after: $after, before: $before, filter: $filter) { edges { node { ${CONTACT_FIELDS} } } ${PAGE_INFO} }
}`;
const GetContact = `query RestContact($id: ID, $email: String) {
  contact(id: $id, email: $email) { ${CONTACT_FIELDS} properties { key type value } }
}`;
const UpdateContact = `mutation RestUpdateContact($id: ID, $email: String, $input: UpdateContactInput!) {
  updateContact(id: $id, email: $email, input: $input) { ${failureFields('ValidationError', 'NotFoundError')} ... on Contact { id } }
}`;
const DeleteContact = `mutation RestDeleteContact($id: ID, $email: String) {
  deleteContact(id: $id, email: $email) { ${failureFields('ValidationError', 'NotFoundError')} ... on Contact { id } }
}`;
const SegmentExists = `query RestSegmentExists($id: ID!) { segment(id: $id) { id } }`;
const ContactSegments = `query RestContactSegments($id: ID, $email: String, $first: Int, $after: String, $before: String) {
  contact(id: $id, email: $email) { id segments(first: $first, after: $after, before: $before) { edges { node { id name createdAt addedAt } } ${PAGE_INFO} } }
}`;
const AddToSegment = `mutation RestAddContactToSegment($id: ID, $email: String, $segmentId: ID!) {
  addContactToSegment(id: $id, email: $email, segmentId: $segmentId) { ${failureFields('ValidationError', 'NotFoundError')} ... on Contact { id } }
}`;
const RemoveFromSegment = `mutation RestRemoveContactFromSegment($id: ID, $email: String, $segmentId: ID!) {
  removeContactFromSegment(id: $id, email: $email, segmentId: $segmentId) { ${failureFields('ValidationError', 'NotFoundError')} ... on Contact { id } }
}`;
const ContactTopics = `query RestContactTopics($id: ID, $email: String, $first: Int, $after: String, $before: String) {
  contact(id: $id, email: $email) { id topics(first: $first, after: $after, before: $before) { edges { node { id name description subscription } } ${PAGE_INFO} } }
}`;
const UpdateTopics = `mutation RestUpdateContactTopics($id: ID, $email: String, $topics: [TopicSubscriptionInput!]!) {
  updateContactTopics(id: $id, email: $email, topics: $topics) { ${failureFields('ValidationError', 'NotFoundError')} ... on Contact { id } }
}`;

const contactNotFound = () => new RestError(404, 'not_found', 'Contact not found');

/** List items: no `object`, no `properties` (as Resend's list). */
export const contactSummary = (c: ContactNode) => ({
  id: c.id,
  email: c.email,
  first_name: c.firstName,
  last_name: c.lastName,
  created_at: pgTimestamp(c.createdAt),
  unsubscribed: c.unsubscribed,
});

const fullContact = (c: FullContactNode) => ({
  object: 'contact',
  ...contactSummary(c),
  properties: Object.fromEntries(c.properties.map((p) => [p.key, { value: p.value, type: lower(p.type) }])),
});

/** Resend's contact body -> CreateContactInput; the legacy audience route gives the segment itself. */
function createInput(body: Record<string, unknown>, segmentIds?: string[]) {
  return {
    email: body.email,
    firstName: body.first_name,
    lastName: body.last_name,
    unsubscribed: body.unsubscribed,
    properties: body.properties,
    segmentIds: segmentIds ?? mapArray(body.segments, idOf),
    topics: segmentIds ? undefined : mapArray(body.topics, topicSubscription),
  };
}

const updateInput = (body: Record<string, unknown>) => ({
  firstName: body.first_name,
  lastName: body.last_name,
  unsubscribed: body.unsubscribed,
  properties: body.properties,
});

async function create(request: RouteRequest, segmentIds?: string[]) {
  const body = bodyObject(request);
  requireFields(body, 'email');
  const data = await request.run<{ createContact: UnionResult<{ id: string }> }>(CreateContact, { input: createInput(body, segmentIds) });
  return { status: 201, body: { object: 'contact', id: unwrap(data.createContact).id } };
}

async function get(request: RouteRequest) {
  const data = await request.run<{ contact: FullContactNode | null }>(GetContact, contactRef(request.params.contact!));
  if (!data.contact) throw contactNotFound();
  return { status: 200, body: fullContact(data.contact) };
}

async function update(request: RouteRequest) {
  const body = bodyObject(request);
  const data = await request.run<{ updateContact: UnionResult<{ id: string }> }>(UpdateContact, {
    ...contactRef(request.params.contact!),
    input: updateInput(body),
  });
  return { status: 200, body: { object: 'contact', id: unwrap(data.updateContact).id } };
}

async function listContacts(request: RouteRequest, segmentId: string | null) {
  const page = pageRequest(request.query, 'all');
  if (segmentId !== null) {
    const found = await request.run<{ segment: { id: string } | null }>(SegmentExists, { id: segmentId });
    if (!found.segment) throw new RestError(404, 'not_found', 'Audience not found');
  }
  const filter = segmentId !== null ? { segmentId } : undefined;
  const body = await collectPage(
    page,
    async (args) => (await request.run<{ contacts: Connection<ContactNode> }>(Contacts, { ...args, filter })).contacts,
    contactSummary,
  );
  return { status: 200, body };
}

export const contactRoutes: Route[] = [
  { method: 'POST', path: '/contacts', idempotent: true, handle: (request) => create(request) },
  {
    method: 'GET',
    path: '/contacts',
    // [OAS] also filters by a `segment_id` query parameter; the SDK uses /segments/{id}/contacts.
    handle: (request) => listContacts(request, request.query.get('segment_id') || null),
  },
  { method: 'GET', path: '/contacts/:contact', handle: get },
  { method: 'PATCH', path: '/contacts/:contact', handle: update },
  {
    method: 'DELETE',
    path: '/contacts/:contact',
    async handle(request) {
      const data = await request.run<{ deleteContact: UnionResult<{ id: string }> }>(DeleteContact, contactRef(request.params.contact!));
      const { id } = unwrap(data.deleteContact);
      // [REC] says `contact`, newer docs `id`: both, the contact's id even when addressed by email.
      return { status: 200, body: { object: 'contact', contact: id, deleted: true, id } };
    },
  },
  { method: 'GET', path: '/segments/:segment/contacts', handle: (request) => listContacts(request, request.params.segment!) },
  {
    method: 'GET',
    path: '/contacts/:contact/segments',
    async handle(request) {
      const page = pageRequest(request.query, 'all');
      const ref = contactRef(request.params.contact!);
      type Node = { id: string; name: string; createdAt: string; addedAt: string };
      const body = await collectPage(
        page,
        async (args) => {
          const data = await request.run<{ contact: { segments: Connection<Node> } | null }>(ContactSegments, { ...ref, ...args });
          if (!data.contact) throw contactNotFound();
          return data.contact.segments;
        },
        (s) => ({ id: s.id, name: s.name, created_at: pgTimestamp(s.createdAt), added_at: pgTimestamp(s.addedAt) }),
      );
      return { status: 200, body };
    },
  },
  {
    method: 'POST',
    path: '/contacts/:contact/segments/:segment',
    async handle(request) {
      const segmentId = request.params.segment!;
      const data = await request.run<{ addContactToSegment: UnionResult<{ id: string }> }>(AddToSegment, {
        ...contactRef(request.params.contact!),
        segmentId,
      });
      const { id } = unwrap(data.addContactToSegment);
      // [DOC] `{id: <segment id>}`, [OAS] `{object, contact_id, segment_id}`: both.
      return { status: 200, body: { object: 'contact_segment', id: segmentId, contact_id: id, segment_id: segmentId } };
    },
  },
  {
    method: 'DELETE',
    path: '/contacts/:contact/segments/:segment',
    async handle(request) {
      const segmentId = request.params.segment!;
      const data = await request.run<{ removeContactFromSegment: UnionResult<{ id: string }> }>(RemoveFromSegment, {
        ...contactRef(request.params.contact!),
        segmentId,
      });
      const { id } = unwrap(data.removeContactFromSegment);
      return {
        status: 200,
        body: { object: 'contact_segment', id, audienceId: segmentId, contact_id: id, segment_id: segmentId, deleted: true },
      };
    },
  },
  {
    method: 'GET',
    path: '/contacts/:contact/topics',
    async handle(request) {
      const page = pageRequest(request.query, 'all');
      const ref = contactRef(request.params.contact!);
      type Node = { id: string; name: string; description: string | null; subscription: string };
      const body = await collectPage(
        page,
        async (args) => {
          const data = await request.run<{ contact: { topics: Connection<Node> } | null }>(ContactTopics, { ...ref, ...args });
          if (!data.contact) throw contactNotFound();
          return data.contact.topics;
        },
        (t) => ({ id: t.id, name: t.name, description: t.description, subscription: lower(t.subscription) }),
      );
      return { status: 200, body };
    },
  },
  {
    method: 'PATCH',
    path: '/contacts/:contact/topics',
    async handle(request) {
      // The SDKs send a bare array; [OAS] documents `{topics: [...]}`.
      const given = Array.isArray(request.body) ? request.body : bodyObject(request).topics;
      if (given === undefined || given === null) throw new RestError(422, 'missing_required_field', 'Missing `topics` field.');
      const topics = mapArray(given, topicSubscription);
      const data = await request.run<{ updateContactTopics: UnionResult<{ id: string }> }>(UpdateTopics, {
        ...contactRef(request.params.contact!),
        topics,
      });
      const { id } = unwrap(data.updateContactTopics);
      const echoed = Array.isArray(given)
        ? given.map((t) => ({ id: (t as { id?: unknown }).id, subscription: (t as { subscription?: unknown }).subscription }))
        : [];
      return { status: 200, body: { object: 'contact_topics', id, contact_id: id, topics: echoed } };
    },
  },
  // Legacy routes (`audienceId` in SDK 6.38.0): `{a}` is a segment.
  {
    method: 'POST',
    path: '/audiences/:audience/contacts',
    handle: (request) => create(request, [request.params.audience!]),
  },
  { method: 'GET', path: '/audiences/:audience/contacts/:contact', handle: get },
  { method: 'PATCH', path: '/audiences/:audience/contacts/:contact', handle: update },
  {
    method: 'DELETE',
    path: '/audiences/:audience/contacts/:contact',
    async handle(request) {
      const given = request.params.contact!;
      const data = await request.run<{ deleteContact: UnionResult<{ id: string }> }>(DeleteContact, contactRef(given));
      // [REC]: this path answers deleted:true even for a contact that never existed, naming it as given.
      if (data.deleteContact?.__typename !== 'NotFoundError') unwrap(data.deleteContact);
      return { status: 200, body: { object: 'contact', contact: given, deleted: true } };
    },
  },
];
