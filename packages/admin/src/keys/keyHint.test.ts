import { describe, expect, it } from 'vitest';
import { keyHint } from './keyHint';

describe('keyHint', () => {
  it('matches the server’s hint: the first six and last four characters', () => {
    expect(keyHint('re_abcdefghijklmnop1234')).toBe('re_abc…1234');
  });
});
