'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { apiFetch } from '@/lib/client/api-fetch';
import { useApiAction } from '@/lib/client/use-api-action';
import { describeEvent } from '@/lib/events/describe-event';
import type { BackgroundEvent, SuggestionDecision, SuggestionDecisionResult } from '@/lib/zod/schemas/events';
import type { Feedback, Run } from '@/lib/zod/schemas/runs';

const POLL_MS = 3000;
const SHOWN = 5;

type WithSuggestion = BackgroundEvent & { suggestion: NonNullable<BackgroundEvent['suggestion']> };

// A suggestion shows as soon as its run starts (it links to the run page while it is written);
// a dismissed one leaves the list, and a failed attempt that will be retried is not one yet.
const suggestionsOf = (events: BackgroundEvent[]) =>
  events
    .filter((event): event is WithSuggestion => event.suggestion !== null && event.suggestion.decision !== 'dismissed' && event.suggestion.runStatus !== 'failed')
    .slice(0, SHOWN);

/**
 * The newest suggestions made from repository events, refreshed every few seconds while the tab is
 * visible (polling works the same on every deployment, embedded mode included), so a delivery
 * shows up here without a reload. With no repository connected nothing can arrive, so nothing polls.
 * Each one can be acted on (it opens its conversation in the chat, to carry on from it), dismissed
 * (with an undo), approved or rejected.
 */
export function Suggestions({ initial, watching }: { initial: BackgroundEvent[]; watching: boolean }) {
  const [events, setEvents] = useState(initial);
  const [dismissed, setDismissed] = useState<WithSuggestion | null>(null);
  const undo = useApiAction();

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

  function changed(eventId: string, change: Partial<WithSuggestion['suggestion']>) {
    setEvents((current) => current.map((event) => (event.id === eventId && event.suggestion ? { ...event, suggestion: { ...event.suggestion, ...change } } : event)));
  }

  function undoDismiss() {
    if (!dismissed) return;
    const event = dismissed;
    void undo.run(async () => {
      await apiFetch(`/api/runs/${event.suggestion.runId}/suggestion`, { method: 'POST', body: { decision: 'pending' } });
      changed(event.id, { decision: 'pending' });
      setDismissed(null);
    });
  }

  const suggestions = suggestionsOf(events);
  return (
    <article className="card" aria-labelledby="suggestions-title" data-testid="suggestions">
      <h2 id="suggestions-title">Suggestions from your repositories</h2>
      {dismissed ? (
        <p className="row" role="status">
          <span>Dismissed “{describeEvent(dismissed)}”.</span>
          <button type="button" className="button ghost sm" onClick={undoDismiss} aria-disabled={undo.busy || undefined}>
            {undo.busy ? 'Restoring…' : 'Undo'}
          </button>
          {undo.error ? <span className="error">{undo.error}</span> : null}
        </p>
      ) : null}
      {suggestions.length === 0 ? (
        <p className="muted">
          None yet. <Link href="/integrations">Connect a repository</Link> and your cofounder suggests next steps when pull requests, builds and
          issues happen.
        </p>
      ) : (
        <ul className="stack list-none p-0" aria-live="polite">
          {suggestions.map((event) => (
            <SuggestionItem
              key={event.id}
              event={event}
              onChange={(change) => changed(event.id, change)}
              onDismissed={() => {
                changed(event.id, { decision: 'dismissed' });
                setDismissed(event);
              }}
            />
          ))}
        </ul>
      )}
    </article>
  );
}

const VERDICTS: { value: Feedback; label: string }[] = [
  { value: 'approved', label: 'Approve' },
  { value: 'rejected', label: 'Reject' },
];

function SuggestionItem({
  event,
  onChange,
  onDismissed,
}: {
  event: WithSuggestion;
  onChange: (change: Partial<WithSuggestion['suggestion']>) => void;
  onDismissed: () => void;
}) {
  const router = useRouter();
  const decision = useApiAction();
  const verdict = useApiAction();
  const { suggestion } = event;
  const title = describeEvent(event);
  const written = suggestion.runStatus === 'succeeded';

  const decide = (value: SuggestionDecision) =>
    apiFetch<SuggestionDecisionResult>(`/api/runs/${suggestion.runId}/suggestion`, { method: 'POST', body: { decision: value } });

  function act() {
    void decision.run(
      async () => {
        const result = await decide('actioned');
        onChange({ decision: 'actioned' });
        router.push(result.threadId ? `/chat?thread=${result.threadId}` : `/runs/${suggestion.runId}`);
      },
      { leaves: true },
    );
  }

  function dismiss() {
    void decision.run(async () => {
      await decide('dismissed');
      onDismissed();
    });
  }

  function give(feedback: Feedback) {
    void verdict.run(async () => {
      const run = await apiFetch<Run>(`/api/runs/${suggestion.runId}/feedback`, { method: 'POST', body: { feedback } });
      onChange({ feedback: run.feedback });
    });
  }

  return (
    <li className="stack tight" data-testid="suggestion">
      <div className="row spread">
        <Link href={`/runs/${suggestion.runId}`}>{title}</Link>
        {suggestion.decision === 'actioned' ? <span className="pill success">Acted on</span> : null}
        {suggestion.runStatus === 'running' || suggestion.runStatus === 'queued' ? <span className="pill">Being written…</span> : null}
      </div>
      {suggestion.headline ? <strong>{suggestion.headline}</strong> : null}
      {suggestion.excerpt ? <p className="muted">{suggestion.excerpt}</p> : null}
      <div className="row" role="group" aria-label={`Suggestion: ${title}`}>
        <button type="button" className="button sm" onClick={act} aria-disabled={decision.busy || undefined}>
          {suggestion.decision === 'actioned' ? 'Continue in chat' : 'Act on it'}
        </button>
        <button type="button" className="button secondary sm" onClick={dismiss} aria-disabled={decision.busy || undefined}>
          Dismiss
        </button>
        {written
          ? VERDICTS.map(({ value, label }) => (
              <button
                key={value}
                type="button"
                className="button secondary sm"
                aria-pressed={suggestion.feedback === value}
                aria-disabled={verdict.busy || undefined}
                onClick={() => give(value)}
              >
                {label}
              </button>
            ))
          : null}
      </div>
      {decision.error ? (
        <p role="alert" className="error">
          {decision.error}
        </p>
      ) : null}
      {verdict.error ? (
        <p role="alert" className="error">
          {verdict.error}
        </p>
      ) : null}
    </li>
  );
}
