import { describe, expect, it } from 'vitest';
import { errorMessage, fieldErrors, issueMessages, resultError } from './errors';

describe('fieldErrors', () => {
  it('keys each issue by the last segment of its path, first message wins', () => {
    const error = { message: 'bad', issues: [{ path: ['input', 'email'], message: 'Not an email' }, { path: ['input', 'email'], message: 'second' }, { path: ['name'], message: 'Empty' }] };
    expect(fieldErrors(error)).toEqual({ email: 'Not an email', name: 'Empty' });
  });
  it('is empty without an error', () => {
    expect(fieldErrors(null)).toEqual({});
  });
});

describe('issueMessages', () => {
  it('keeps the nested path after the prefix', () => {
    const error = {
      message: 'bad',
      issues: [
        { path: ['input', 'properties', 'firstName'], message: 'Must be a number' },
        { path: ['input', 'firstName'], message: 'Too long' },
        { path: ['id'], message: 'Pass an id' },
      ],
    };
    expect(issueMessages(error)).toEqual({ 'properties.firstName': 'Must be a number', firstName: 'Too long', id: 'Pass an id' });
  });
});

describe('resultError', () => {
  it('returns the union member that carries a message', () => {
    expect(resultError({ __typename: 'ValidationError', message: 'no', issues: [] })?.message).toBe('no');
    expect(resultError({ __typename: 'Contact', id: '1' })).toBeNull();
    expect(resultError(null)).toBeNull();
  });
});

describe('errorMessage', () => {
  it('prefers the GraphQL error and strips the transport prefix', () => {
    expect(errorMessage({ message: '[GraphQL] boom', graphQLErrors: [{ message: 'boom' }] })).toBe('boom');
    expect(errorMessage({ message: '[Network] Failed to fetch' })).toBe('Failed to fetch');
    expect(errorMessage(null)).toBeNull();
  });
});
