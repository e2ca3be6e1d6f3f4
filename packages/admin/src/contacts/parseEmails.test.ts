import { describe, expect, it } from 'vitest';
import { parseEmails } from './parseEmails';

describe('parseEmails', () => {
  it.each([
    ['commas', 'a@x.com, b@x.com,c@x.com', ['a@x.com', 'b@x.com', 'c@x.com']],
    ['new lines, Windows ones too', 'a@x.com\nb@x.com\r\nc@x.com\n', ['a@x.com', 'b@x.com', 'c@x.com']],
    ['semicolons', 'a@x.com;b@x.com', ['a@x.com', 'b@x.com']],
    ['tabs and spaces from a spreadsheet', 'a@x.com\tb@x.com  c@x.com', ['a@x.com', 'b@x.com', 'c@x.com']],
    ['Name <address> as mail clients copy it', 'Ann Lee <ann@x.com>, "Bo" <bo@x.com>', ['ann@x.com', 'bo@x.com']],
    ['blank entries', ' , ,\n\n a@x.com ,, ', ['a@x.com']],
    ['nothing at all', '   \n ', []],
    ['invalid entries kept for the server to explain', 'not-an-email, a@x.com', ['not-an-email', 'a@x.com']],
  ])('splits %s', (_, text, emails) => {
    expect(parseEmails(text).emails).toEqual(emails);
  });

  it('keeps the first of each address, ignoring case, and counts the rest', () => {
    expect(parseEmails('Ann@x.com, b@x.com\nann@X.com, ANN@x.com')).toEqual({ emails: ['Ann@x.com', 'b@x.com'], duplicates: 2 });
  });
});
