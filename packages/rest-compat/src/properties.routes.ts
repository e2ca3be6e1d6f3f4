import { PAGE_INFO } from './contacts.routes';
import { failureFields, RestError, type UnionResult, unwrap } from './errors';
import { type Connection, bodyObject, collectPage, lower, pageRequest, pgTimestamp, requireFields, upper } from './format';
import type { Route } from './router';

interface PropertyNode {
  id: string;
  key: string;
  type: string;
  fallbackValue: unknown;
  createdAt: string;
}

const PROPERTY_FIELDS = 'id key type fallbackValue createdAt';

const CreateProperty = `mutation RestCreateContactProperty($input: CreateContactPropertyInput!) {
  createContactProperty(input: $input) { ${failureFields('ValidationError')} ... on ContactProperty { id } }
}`;
const Properties = `query RestContactProperties($first: Int, $after: String, $before: String) {
  contactProperties(first: $first, after: $after, before: $before) { edges { node { ${PROPERTY_FIELDS} } } ${PAGE_INFO} }
}`;
const GetProperty = `query RestContactProperty($id: ID) { contactProperty(id: $id) { ${PROPERTY_FIELDS} } }`;
const UpdateProperty = `mutation RestUpdateContactProperty($id: ID!, $input: UpdateContactPropertyInput!) {
  updateContactProperty(id: $id, input: $input) { ${failureFields('ValidationError', 'NotFoundError')} ... on ContactProperty { id } }
}`;
const DeleteProperty = `mutation RestDeleteContactProperty($id: ID!) {
  deleteContactProperty(id: $id) { ${failureFields('NotFoundError')} ... on ContactProperty { id } }
}`;

const shape = (p: PropertyNode) => ({
  id: p.id,
  key: p.key,
  type: lower(p.type),
  fallback_value: p.fallbackValue ?? null,
  created_at: pgTimestamp(p.createdAt),
});

export const propertyRoutes: Route[] = [
  {
    method: 'POST',
    path: '/contact-properties',
    async handle(request) {
      const body = bodyObject(request);
      requireFields(body, 'key', 'type');
      const input = { key: body.key, type: upper(body.type), fallbackValue: body.fallback_value };
      const data = await request.run<{ createContactProperty: UnionResult<{ id: string }> }>(CreateProperty, { input });
      return { status: 201, body: { object: 'contact_property', id: unwrap(data.createContactProperty).id } };
    },
  },
  {
    method: 'GET',
    path: '/contact-properties',
    async handle(request) {
      const page = pageRequest(request.query, 20);
      const body = await collectPage(
        page,
        async (args) => (await request.run<{ contactProperties: Connection<PropertyNode> }>(Properties, { ...args })).contactProperties,
        shape,
      );
      return { status: 200, body };
    },
  },
  {
    method: 'GET',
    path: '/contact-properties/:property',
    async handle(request) {
      const data = await request.run<{ contactProperty: PropertyNode | null }>(GetProperty, { id: request.params.property });
      if (!data.contactProperty) throw new RestError(404, 'not_found', 'Contact property not found');
      return { status: 200, body: { object: 'contact_property', ...shape(data.contactProperty) } };
    },
  },
  {
    method: 'PATCH',
    path: '/contact-properties/:property',
    async handle(request) {
      // Only the fallback can change; the SDK sends `{}` when it is not given (nothing changes then).
      const body = bodyObject(request);
      const input = 'fallback_value' in body ? { fallbackValue: body.fallback_value } : {};
      const data = await request.run<{ updateContactProperty: UnionResult<{ id: string }> }>(UpdateProperty, { id: request.params.property, input });
      return { status: 200, body: { object: 'contact_property', id: unwrap(data.updateContactProperty).id } };
    },
  },
  {
    method: 'DELETE',
    path: '/contact-properties/:property',
    async handle(request) {
      const data = await request.run<{ deleteContactProperty: UnionResult<{ id: string }> }>(DeleteProperty, { id: request.params.property });
      return { status: 200, body: { object: 'contact_property', id: unwrap(data.deleteContactProperty).id, deleted: true } };
    },
  },
];
