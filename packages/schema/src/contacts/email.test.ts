import { describe, expect, it } from 'vitest';
import { emailProblem } from './email';

describe('emailProblem', () => {
  it.each([
    'a@example.com',
    'first.last@example.co.uk',
    'a+tag@example.com',
    "o'brien@example.ie",
    'x@sub-domain.example.org',
    'user@bücher.de',
    `${'a'.repeat(64)}@example.com`,
  ])('accepts %s', (email) => {
    expect(emailProblem(email)).toBeNull();
  });

  it.each([
    ['', 'Email is empty'],
    ['plainaddress', 'Email has no @'],
    ['@example.com', 'Email has nothing before the @'],
    ['a@', 'Email has no domain'],
    ['a b@example.com', 'Email contains a space'],
    ['"quoted"@example.com', 'The part before the @ contains a character that is not allowed'],
    ['a..b@example.com', 'The part before the @ has a misplaced dot'],
    ['.a@example.com', 'The part before the @ has a misplaced dot'],
    ['a@localhost', 'The domain has no dot'],
    ['a@-bad.com', 'The domain is not valid'],
    ['a@example.123', 'The domain is not valid'],
    [`${'a'.repeat(65)}@example.com`, 'The part before the @ is longer than 64 characters'],
    [`a@${'b'.repeat(250)}.com`, 'Email is longer than 254 characters'],
    ['jörg@example.com', 'The part before the @ contains a character that is not allowed'],
    ['a.@example.com', 'The part before the @ has a misplaced dot'],
    ['a@b@example.com', 'The part before the @ contains a character that is not allowed'],
    ['a\tb@example.com', 'Email contains a space'],
    ['a@example.com.', 'The domain is not valid'],
    ['a@ex_ample.com', 'The domain is not valid'],
    ['a@1.2.3.4', 'The domain is not valid'],
    ['a@[127.0.0.1]', 'The domain is not valid'],
    ['a@exa\u0000mple.com', 'The domain is not valid'],
  ])('refuses %j', (email, reason) => {
    expect(emailProblem(email)).toBe(reason);
  });
});
