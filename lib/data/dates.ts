/**
 * ISO 8601 dates as data tables store them: `YYYY-MM-DD`, optionally followed by a time
 * (`T` or a space, `HH:MM`, `:SS`, a fraction) and a zone (`Z` or `+hh:mm`). A time without a
 * zone is read as UTC, so the result never depends on the server's time zone.
 */
const ISO_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/;

/**
 * Parses an ISO 8601 date or date-time into the stored form, `Date#toISOString()` in UTC
 * (`1996-07-04T00:00:00.000Z`). Returns null when the text is not such a date, including
 * impossible dates like `2023-02-30`.
 */
export function normaliseIsoDate(text: string): string | null {
  const match = ISO_DATE.exec(text.trim());
  if (!match) return null;

  const [, year, month, day, hour = '0', minute = '0', second = '0', fraction = '', zone] = match;
  const milliseconds = Number((fraction + '000').slice(0, 3));
  const utcMs = Date.UTC(+year!, +month! - 1, +day!, +hour, +minute, +second, milliseconds);
  const date = new Date(utcMs);

  const isRealDate =
    date.getUTCFullYear() === +year! &&
    date.getUTCMonth() === +month! - 1 &&
    date.getUTCDate() === +day! &&
    +hour < 24 &&
    +minute < 60 &&
    +second < 60;
  if (!isRealDate) return null;

  return new Date(utcMs - zoneOffsetMs(zone)).toISOString();
}

function zoneOffsetMs(zone: string | undefined): number {
  if (!zone || zone === 'Z') return 0;

  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2, 4) || '0');
  return sign * (hours * 60 + minutes) * 60_000;
}
