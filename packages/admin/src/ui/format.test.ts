import { describe, expect, it } from 'vitest';
import { formatList } from './format';

describe('formatList', () => {
  it.each([
    [[], ''],
    [['A'], 'A'],
    [['A', 'B'], 'A and B'],
    [['A', 'B', 'C'], 'A, B and C'],
  ])('%j reads “%s”', (items, text) => {
    expect(formatList(items)).toBe(text);
  });
});
