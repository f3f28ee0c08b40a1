'use client';

import { useEffect, useState } from 'react';

import { formatRelativeTime } from './relative-time';

/** A `<time>` showing how long ago `iso` was, refreshed every minute. */
export function RelativeTime({ iso }: { iso: string }) {
  const [now, setNow] = useState<number | null>(null);

  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);

  const date = new Date(iso);
  // The server renders the absolute date so that hydration never mismatches the clock.
  const text =
    now === null
      ? date.toISOString().slice(0, 16).replace('T', ' ')
      : formatRelativeTime(date, now);

  return (
    <time dateTime={iso} title={date.toLocaleString()}>
      {text}
    </time>
  );
}
