import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { z } from 'zod';
import { NotFoundError, ValidationError } from '../shared/errors';
import { type Scope, isUuid, sql } from '../shared/db';
import { type Keyset, keysetSql } from '../shared/pagination';
import { UNSTORABLE_TEXT, isStorableText, parseInput } from '../shared/validate';
import { ContactPropertySchema, type ContactProperty, PROPERTY_TYPES, type PropertyType, type PropertyValue } from './property.entity';

const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export const propertyKey = z
  .string()
  .min(1, 'Key is empty')
  .max(50, 'Key is longer than 50 characters')
  .regex(/^[A-Za-z0-9_]+$/, 'Key may contain only letters, digits and underscores')
  // Names every JavaScript object already has: a value under them would be lost or, worse, change
  // an object's prototype on the way to the database.
  .refine((key) => !RESERVED_KEYS.has(key), 'Key is reserved (__proto__, constructor and prototype are); choose another');

const createInput = z.object({
  key: propertyKey,
  type: z.enum(PROPERTY_TYPES),
  fallbackValue: z.union([z.string(), z.number(), z.boolean()]).nullish(),
});

/** Checks that `value` has the property's type; returns the reason when it does not. */
export function valueProblem(type: PropertyType, value: unknown): string | null {
  switch (type) {
    case 'string':
      if (typeof value !== 'string') return 'Must be a string';
      return isStorableText(value) ? null : UNSTORABLE_TEXT;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? null : 'Must be a number';
    case 'boolean':
      return typeof value === 'boolean' ? null : 'Must be a boolean';
  }
}

export async function createProperty(scope: Scope, raw: unknown): Promise<ContactProperty> {
  const input = parseInput(createInput, raw, ['input']);
  const fallbackValue = input.fallbackValue ?? null;
  if (fallbackValue !== null) {
    const problem = valueProblem(input.type, fallbackValue);
    if (problem) throw ValidationError.of(['input', 'fallbackValue'], `${problem}, like the property`);
  }
  const taken = () => ValidationError.of(['input', 'key'], `A property with the key "${input.key}" already exists`);
  const existing = await scope.em.findOne(ContactPropertySchema, { teamId: scope.teamId, key: input.key });
  if (existing) throw taken();
  const property = scope.em.create(ContactPropertySchema, { teamId: scope.teamId, key: input.key, type: input.type, fallbackValue });
  try {
    await scope.em.flush();
  } catch (error) {
    // Another request created the same key between the check and the insert.
    if (error instanceof UniqueConstraintViolationException) throw taken();
    throw error;
  }
  return property;
}

export async function getProperty(scope: Scope, id: string): Promise<ContactProperty | null> {
  if (!isUuid(id)) return null;
  return scope.em.findOne(ContactPropertySchema, { id, teamId: scope.teamId });
}

export async function getPropertyByKey(scope: Scope, key: string): Promise<ContactProperty | null> {
  // No stored key looks otherwise (and a NUL would break the ORM's query text).
  if (!propertyKey.safeParse(key).success) return null;
  return scope.em.findOne(ContactPropertySchema, { key, teamId: scope.teamId });
}

export async function listProperties(scope: Scope, keyset: Keyset): Promise<ContactProperty[]> {
  const page = keysetSql(keyset);
  const rows = await sql<{ id: string }>(
    scope.em,
    `select id from contact_property where team_id = ?${page.where} order by ${page.order} limit ?`,
    [scope.teamId, ...page.params, page.limit],
  );
  const byId = new Map((await scope.em.find(ContactPropertySchema, { id: rows.map((r) => r.id) })).map((p) => [p.id, p]));
  return rows.map((r) => byId.get(r.id)).filter((p): p is ContactProperty => p !== undefined);
}

/** Every property of the team, keyed by `key`: what contact writes validate against. */
/** The team's property definitions by key. Read-only, on every contact read: plain SQL, no entity hydration. */
export async function propertyTypes(scope: Scope): Promise<Map<string, PropertyDefinition>> {
  const rows = await sql<{ id: string; key: string; type: PropertyType; fallback_value: PropertyValue | null }>(
    scope.em,
    'select id, key, type, fallback_value from contact_property where team_id = ?',
    [scope.teamId],
  );
  return new Map(rows.map((r) => [r.key, { id: r.id, key: r.key, type: r.type, fallbackValue: r.fallback_value }]));
}

export interface PropertyDefinition {
  id: string;
  key: string;
  type: PropertyType;
  fallbackValue: PropertyValue | null;
}

const updateInput = z.object({ fallbackValue: z.union([z.string(), z.number(), z.boolean()]).nullish() }).strict();

/** Only the fallback can change; key and type are fixed once created. */
export async function updateProperty(scope: Scope, id: string, raw: unknown): Promise<ContactProperty> {
  const property = await getProperty(scope, id);
  if (!property) throw new NotFoundError('Contact property', id);
  const input = parseInput(updateInput, raw, ['input']);
  if (input.fallbackValue !== undefined) {
    const value = input.fallbackValue ?? null;
    if (value !== null) {
      const problem = valueProblem(property.type, value);
      if (problem) throw ValidationError.of(['input', 'fallbackValue'], `${problem}, like the property`);
    }
    property.fallbackValue = value;
    await scope.em.flush();
  }
  return property;
}

/** Deletes the property and removes its value from every contact of the team, in one transaction. */
export async function deleteProperty(scope: Scope, id: string): Promise<ContactProperty> {
  const property = await getProperty(scope, id);
  if (!property) throw new NotFoundError('Contact property', id);
  await scope.em.transactional(async (em) => {
    await sql(em, 'update contact set properties = properties - ?::text where team_id = ? and jsonb_exists(properties, ?)', [property.key, scope.teamId, property.key]);
    await sql(em, 'delete from contact_property where id = ? and team_id = ?', [property.id, scope.teamId]);
  });
  return property;
}

export type { PropertyValue };
