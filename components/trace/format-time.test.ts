import { describe, expect, it } from 'vitest';

import { formatRelativeTime, shortRunId } from './format-time';

const now = Date.parse('2025-03-10T12:00:00.000Z');

describe('formatRelativeTime', () => {
  it.each([
    ['2025-03-10T12:00:03.000Z', 'just now'],
    ['2025-03-10T12:00:10.000Z', 'just now'],
    ['2025-03-10T11:59:18.000Z', '42 s ago'],
    ['2025-03-10T11:55:00.000Z', '5 min ago'],
    ['2025-03-10T09:00:00.000Z', '3 h ago'],
    ['2025-03-08T12:00:00.000Z', '2 d ago'],
    ['2025-01-31T08:00:00.000Z', '2025-01-31'],
    ['not a date', '–'],
  ])('formats %s as %s', (iso, expected) => {
    expect(formatRelativeTime(iso, now)).toBe(expected);
  });
});

describe('shortRunId', () => {
  it('keeps the first eight characters', () => {
    expect(shortRunId('3f2a9c1e-0000-4000-8000-000000000000')).toBe('3f2a9c1e');
  });
});
