import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { useMemo, useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { type KnownProperty, initialColumns, mappingIssues } from './column-mapping';
import { MappingStep } from './MappingStep';

const headers = ['Email', 'Name', 'Score', 'Comment'];
const rows = [
  ['ann@example.com', 'Ann', '10', 'hi'],
  ['bad-address', 'Bob', 'ten', 'yo'],
  ['cy@example.com', 'Cy', '12', ''],
];
const suggestions = [
  { header: 'Email', target: 'EMAIL', propertyKey: null, propertyType: null, propertyExists: false, suggestedType: 'STRING' },
  { header: 'Name', target: 'FIRST_NAME', propertyKey: null, propertyType: null, propertyExists: false, suggestedType: 'STRING' },
  { header: 'Score', target: 'PROPERTY', propertyKey: 'score', propertyType: 'STRING', propertyExists: false, suggestedType: 'STRING' },
  { header: 'Comment', target: 'IGNORE', propertyKey: null, propertyType: null, propertyExists: false, suggestedType: 'STRING' },
] as const;
const known: KnownProperty[] = [{ key: 'plan', type: 'STRING' }];

function Harness() {
  const [columns, setColumns] = useState(() => initialColumns(headers, suggestions));
  const issues = useMemo(() => {
    const byColumn = new Map<number | null, string[]>();
    for (const i of mappingIssues(columns, known)) byColumn.set(i.column, [...(byColumn.get(i.column) ?? []), i.message]);
    return byColumn;
  }, [columns]);
  return <MappingStep columns={columns} rows={rows} headerCount={headers.length} known={known} issues={issues} onChange={setColumns} />;
}

const columnItem = (header: string) => screen.getByRole('checkbox', { name: `Import column "${header}"` }).closest('li')!;

afterEach(cleanup);

describe('MappingStep', () => {
  it('shows the suggested mapping with sample values checked', () => {
    render(<Harness />);
    expect(screen.getByText((_, el) => el?.tagName === 'SPAN' && el.textContent === '3 of 4 columns will be imported.')).toBeTruthy();
    expect(screen.getByRole('checkbox', { name: 'Import column "Email"' })).toHaveProperty('disabled', true);
    expect(screen.getByRole('checkbox', { name: 'Import column "Comment"' })).toHaveProperty('checked', false);
    expect(within(columnItem('Email')).getByText('1 of 3 would fail')).toBeTruthy();
    expect(within(columnItem('Email')).getByText('Column "Email": Email has no @')).toBeTruthy();
    expect(within(columnItem('Comment')).getByText('Not imported')).toBeTruthy();
    expect(screen.getByText('1 of the first 3 rows would fail')).toBeTruthy();
  });

  it('turns a column into a number property and counts the values that are not numbers', () => {
    render(<Harness />);
    const score = columnItem('Score');
    expect(within(score).getByText('3 values OK')).toBeTruthy();
    fireEvent.change(within(score).getByLabelText('Type of the new property for column "Score"'), { target: { value: 'NUMBER' } });
    expect(within(score).getByText('1 of 3 would fail')).toBeTruthy();
    expect(within(score).getByText('Column "Score" must be a number for the property "score", not "ten"')).toBeTruthy();
  });

  it('includes a column when it gets a target, and flags two columns into one field', () => {
    render(<Harness />);
    fireEvent.change(screen.getByLabelText('Import column "Comment" as'), { target: { value: 'firstName' } });
    expect(screen.getByRole('checkbox', { name: 'Import column "Comment"' })).toHaveProperty('checked', true);
    expect(within(columnItem('Comment')).getByText('First name is also imported from "Name"; import it from one column only.')).toBeTruthy();
    fireEvent.click(screen.getByRole('checkbox', { name: 'Import column "Name"' }));
    expect(screen.queryByText(/import it from one column only/)).toBeNull();
  });

  it('edits a new property key and refuses one that exists', () => {
    render(<Harness />);
    const key = screen.getByLabelText('New property key for column "Score"');
    fireEvent.change(key, { target: { value: 'plan' } });
    expect(within(columnItem('Score')).getByText('A property "plan" exists already; choose it under "Existing properties".')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Import column "Score" as'), { target: { value: 'property:plan' } });
    expect(screen.queryByLabelText('New property key for column "Score"')).toBeNull();
    expect(screen.queryByText(/exists already/)).toBeNull();
  });
});
