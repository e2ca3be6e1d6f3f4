import { type RosterClient, RosterError, operation, unwrap, usageError } from './client';
import type {
  PropertyType,
  RosterContactPropertiesQuery,
  RosterContactPropertiesQueryVariables,
  RosterContactPropertyQuery,
  RosterContactPropertyQueryVariables,
  RosterCreateContactPropertyMutation,
  RosterCreateContactPropertyMutationVariables,
  RosterDeleteContactPropertyMutation,
  RosterDeleteContactPropertyMutationVariables,
  RosterPropertyFieldsFragment,
  RosterUpdateContactPropertyMutation,
  RosterUpdateContactPropertyMutationVariables,
} from './operations.generated';

// Contact properties over GraphQL, shared by the CLI commands and the MCP tools.

const PROPERTY_FIELDS = /* GraphQL */ `
  fragment RosterPropertyFields on ContactProperty { id key type fallbackValue createdAt }
`;

const PropertiesQuery = operation<RosterContactPropertiesQuery, RosterContactPropertiesQueryVariables>(/* GraphQL */ `
  query RosterContactProperties($after: String) {
    contactProperties(first: 100, after: $after) {
      edges { node { ...RosterPropertyFields } }
      pageInfo { hasNextPage endCursor }
    }
  }
  ${PROPERTY_FIELDS}
`);

const PropertyQuery = operation<RosterContactPropertyQuery, RosterContactPropertyQueryVariables>(/* GraphQL */ `
  query RosterContactProperty($id: ID, $key: String) {
    contactProperty(id: $id, key: $key) { ...RosterPropertyFields }
  }
  ${PROPERTY_FIELDS}
`);

const CreateProperty = operation<RosterCreateContactPropertyMutation, RosterCreateContactPropertyMutationVariables>(/* GraphQL */ `
  mutation RosterCreateContactProperty($input: CreateContactPropertyInput!) {
    createContactProperty(input: $input) {
      __typename
      ... on ContactProperty { ...RosterPropertyFields }
      ... on Error { message }
      ... on ValidationError { issues { path message } }
    }
  }
  ${PROPERTY_FIELDS}
`);

const UpdateProperty = operation<RosterUpdateContactPropertyMutation, RosterUpdateContactPropertyMutationVariables>(/* GraphQL */ `
  mutation RosterUpdateContactProperty($id: ID!, $input: UpdateContactPropertyInput!) {
    updateContactProperty(id: $id, input: $input) {
      __typename
      ... on ContactProperty { ...RosterPropertyFields }
      ... on Error { message }
      ... on ValidationError { issues { path message } }
    }
  }
  ${PROPERTY_FIELDS}
`);

const DeleteProperty = operation<RosterDeleteContactPropertyMutation, RosterDeleteContactPropertyMutationVariables>(/* GraphQL */ `
  mutation RosterDeleteContactProperty($id: ID!) {
    deleteContactProperty(id: $id) {
      __typename
      ... on ContactProperty { ...RosterPropertyFields }
      ... on Error { message }
    }
  }
  ${PROPERTY_FIELDS}
`);

export type PropertyKind = 'string' | 'number' | 'boolean';

export interface PropertyView {
  id: string;
  key: string;
  type: PropertyKind;
  fallbackValue: unknown;
  createdAt: string;
}

function view(property: RosterPropertyFieldsFragment): PropertyView {
  return {
    id: property.id,
    key: property.key,
    type: property.type.toLowerCase() as PropertyKind,
    fallbackValue: property.fallbackValue,
    createdAt: property.createdAt,
  };
}

export function propertyType(kind: PropertyKind): PropertyType {
  return kind.toUpperCase() as PropertyType;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Every property of the team, newest first. */
export async function listProperties(client: RosterClient): Promise<PropertyView[]> {
  const properties: PropertyView[] = [];
  let after: string | null = null;
  for (;;) {
    const page: RosterContactPropertiesQuery['contactProperties'] = (await client.request(PropertiesQuery, { after })).contactProperties;
    properties.push(...page.edges.map((edge) => view(edge.node)));
    if (!page.pageInfo.hasNextPage) return properties;
    after = page.pageInfo.endCursor;
  }
}

/** A property by id or by key. */
export async function getProperty(client: RosterClient, idOrKey: string): Promise<PropertyView | null> {
  const { contactProperty } = await client.request(PropertyQuery, UUID.test(idOrKey) ? { id: idOrKey } : { key: idOrKey });
  return contactProperty ? view(contactProperty) : null;
}

async function requireProperty(client: RosterClient, idOrKey: string): Promise<PropertyView> {
  const property = await getProperty(client, idOrKey);
  if (!property) throw new RosterError(`No contact property has the ${UUID.test(idOrKey) ? 'id' : 'key'} "${idOrKey}". See \`roster properties list\`.`, 'not_found');
  return property;
}

export async function createProperty(client: RosterClient, input: { key: string; type: PropertyKind; fallbackValue?: unknown }): Promise<PropertyView> {
  const { createContactProperty } = await client.request(CreateProperty, { input: { key: input.key, type: propertyType(input.type), fallbackValue: input.fallbackValue } });
  return view(unwrap(createContactProperty, 'ContactProperty'));
}

/** Sets (or, with null, clears) the property's fallback value; the key and type never change. */
export async function updateProperty(client: RosterClient, idOrKey: string, fallbackValue: unknown): Promise<PropertyView> {
  const { id } = await requireProperty(client, idOrKey);
  return view(unwrap((await client.request(UpdateProperty, { id, input: { fallbackValue } })).updateContactProperty, 'ContactProperty'));
}

export async function deleteProperty(client: RosterClient, idOrKey: string): Promise<PropertyView> {
  const { id } = await requireProperty(client, idOrKey);
  return view(unwrap((await client.request(DeleteProperty, { id })).deleteContactProperty, 'ContactProperty'));
}

/**
 * A value typed for the property, from what a person typed: "42" for a number property, "yes" or
 * "false" for a boolean one, the text as is for a string one; an empty value clears it (null).
 */
export function parsePropertyValue(key: string, text: string, type: PropertyKind | undefined): unknown {
  if (type === undefined) throw usageError(`No contact property has the key "${key}". Create it first: roster properties create ${key} --type string`);
  if (text === '') return null;
  if (type === 'string') return text;
  if (type === 'number') {
    const number = Number(text.trim());
    if (text.trim() === '' || !Number.isFinite(number)) throw usageError(`The property "${key}" is a number; "${text}" is not one.`);
    return number;
  }
  const lower = text.trim().toLowerCase();
  if (['true', 'yes', '1', 'y'].includes(lower)) return true;
  if (['false', 'no', '0', 'n'].includes(lower)) return false;
  throw usageError(`The property "${key}" is a boolean; use true or false, not "${text}".`);
}
