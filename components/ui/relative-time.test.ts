import { describe, expect, it } from 'vitest';

import { formatRelativeTime } from './relative-time';

const now = Date.parse('2025-06-10T12:00:00Z');

describe('relative time', () => {
  it.each([
    ['2025-06-10T11:59:30Z', 'just now'],
    ['2025-06-10T11:55:00Z', '5 minutes ago'],
    ['2025-06-10T09:00:00Z', '3 hours ago'],
    ['2025-06-09T12:00:00Z', 'yesterday'],
    ['2025-05-20T12:00:00Z', '3 weeks ago'],
    ['2024-06-10T12:00:00Z', 'last year'],
  ])('formats %s as %s', (iso, expected) => {
    expect(formatRelativeTime(new Date(iso), now)).toBe(expected);
  });
});
