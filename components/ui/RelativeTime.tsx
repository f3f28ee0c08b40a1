'use client';

import { useEffect, useState } from 'react';

import { formatRelativeTime } from '@/components/trace/format-time';

/** Renders a `<time>` with how long ago `iso` was, refreshed every 30 seconds. */
export function RelativeTime({ iso }: { iso: string }) {
  const [now, setNow] = useState<number | null>(null);

  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);

  // The server renders the absolute time, so hydration never depends on the clock.
  const text = now === null ? iso.slice(0, 16).replace('T', ' ') : formatRelativeTime(iso, now);

  return (
    <time dateTime={iso} title={new Date(iso).toLocaleString()}>
      {text}
    </time>
  );
}
