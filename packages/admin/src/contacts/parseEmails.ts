export interface ParsedEmails {
  /** Each address once (compared case-insensitively), in the order given. */
  emails: string[];
  /** Addresses left out because they came earlier in the list. */
  duplicates: number;
}

const ANGLE = /<([^<>]*)>/;

/**
 * Reads what someone pasted into "Add manually": addresses separated by commas, semicolons, new
 * lines, tabs or spaces (a spreadsheet column or row pastes either way), and `Name <address>` as
 * mail clients copy it. Validation stays with the server, which says why an address is refused.
 */
export function parseEmails(text: string): ParsedEmails {
  const seen = new Set<string>();
  const emails: string[] = [];
  let duplicates = 0;
  for (const entry of text.split(/[,;\r\n]+/)) {
    const angled = ANGLE.exec(entry);
    const pieces = angled ? [angled[1]!.trim()] : entry.split(/\s+/);
    for (const piece of pieces) {
      if (!piece) continue;
      const key = piece.toLowerCase();
      if (seen.has(key)) {
        duplicates++;
        continue;
      }
      seen.add(key);
      emails.push(piece);
    }
  }
  return { emails, duplicates };
}
