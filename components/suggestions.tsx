'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';
import { apiFetch } from '@/lib/client/api-fetch';
import { describeEvent } from '@/lib/events/describe-event';
import type { BackgroundEvent } from '@/lib/zod/schemas/events';

const POLL_MS = 3000;
const SHOWN = 5;

// A suggestion shows as soon as its run starts, and links to the run page while it is written.
const suggestionsOf = (events: BackgroundEvent[]) => events.filter((event) => event.runId && (event.status === 'processed' || event.status === 'received')).slice(0, SHOWN);

/**
 * The newest suggestions made from repository events, refreshed every few seconds while the tab is
 * visible (polling works the same on every deployment, embedded mode included), so a delivery
 * shows up here without a reload. With no repository connected nothing can arrive, so nothing polls.
 */
export function Suggestions({ initial, watching }: { initial: BackgroundEvent[]; watching: boolean }) {
  const [events, setEvents] = useState(initial);

  useEffect(() => {
    if (!watching) return;
    let stopped = false;
    const poll = async () => {
      if (document.visibilityState !== 'visible') return;
      try {
        const { events: latest } = await apiFetch<{ events: BackgroundEvent[] }>('/api/events');
        if (!stopped) setEvents(latest);
      } catch {
        // A failed poll keeps what is shown; the next one tries again.
      }
    };
    const timer = setInterval(() => void poll(), POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [watching]);

  const suggestions = suggestionsOf(events);
  return (
    <article className="card" aria-labelledby="suggestions-title" data-testid="suggestions">
      <h2 id="suggestions-title">Suggestions from your repositories</h2>
      {suggestions.length === 0 ? (
        <p className="muted">
          None yet. <Link href="/integrations">Connect a repository</Link> and your cofounder suggests next steps when pull requests, builds and
          issues happen.
        </p>
      ) : (
        <ul className="stack tight" aria-live="polite">
          {suggestions.map((event) => (
            <li key={event.id} data-testid="suggestion">
              <Link href={`/runs/${event.runId}`}>{describeEvent(event)}</Link>
              {event.status === 'received' ? <span className="muted"> (being written…)</span> : null}
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}
