import { describe, expect, it } from 'vitest';
import {
  type ColumnMap,
  type MappingTarget,
  autoMap,
  checkColumnMap,
  normalizeHeader,
  parseBoolean,
  parseNumber,
  propertyKeyFor,
  sniffType,
  suggestMapping,
  toRecord,
} from './column-map';

describe('normalizeHeader', () => {
  it.each([
    ['Email', 'email'],
    ['E-mail Address', 'emailaddress'],
    [' first_name ', 'firstname'],
    ['Last\tName', 'lastname'],
    ['opted-out', 'optedout'],
  ])('%j → %j', (header, normalized) => {
    expect(normalizeHeader(header)).toBe(normalized);
  });
});

describe('autoMap', () => {
  describe('files with an email column', () => {
    it.each([
      [['email'], { email: 'email', firstName: null, lastName: null, unsubscribed: null }],
      [['Email Address', 'First Name', 'Surname', 'Unsubscribed'], { email: 'Email Address', firstName: 'First Name', lastName: 'Surname', unsubscribed: 'Unsubscribed' }],
      [['E-mail', 'fname', 'lname', 'Opt-Out'], { email: 'E-mail', firstName: 'fname', lastName: 'lname', unsubscribed: 'Opt-Out' }],
      [['mail', 'Given_Name', 'family name', 'opted out'], { email: 'mail', firstName: 'Given_Name', lastName: 'family name', unsubscribed: 'opted out' }],
      [['EmailID', 'Forename', 'Last', 'unsubscribe'], { email: 'EmailID', firstName: 'Forename', lastName: 'Last', unsubscribed: 'unsubscribe' }],
      [['First', 'plan', 'EMAIL'], { email: 'EMAIL', firstName: 'First', lastName: null, unsubscribed: null }],
      // "email" is a better match than "mail", whatever the order.
      [['mail', 'email'], { email: 'email', firstName: null, lastName: null, unsubscribed: null }],
    ])('%j', (headers, fields) => {
      expect(autoMap(headers)).toEqual({ ...fields, properties: [] });
    });
  });

  describe('files without one', () => {
    it.each([[['name', 'phone']], [['emails', 'e mail address 2']]])('%j', (headers) => {
      const result = autoMap(headers);
      expect(result).toEqual({ problem: expect.stringContaining('No column looks like the email column') });
      expect('problem' in result && result.problem).toContain(`"${headers[0]}"`);
    });
  });
});

describe('checkColumnMap', () => {
  const headers = ['Email', 'First Name', 'Last Name', 'Unsub', 'Plan', 'Score'];
  const base: ColumnMap = { email: 'Email', properties: [] };

  describe('valid maps', () => {
    it.each<[string, ColumnMap]>([
      ['email only', base],
      ['every field', { email: 'Email', firstName: 'First Name', lastName: 'Last Name', unsubscribed: 'Unsub', properties: [] }],
      ['null and empty fields are not mapped', { email: 'Email', firstName: null, lastName: '', unsubscribed: undefined, properties: [] }],
      ['properties', { ...base, properties: [{ key: 'plan', column: 'Plan', type: 'string' }, { key: 'score_2', column: 'Score', type: 'number' }] }],
      ['columns named in another case', { email: 'email', firstName: ' first name ', properties: [{ key: 'plan', column: 'PLAN', type: 'string' }] }],
    ])('%s', (_, map) => {
      expect(checkColumnMap(map, headers)).toEqual([]);
    });
  });

  describe('invalid maps', () => {
    const missing = (column: string) =>
      `The file has no column "${column}"; its columns are: "Email", "First Name", "Last Name", "Unsub", "Plan", "Score"`;
    it.each<[string, ColumnMap, { path: (string | number)[]; message: string }[]]>([
      ['no email', { email: '', properties: [] }, [{ path: ['columnMap', 'email'], message: 'Name the email column; it is required' }]],
      ['a missing email column', { email: 'E-mail', properties: [] }, [{ path: ['columnMap', 'email'], message: missing('E-mail') }]],
      [
        'every missing column is named',
        { email: 'Email', firstName: 'Given', lastName: 'Family', properties: [{ key: 'plan', column: 'Tier', type: 'string' }] },
        [
          { path: ['columnMap', 'firstName'], message: missing('Given') },
          { path: ['columnMap', 'lastName'], message: missing('Family') },
          { path: ['columnMap', 'properties', 0, 'column'], message: missing('Tier') },
        ],
      ],
      [
        'two fields on one column',
        { email: 'Email', firstName: 'First Name', lastName: 'first name', properties: [] },
        [{ path: ['columnMap', 'lastName'], message: 'The column "First Name" is already mapped to firstName' }],
      ],
      [
        'a property on the email column',
        { ...base, properties: [{ key: 'copy', column: 'Email', type: 'string' }] },
        [{ path: ['columnMap', 'properties', 0, 'column'], message: 'The column "Email" is already mapped to email' }],
      ],
      [
        'one key twice',
        { ...base, properties: [{ key: 'plan', column: 'Plan', type: 'string' }, { key: 'plan', column: 'Score', type: 'number' }] },
        [{ path: ['columnMap', 'properties', 1, 'key'], message: 'The property "plan" is mapped twice' }],
      ],
      [
        'a bad key, type and column',
        { ...base, properties: [{ key: 'my plan', column: ' ', type: 'date' as 'string' }] },
        [
          { path: ['columnMap', 'properties', 0, 'key'], message: 'Key may contain only letters, digits and underscores' },
          { path: ['columnMap', 'properties', 0, 'type'], message: 'Type must be string, number or boolean' },
          { path: ['columnMap', 'properties', 0, 'column'], message: 'Name the column of this property' },
        ],
      ],
    ])('%s', (_, map, issues) => {
      expect(checkColumnMap(map, headers)).toEqual(issues);
    });
  });
});

describe('parseBoolean', () => {
  it.each([
    ['true', true],
    ['TRUE', true],
    [' Yes ', true],
    ['1', true],
    ['y', true],
    ['Y', true],
    ['false', false],
    ['No', false],
    ['0', false],
    ['n', false],
    ['', null],
    ['   ', null],
  ])('%j → %j', (cell, value) => {
    expect(parseBoolean(cell)).toBe(value);
  });

  it.each(['t', 'f', 'on', 'off', '2', '-1', 'yes!', 'oui', 'unsubscribed'])('%j is invalid', (cell) => {
    expect(parseBoolean(cell)).toBe('invalid');
  });
});

describe('parseNumber', () => {
  it.each([
    ['1', 1],
    [' 42 ', 42],
    ['-3.5', -3.5],
    ['+7', 7],
    ['.5', 0.5],
    ['5.', 5],
    ['1e3', 1000],
    ['0', 0],
  ])('%j → %j', (cell, value) => {
    expect(parseNumber(cell)).toBe(value);
  });

  it.each(['', ' ', '1,5', '1 000', '0x10', 'Infinity', 'NaN', '1e400', '12abc', '--1', '.'])('%j is not a number', (cell) => {
    expect(parseNumber(cell)).toBeNull();
  });
});

describe('toRecord', () => {
  const headers = ['Email', 'First', 'Last', 'Unsub', 'Plan', 'Seats', 'VIP'];
  const columnIndex = new Map(headers.map((h, i) => [h, i]));
  const map: ColumnMap = {
    email: 'Email',
    firstName: 'First',
    lastName: 'Last',
    unsubscribed: 'Unsub',
    properties: [
      { key: 'plan', column: 'Plan', type: 'string' },
      { key: 'seats', column: 'Seats', type: 'number' },
      { key: 'vip', column: 'VIP', type: 'boolean' },
    ],
  };
  const empty = { firstName: null, lastName: null, unsubscribed: null, properties: {}, error: null };
  const record = (cells: string[]) => toRecord(cells, headers.length, columnIndex, map);

  describe('valid rows', () => {
    it.each([
      [['a@x.com', '', '', '', '', '', ''], { ...empty, email: 'a@x.com' }],
      [
        ['  a@x.com ', ' Ann ', 'Lee', 'yes', ' Pro plan ', ' 3 ', 'N'],
        { email: 'a@x.com', firstName: 'Ann', lastName: 'Lee', unsubscribed: true, properties: { plan: ' Pro plan ', seats: 3, vip: false }, error: null },
      ],
      [['A@X.com', 'Zoë', '日本', 'FALSE', '😀', '-1.5e2', '1'], { email: 'A@X.com', firstName: 'Zoë', lastName: '日本', unsubscribed: false, properties: { plan: '😀', seats: -150, vip: true }, error: null }],
      [['a@x.com', '  ', '\t', ' ', '   ', ' ', ' '], { ...empty, email: 'a@x.com' }],
    ])('%j', (cells, expected) => {
      expect(record(cells)).toEqual(expected);
    });

    it('reads only the mapped columns, with a map naming columns in another case', () => {
      const onlyEmail: ColumnMap = { email: 'EMAIL', properties: [] };
      expect(toRecord(['a@x.com', 'Ann', 'x', 'x', 'x', 'x', 'x'], headers.length, columnIndex, onlyEmail)).toEqual({ ...empty, email: 'a@x.com' });
    });
  });

  describe('invalid rows', () => {
    it.each([
      [['a@x.com'], { ...empty, email: 'a@x.com', error: 'Row has 1 column, the header has 7' }],
      [['Ann', 'a@x.com', '', '', '', '', '', 'extra'], { ...empty, email: null, error: 'Row has 8 columns, the header has 7' }],
      [['', 'Ann', '', '', '', '', ''], { ...empty, email: null, error: 'Column "Email" is empty; every contact needs an email' }],
      [['not-an-email', 'Ann', '', '', '', '', ''], { ...empty, email: 'not-an-email', error: 'Column "Email": Email has no @' }],
      [['a@x.com', 'x'.repeat(256), '', '', '', '', ''], { ...empty, email: 'a@x.com', error: 'Column "First" is longer than 255 characters' }],
      [['a@x.com', '', 'a\u0000b', '', '', '', ''], { ...empty, email: 'a@x.com', error: 'Column "Last": Must not contain NUL characters or unpaired surrogates' }],
      [['a@x.com', '', '', 'maybe', '', '', ''], { ...empty, email: 'a@x.com', error: 'Column "Unsub" must be true/false, yes/no, 1/0 or y/n, not "maybe"' }],
      [['a@x.com', '', '', '', '\ud800', '', ''], { ...empty, email: 'a@x.com', error: 'Column "Plan": Must not contain NUL characters or unpaired surrogates' }],
      [['a@x.com', '', '', '', '', '1,5', ''], { ...empty, email: 'a@x.com', error: 'Column "Seats" must be a number for the property "seats", not "1,5"' }],
      [['a@x.com', '', '', '', '', '', 'si'], { ...empty, email: 'a@x.com', error: 'Column "VIP" must be true/false, yes/no, 1/0 or y/n for the property "vip", not "si"' }],
    ])('%j', (cells, expected) => {
      const result = record(cells);
      expect({ ...result, firstName: null, lastName: null, unsubscribed: null, properties: {} }).toEqual(expected);
    });

    it('the first problem wins', () => {
      expect(record(['bad', '', '', 'maybe', '', 'x', 'x']).error).toBe('Column "Email": Email has no @');
      expect(record(['a@x.com', '', '', 'maybe', '', 'x', 'x']).error).toBe('Column "Unsub" must be true/false, yes/no, 1/0 or y/n, not "maybe"');
    });

    it('throws on a map that was not checked', () => {
      expect(() => toRecord(['a'], 1, new Map([['email', 0]]), { email: 'mail', properties: [] })).toThrow('Column "mail" is not in the file');
    });
  });
});

describe('sniffType', () => {
  it.each<[string[], string]>([
    [[], 'string'],
    [['', ' '], 'string'],
    [['yes', 'No', ''], 'boolean'],
    [['1', '0', '1'], 'boolean'],
    [['1', '2', '3.5'], 'number'],
    [['1', 'two'], 'string'],
    [['1,5'], 'string'],
  ])('%j → %s', (values, type) => {
    expect(sniffType(values)).toBe(type);
  });
});

describe('propertyKeyFor', () => {
  it.each([
    ['Plan', 'plan'],
    ['Sign-up Date', 'signup_date'],
    ['  Company   Name ', 'company_name'],
    ['Prénom', 'prenom'],
    ['Revenue ($)', 'revenue'],
    ['日本', ''],
    ['x'.repeat(60), 'x'.repeat(50)],
  ])('%j → %j', (header, key) => {
    expect(propertyKeyFor(header)).toBe(key);
  });
});

describe('suggestMapping', () => {
  const known = [
    { key: 'plan', type: 'string' as const },
    { key: 'seat_count', type: 'number' as const },
  ];
  const none = new Map<string, MappingTarget>();
  const targets = (headers: string[], rows: string[][] = [], remembered = none) =>
    suggestMapping(headers, rows, known, remembered).map((s) => [s.header, s.target, s.confidence]);

  it('maps fields by name and synonym, known properties by key, the rest to new properties', () => {
    expect(
      targets(
        ['Email Address', 'First Name', 'surname', 'Unsubscribed', 'Plan', 'Seat Count', 'Signup Date', 'Score'],
        [
          ['a@x.com', 'Ann', 'Lee', 'no', 'pro', '3', '2024-01-02', '1.5'],
          ['b@x.com', 'Bob', 'Roe', 'yes', 'free', '1', '2024-02-03', '7'],
        ],
      ),
    ).toEqual([
      ['Email Address', { kind: 'email' }, 0.9],
      ['First Name', { kind: 'firstName' }, 1],
      ['surname', { kind: 'lastName' }, 0.9],
      ['Unsubscribed', { kind: 'unsubscribed' }, 1],
      ['Plan', { kind: 'property', key: 'plan', type: 'string', exists: true }, 0.9],
      ['Seat Count', { kind: 'property', key: 'seat_count', type: 'number', exists: true }, 0.9],
      ['Signup Date', { kind: 'property', key: 'signup_date', type: 'string', exists: false }, 0.5],
      ['Score', { kind: 'property', key: 'score', type: 'number', exists: false }, 0.5],
    ]);
  });

  it('sniffs types and keeps a few samples', () => {
    const rows = Array.from({ length: 8 }, (_, i) => [`u${i}@x.com`, i % 2 ? 'yes' : 'no', String(i * 10), i === 3 ? '' : `v${i}`]);
    const result = suggestMapping(['email', 'vip', 'points', 'note'], rows, known, none);
    expect(result.map((s) => s.suggestedType)).toEqual(['string', 'boolean', 'number', 'string']);
    expect(result[3]!.samples).toEqual(['v0', 'v1', 'v2', 'v4', 'v5']);
  });

  it('finds the email column from its values when no header names it', () => {
    expect(targets(['Contact', 'Name'], [['a@x.com', 'Ann'], ['', 'Bob'], ['b@x.com', 'Cy']])).toEqual([
      ['Contact', { kind: 'email' }, 0.8],
      ['Name', { kind: 'property', key: 'name', type: 'string', exists: false }, 0.5],
    ]);
  });

  it('suggests each field once; a second email-like header is ignored', () => {
    expect(targets(['mail', 'E-mail', 'email'])).toEqual([
      ['mail', { kind: 'ignore' }, 0.5],
      ['E-mail', { kind: 'email' }, 1],
      ['email', { kind: 'ignore' }, 0.5],
    ]);
  });

  it('a choice remembered from a past import wins', () => {
    const remembered = new Map<string, MappingTarget>([
      ['contact', { kind: 'email' }],
      ['tier', { kind: 'property', key: 'plan', type: 'number', exists: false }],
      ['email', { kind: 'ignore' }],
    ]);
    expect(targets(['Contact', 'Tier', 'Email'], [], remembered)).toEqual([
      ['Contact', { kind: 'email' }, 1],
      // The property exists now, with its own type.
      ['Tier', { kind: 'property', key: 'plan', type: 'string', exists: true }, 1],
      ['Email', { kind: 'ignore' }, 1],
    ]);
  });

  it('gives new properties unique keys and ignores headers without one', () => {
    expect(targets(['email', 'Note', 'note!', '日本'])).toEqual([
      ['email', { kind: 'email' }, 1],
      ['Note', { kind: 'property', key: 'note', type: 'string', exists: false }, 0.5],
      ['note!', { kind: 'property', key: 'note_2', type: 'string', exists: false }, 0.5],
      ['日本', { kind: 'ignore' }, 0.5],
    ]);
  });
});
