import { checkColumns, columnMapFromFlags, columnMapFromSuggestions, mapFlags, parseMapEntry } from '@roster/server/cli/mapping';
import { describe, expect, it } from 'vitest';

// `roster import --map` and the suggested mapping: pure functions, table-tested.

describe('parseMapEntry', () => {
  it.each([
    ['email=Email', { field: 'email', column: 'Email' }],
    ['first_name=First Name', { field: 'firstName', column: 'First Name' }],
    ['firstName= Given ', { field: 'firstName', column: 'Given' }],
    ['last_name=', { field: 'lastName', column: null }],
    ['unsubscribed=Opted out', { field: 'unsubscribed', column: 'Opted out' }],
    ['property:plan=Plan:string', { property: 'plan', column: 'Plan', type: 'string' }],
    ['property:seats=Seats:NUMBER', { property: 'seats', column: 'Seats', type: 'number' }],
    ['property:plan=Plan', { property: 'plan', column: 'Plan' }],
    ['property:when=Time: start', { property: 'when', column: 'Time: start' }],
    ['property:vip=VIP?:boolean', { property: 'vip', column: 'VIP?', type: 'boolean' }],
  ])('reads %s', (flag, entry) => {
    expect(parseMapEntry(flag)).toEqual(entry);
  });

  it.each([
    ['Email', /TARGET=COLUMN/],
    ['=Email', /TARGET=COLUMN/],
    ['nickname=Nick', /"nickname" is not a target/],
    ['email=', /email column is required/],
    ['property:bad key=X', /not a property key/],
    ['property:plan=', /Name the column of the property plan/],
    ['property:plan=:string', /Name the column of the property plan/],
  ])('refuses %s', (flag, message) => {
    expect(() => parseMapEntry(flag)).toThrow(message);
  });
});

describe('columnMapFromFlags', () => {
  const existing = new Map([['plan', 'string' as const]]);

  it('builds the map; a property type defaults to the existing type, else string', () => {
    const entries = ['email=Mail', 'last_name=', 'property:plan=Plan', 'property:notes=Notes', 'property:seats=Seats:number'].map(parseMapEntry);
    expect(columnMapFromFlags(entries, existing)).toEqual({
      map: {
        email: 'Mail',
        lastName: null,
        properties: [
          { key: 'plan', column: 'Plan', type: 'STRING' },
          { key: 'notes', column: 'Notes', type: 'STRING' },
          { key: 'seats', column: 'Seats', type: 'NUMBER' },
        ],
      },
      issues: [],
    });
  });

  it('reports a target mapped twice and a type that differs from the existing one', () => {
    const entries = ['email=A', 'email=B', 'property:plan=Plan:number'].map(parseMapEntry);
    expect(columnMapFromFlags(entries, existing).issues).toEqual([
      { path: ['--map email'], message: 'Mapped more than once' },
      { path: ['--map property:plan'], message: 'The property exists with the type string, not number' },
    ]);
  });
});

describe('checkColumns', () => {
  const headers = ['Email', 'First Name', 'Plan'];

  it.each([
    [{ email: 'Email', firstName: 'first name ' }, []],
    [{ email: 'Email', properties: [{ key: 'plan', column: 'PLAN', type: 'STRING' as const }] }, []],
    [{ email: 'Mail' }, [{ path: ['--map email'], message: 'The file has no column "Mail"; its columns are: "Email", "First Name", "Plan"' }]],
    [
      { email: 'Email', properties: [{ key: 'again', column: 'email' }] },
      [{ path: ['--map property:again'], message: 'The column "Email" is already mapped to email' }],
    ],
  ])('%j', (map, issues) => {
    expect(checkColumns(map, headers)).toEqual(issues);
  });
});

describe('suggestions', () => {
  const suggestion = (header: string, target: string, extra: Record<string, unknown> = {}) => ({
    header,
    target: target as never,
    propertyKey: null,
    propertyType: null,
    propertyExists: false,
    suggestedType: 'STRING' as const,
    confidence: 0.9,
    samples: [],
    ...extra,
  });

  it('become a complete column map: unmapped fields are null, properties keep their type', () => {
    const map = columnMapFromSuggestions([
      suggestion('E-mail', 'EMAIL'),
      suggestion('Name', 'FIRST_NAME'),
      suggestion('Seats', 'PROPERTY', { propertyKey: 'seats', propertyType: 'NUMBER' }),
      suggestion('Junk', 'IGNORE'),
    ]);
    expect(map).toEqual({ email: 'E-mail', firstName: 'Name', lastName: null, unsubscribed: null, properties: [{ key: 'seats', column: 'Seats', type: 'NUMBER' }] });
    expect(mapFlags(map!)).toBe("--map email=E-mail --map first_name=Name --map property:seats=Seats:number");
  });

  it('without an email column there is no map', () => {
    expect(columnMapFromSuggestions([suggestion('Name', 'FIRST_NAME')])).toBeNull();
  });

  it('flags quote what the shell would split', () => {
    expect(mapFlags({ email: "Ann's mail", firstName: 'First Name' })).toBe(`--map 'email=Ann'\\''s mail' --map 'first_name=First Name'`);
  });
});
