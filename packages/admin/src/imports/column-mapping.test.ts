import { describe, expect, it } from 'vitest';
import {
  type KnownProperty,
  type MappedColumn,
  checkColumn,
  checkPreview,
  describeTarget,
  initialColumns,
  issueColumn,
  knownProperties,
  mappingIssues,
  propertyKeyFor,
  setIncluded,
  setTarget,
  targetFromValue,
  targetValue,
  toColumnMap,
} from './column-mapping';

const headers = ['E-mail', 'First Name', 'Plan', 'Age', 'Notes', '#'];
const suggestions = [
  { header: 'E-mail', target: 'EMAIL', propertyKey: null, propertyType: null, propertyExists: false, suggestedType: 'STRING' },
  { header: 'First Name', target: 'FIRST_NAME', propertyKey: null, propertyType: null, propertyExists: false, suggestedType: 'STRING' },
  { header: 'Plan', target: 'PROPERTY', propertyKey: 'plan', propertyType: 'STRING', propertyExists: true, suggestedType: 'STRING' },
  { header: 'Age', target: 'PROPERTY', propertyKey: 'age', propertyType: 'NUMBER', propertyExists: false, suggestedType: 'NUMBER' },
  { header: 'Notes', target: 'IGNORE', propertyKey: null, propertyType: null, propertyExists: false, suggestedType: 'STRING' },
  { header: '#', target: 'IGNORE', propertyKey: null, propertyType: null, propertyExists: false, suggestedType: 'NUMBER' },
] as const;
const known: KnownProperty[] = [{ key: 'plan', type: 'STRING' }];
const start = () => initialColumns(headers, suggestions);

describe('initialColumns', () => {
  it('takes the suggestions: fields, existing and new properties included, ignored columns unticked', () => {
    expect(start()).toEqual([
      { index: 0, header: 'E-mail', included: true, target: { kind: 'email' }, suggestedType: 'STRING' },
      { index: 1, header: 'First Name', included: true, target: { kind: 'firstName' }, suggestedType: 'STRING' },
      { index: 2, header: 'Plan', included: true, target: { kind: 'property', key: 'plan' }, suggestedType: 'STRING' },
      { index: 3, header: 'Age', included: true, target: { kind: 'newProperty', key: 'age', type: 'NUMBER' }, suggestedType: 'NUMBER' },
      { index: 4, header: 'Notes', included: false, target: { kind: 'newProperty', key: 'notes', type: 'STRING' }, suggestedType: 'STRING' },
      { index: 5, header: '#', included: false, target: null, suggestedType: 'NUMBER' },
    ]);
  });

  it('works without suggestions (the server could not be asked)', () => {
    const columns = initialColumns(['email'], []);
    expect(columns[0]).toMatchObject({ included: false, target: { kind: 'newProperty', key: 'email' } });
    expect(mappingIssues(columns, [])[0]?.message).toMatch(/email addresses/);
  });

  it('knows the properties the suggestions say exist, even beyond the first page', () => {
    const more = [...suggestions, { header: 'Tier', target: 'PROPERTY', propertyKey: 'tier', propertyType: 'NUMBER', propertyExists: true, suggestedType: 'NUMBER' } as const];
    expect(knownProperties(known, more)).toEqual([
      { key: 'plan', type: 'STRING' },
      { key: 'tier', type: 'NUMBER' },
    ]);
  });
});

describe('propertyKeyFor', () => {
  it.each([
    ['Plan Tier', 'plan_tier'],
    ['Société', 'societe'],
    ['  --Spaces -- ', 'spaces'],
    ['#', ''],
    ['x'.repeat(60), 'x'.repeat(50)],
  ])('%j → %j', (header, key) => {
    expect(propertyKeyFor(header)).toBe(key);
  });
});

describe('changing the mapping', () => {
  it('includes and excludes columns, but never the email column', () => {
    let columns = setIncluded(start(), 4, true);
    expect(columns[4]!.included).toBe(true);
    columns = setIncluded(columns, 0, false);
    expect(columns[0]!.included).toBe(true);
    columns = setIncluded(columns, 1, false);
    expect(columns[1]!.included).toBe(false);
  });

  it('choosing a target includes the column', () => {
    const columns = setTarget(start(), 5, { kind: 'newProperty', key: 'row_id', type: 'NUMBER' });
    expect(columns[5]).toMatchObject({ included: true, target: { kind: 'newProperty', key: 'row_id', type: 'NUMBER' } });
  });

  it('round-trips select values, keeping a new property\'s key and type', () => {
    const columns = start();
    for (const column of columns) {
      if (column.target) expect(targetFromValue(targetValue(column.target), column)).toEqual(column.target);
    }
    expect(targetFromValue('new', columns[1]!)).toEqual({ kind: 'newProperty', key: 'first_name', type: 'STRING' });
    expect(targetFromValue('', columns[1]!)).toBeNull();
  });

  it('describes targets for people', () => {
    expect(describeTarget({ kind: 'lastName' }, known)).toBe('Last name');
    expect(describeTarget({ kind: 'property', key: 'plan' }, known)).toBe('Property plan (text)');
    expect(describeTarget({ kind: 'newProperty', key: 'vip', type: 'BOOLEAN' }, known)).toBe('New property vip (true/false)');
  });
});

describe('mappingIssues', () => {
  it('is empty for the suggested mapping', () => {
    expect(mappingIssues(start(), known)).toEqual([]);
  });

  it('needs an email column', () => {
    const columns = setTarget(start(), 0, { kind: 'lastName' });
    expect(mappingIssues(columns, known)).toEqual([{ column: null, message: expect.stringMatching(/holds the email addresses/) }]);
  });

  it('refuses two columns into one field, on both columns', () => {
    const columns = setTarget(start(), 4, { kind: 'firstName' });
    const issues = mappingIssues(columns, known);
    expect(issues.map((i) => i.column)).toEqual([1, 4]);
    expect(issues[0]!.message).toBe('First name is also imported from "Notes"; import it from one column only.');
    expect(issues[1]!.message).toBe('First name is also imported from "First Name"; import it from one column only.');
  });

  it('refuses a new property with the key of another column\'s property', () => {
    const columns = setTarget(start(), 4, { kind: 'newProperty', key: 'age', type: 'STRING' });
    expect(mappingIssues(columns, known).map((i) => i.column)).toEqual([3, 4]);
  });

  it.each([
    ['', 'Name the new property.'],
    ['has space', 'A property key may contain only letters, digits and underscores, at most 50.'],
    ['x'.repeat(51), 'A property key may contain only letters, digits and underscores, at most 50.'],
    ['plan', 'A property "plan" exists already; choose it under "Existing properties".'],
  ])('checks a new property key %j', (key, message) => {
    const columns = setTarget(start(), 4, { kind: 'newProperty', key, type: 'STRING' });
    expect(mappingIssues(columns, known).filter((i) => i.column === 4).map((i) => i.message)).toContain(message);
  });

  it('asks for a target on an included column without one', () => {
    const columns = setIncluded(start(), 5, true);
    expect(mappingIssues(columns, known)).toEqual([{ column: 5, message: 'Choose what to import this column as, or untick it.' }]);
  });

  it('ignores problems of excluded columns', () => {
    const columns = setIncluded(setTarget(start(), 4, { kind: 'newProperty', key: 'bad key', type: 'STRING' }), 4, false);
    expect(mappingIssues(columns, known)).toEqual([]);
  });
});

describe('toColumnMap', () => {
  it('sends included columns, with null for unmapped fields so they are not matched by name', () => {
    expect(toColumnMap(start(), known)).toEqual({
      email: 'E-mail',
      firstName: 'First Name',
      lastName: null,
      unsubscribed: null,
      properties: [
        { column: 'Plan', key: 'plan', type: 'STRING' },
        { column: 'Age', key: 'age', type: 'NUMBER' },
      ],
    });
  });

  it('leaves out unticked columns', () => {
    const map = toColumnMap(setIncluded(setIncluded(start(), 1, false), 3, false), known);
    expect(map.firstName).toBeNull();
    expect(map.properties).toEqual([{ column: 'Plan', key: 'plan', type: 'STRING' }]);
  });

  it('finds the column a server issue names', () => {
    const columns = start();
    expect(issueColumn(columns, ['columnMap', 'email'])).toBe(0);
    expect(issueColumn(columns, ['columnMap', 'firstName'])).toBe(1);
    expect(issueColumn(columns, ['columnMap', 'properties', '1', 'type'])).toBe(3);
    expect(issueColumn(columns, ['columnMap', 'lastName'])).toBeNull();
    expect(issueColumn(columns, ['segments', '0'])).toBeNull();
  });
});

describe('checking the preview rows', () => {
  const rows = [
    ['ann@example.com', 'Ann', 'pro', '41', 'x', '1'],
    ['not-an-email', 'Bob', 'free', 'forty', 'y', '2'],
    ['cy@example.com', 'Cy', 'pro', '', 'z', '3'],
    ['dee@example.com', 'Dee'],
    ['ANN@example.com ', 'Ann again', 'pro', '42', 'x', '5'],
  ];

  it('counts failing cells per column with the server\'s message', () => {
    const columns: MappedColumn[] = start();
    expect(checkColumn(columns[0]!, rows, known)).toEqual({ checked: 5, failing: 1, example: 'Column "E-mail": Email has no @' });
    expect(checkColumn(columns[3]!, rows, known)).toEqual({ checked: 4, failing: 1, example: 'Column "Age" must be a number for the property "age", not "forty"' });
    expect(checkColumn(columns[4]!, rows, known)).toEqual({ checked: 0, failing: 0, example: null });
  });

  it('counts failing rows, the first problem of each, and duplicate emails', () => {
    expect(checkPreview(start(), headers.length, rows, known)).toEqual({
      rows: 5,
      failing: 2,
      duplicates: 1,
      examples: [
        { rowNumber: 2, reason: 'Column "E-mail": Email has no @' },
        { rowNumber: 4, reason: 'Row has 2 columns, the header has 6' },
      ],
    });
  });
});
