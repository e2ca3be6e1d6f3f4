import { describe, expect, it } from 'vitest';
import { cellProblem, emailProblem, parseBoolean, parseNumber, rowProblem, sniffType } from './cell-rules';

describe('emailProblem mirrors the server', () => {
  it.each(['ann@example.com', 'a.b+tag@sub.example.co.uk', "o'hara@example.ie", 'x@bücher.de', 'UPPER@EXAMPLE.COM'])('accepts %s', (email) => {
    expect(emailProblem(email)).toBeNull();
  });

  it.each([
    ['', 'Email is empty'],
    ['ann.example.com', 'Email has no @'],
    ['@example.com', 'Email has nothing before the @'],
    ['ann@', 'Email has no domain'],
    ['ann @example.com', 'Email contains a space'],
    ['ann..b@example.com', 'The part before the @ has a misplaced dot'],
    ['ann(b)@example.com', 'The part before the @ contains a character that is not allowed'],
    ['ann@localhost', 'The domain has no dot'],
    ['ann@exa_mple.com', 'The domain is not valid'],
    ['ann@1.2.3.4', 'The domain is not valid'],
    [`${'a'.repeat(65)}@example.com`, 'The part before the @ is longer than 64 characters'],
  ])('refuses %j: %s', (email, reason) => {
    expect(emailProblem(email)).toBe(reason);
  });
});

describe('parseBoolean and parseNumber', () => {
  it.each([
    ['true', true],
    [' YES ', true],
    ['1', true],
    ['y', true],
    ['false', false],
    ['No', false],
    ['0', false],
    ['', null],
    ['  ', null],
    ['maybe', 'invalid'],
    ['2', 'invalid'],
  ])('parseBoolean(%j) is %j', (cell, expected) => {
    expect(parseBoolean(cell)).toBe(expected);
  });

  it.each([
    ['42', 42],
    ['-3.5', -3.5],
    ['.5', 0.5],
    ['1e3', 1000],
    [' 7 ', 7],
    ['1,5', null],
    ['0x10', null],
    ['Infinity', null],
    ['abc', null],
    ['1e999', null],
  ])('parseNumber(%j) is %j', (cell, expected) => {
    expect(parseNumber(cell)).toBe(expected);
  });
});

describe('cellProblem', () => {
  const cases: [Parameters<typeof cellProblem>[0], string, string | null][] = [
    [{ kind: 'email' }, ' ann@example.com ', null],
    [{ kind: 'email' }, '', 'Column "Email" is empty; every contact needs an email'],
    [{ kind: 'email' }, 'not-an-email', 'Column "Email": Email has no @'],
    [{ kind: 'firstName' }, 'Ann', null],
    [{ kind: 'firstName' }, 'x'.repeat(256), 'Column "Email" is longer than 255 characters'],
    [{ kind: 'unsubscribed' }, 'yes', null],
    [{ kind: 'unsubscribed' }, 'sometimes', 'Column "Email" must be true/false, yes/no, 1/0 or y/n, not "sometimes"'],
    [{ kind: 'property', key: 'age', type: 'NUMBER' }, '41', null],
    [{ kind: 'property', key: 'age', type: 'NUMBER' }, '', null],
    [{ kind: 'property', key: 'age', type: 'NUMBER' }, 'forty', 'Column "Email" must be a number for the property "age", not "forty"'],
    [{ kind: 'property', key: 'vip', type: 'BOOLEAN' }, 'n', null],
    [{ kind: 'property', key: 'vip', type: 'BOOLEAN' }, 'gold', 'Column "Email" must be true/false, yes/no, 1/0 or y/n for the property "vip", not "gold"'],
    [{ kind: 'property', key: 'note', type: 'STRING' }, 'anything at all', null],
    [{ kind: 'property', key: 'note', type: 'STRING' }, 'nul\u0000', 'Column "Email": Must not contain NUL characters or unpaired surrogates'],
  ];
  it.each(cases)('%j with %j', (rule, cell, expected) => {
    expect(cellProblem(rule, 'Email', cell)).toBe(expected);
  });
});

describe('rowProblem', () => {
  const rules = [
    { index: 2, header: 'Age', rule: { kind: 'property' as const, key: 'age', type: 'NUMBER' as const } },
    { index: 0, header: 'Email', rule: { kind: 'email' as const } },
  ];
  it('reports a wrong cell count first', () => {
    expect(rowProblem(['bad', 'x'], 3, rules)).toBe('Row has 2 columns, the header has 3');
  });
  it('checks the email before properties, whatever the column order', () => {
    expect(rowProblem(['bad', 'x', 'old'], 3, rules)).toBe('Column "Email": Email has no @');
    expect(rowProblem(['a@b.co', 'x', 'old'], 3, rules)).toBe('Column "Age" must be a number for the property "age", not "old"');
    expect(rowProblem(['a@b.co', 'x', '3'], 3, rules)).toBeNull();
  });
});

describe('sniffType', () => {
  it.each([
    [['yes', 'no', ''], 'BOOLEAN'],
    [['1', '0'], 'BOOLEAN'],
    [['12', '3.5'], 'NUMBER'],
    [['12', 'n/a'], 'STRING'],
    [[], 'STRING'],
  ] as const)('%j → %s', (values, type) => {
    expect(sniffType(values)).toBe(type);
  });
});
