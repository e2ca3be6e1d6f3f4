import { describe, expect, it } from 'vitest';
import { importForm, readAnswer, stepOf } from './upload';

describe('importForm follows the GraphQL multipart request spec', () => {
  it('has operations, map and the file part, in that order', async () => {
    const file = new File(['email\na@b.co\n'], 'list.csv', { type: 'text/csv' });
    const form = importForm({ columnMap: { email: 'email', properties: [] }, onConflict: 'SKIP', segments: ['s1'] }, file, 'list.csv');
    expect([...form.keys()]).toEqual(['operations', 'map', '0']);
    const operations = JSON.parse(form.get('operations') as string);
    expect(operations.operationName).toBe('ImportContacts');
    expect(operations.query).toMatch(/mutation ImportContacts\(\$file: Upload!/);
    expect(operations.variables).toEqual({ columnMap: { email: 'email', properties: [] }, onConflict: 'SKIP', segments: ['s1'], file: null });
    expect(JSON.parse(form.get('map') as string)).toEqual({ 0: ['variables.file'] });
    const part = form.get('0') as File;
    expect(part.name).toBe('list.csv');
    expect(await part.text()).toBe('email\na@b.co\n');
  });
});

describe('readAnswer', () => {
  it('reads a created import', () => {
    const body = { data: { importContacts: { __typename: 'ContactImport', id: 'abc', status: 'QUEUED' } } };
    expect(readAnswer(200, JSON.stringify(body))).toEqual({ kind: 'created', id: 'abc' });
  });

  it('reads validation issues', () => {
    const issues = [{ path: ['columnMap', 'properties', '0', 'type'], message: 'The property "plan" exists with the type number, not string' }];
    const body = { data: { importContacts: { __typename: 'ValidationError', message: 'columnMap.properties.0.type: …', issues } } };
    expect(readAnswer(200, JSON.stringify(body))).toEqual({ kind: 'invalid', message: 'columnMap.properties.0.type: …', issues });
  });

  it('reads a 413', () => {
    const body = { errors: [{ message: 'The file is larger than the limit of 1 MB', extensions: { code: 'PAYLOAD_TOO_LARGE' } }] };
    expect(readAnswer(413, JSON.stringify(body))).toEqual({ kind: 'tooLarge', message: 'The file is larger than the limit of 1 MB' });
    expect(readAnswer(413, '<html>nginx</html>')).toMatchObject({ kind: 'tooLarge' });
  });

  it('reads other failures', () => {
    expect(readAnswer(403, JSON.stringify({ errors: [{ message: 'Required CSRF header(s) not present' }] }))).toEqual({ kind: 'failed', message: 'Required CSRF header(s) not present' });
    expect(readAnswer(502, 'Bad gateway')).toEqual({ kind: 'failed', message: expect.stringMatching(/HTTP 502/) });
    expect(readAnswer(0, '')).toEqual({ kind: 'failed', message: expect.stringMatching(/no answer/) });
  });
});

describe('stepOf', () => {
  it.each([
    [['file'], 'file'],
    [['columnMap', 'properties', '0', 'type'], 'mapping'],
    [['columnMap', 'email'], 'mapping'],
    [['segments', '0'], 'options'],
    [['topics', '1'], 'options'],
    [[], 'review'],
  ])('%j → %s', (path, step) => {
    expect(stepOf(path)).toBe(step);
  });
});
