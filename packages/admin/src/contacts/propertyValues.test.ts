import { describe, expect, it } from 'vitest';
import { parseValue, valueText } from './propertyValues';

describe('property values in forms', () => {
  it.each([
    ['STRING', 'pro', 'pro'],
    ['STRING', ' two words ', ' two words '],
    ['STRING', '   ', null],
    ['NUMBER', '42', 42],
    ['NUMBER', ' -3.5 ', -3.5],
    ['NUMBER', '1e3', 1000],
    ['NUMBER', '', null],
    ['BOOLEAN', 'true', true],
    ['BOOLEAN', 'false', false],
    ['BOOLEAN', '', null],
  ] as const)('reads %s %j as %j', (type, text, value) => {
    expect(parseValue(type, text)).toEqual({ ok: true, value });
  });

  it.each([
    ['NUMBER', 'twelve'],
    ['NUMBER', '1,5'],
    ['NUMBER', 'Infinity'],
    ['BOOLEAN', 'yes'],
  ] as const)('refuses %s %j with a reason', (type, text) => {
    const parsed = parseValue(type, text);
    expect(parsed.ok).toBe(false);
  });

  it('shows stored values as text', () => {
    expect([valueText(null), valueText(undefined), valueText('a'), valueText(0), valueText(false)]).toEqual(['', '', 'a', '0', 'false']);
  });
});
