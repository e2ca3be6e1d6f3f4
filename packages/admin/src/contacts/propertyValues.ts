import type { PropertyType } from '../gql/types';

export type PropertyValue = string | number | boolean;

export const TYPE_LABELS: Record<PropertyType, string> = { STRING: 'Text', NUMBER: 'Number', BOOLEAN: 'True/false' };

/** The text a form field shows for a stored value ('' for none). */
export function valueText(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'string' ? value : String(value);
}

export type Parsed = { ok: true; value: PropertyValue | null } | { ok: false; error: string };

/** The value to store for what a field of `type` holds; an empty field clears the value (null). */
export function parseValue(type: PropertyType, text: string): Parsed {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, value: null };
  switch (type) {
    case 'STRING':
      return { ok: true, value: text };
    case 'NUMBER': {
      const n = Number(trimmed);
      return Number.isFinite(n) ? { ok: true, value: n } : { ok: false, error: 'Enter a number, such as 42 or 3.5' };
    }
    case 'BOOLEAN':
      if (trimmed === 'true' || trimmed === 'false') return { ok: true, value: trimmed === 'true' };
      return { ok: false, error: 'Choose true or false' };
  }
}
