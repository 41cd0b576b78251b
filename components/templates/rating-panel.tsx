'use client';

import { useId, useState } from 'react';
import styles from '@/components/templates/templates.module.css';
import { apiFetch } from '@/lib/client/api-fetch';
import { useApiAction } from '@/lib/client/use-api-action';
import type { TemplateAnalytics } from '@/lib/zod/schemas/templates';

const percent = (value: number | null) => (value === null ? '–' : `${Math.round(value * 100)}%`);
const number = (value: number | null, unit = '') => (value === null ? '–' : `${Math.round(value).toLocaleString('en-US')}${unit}`);

/** The caller's rating (1–5 with a comment; change or remove it) and how the template does: uses, success of the runs that used it, tokens and latency. */
export function RatingPanel({ templateId, analytics, comment: initialComment }: { templateId: string; analytics: TemplateAnalytics; comment: string }) {
  const id = useId();
  const [rating, setRating] = useState<number | null>(analytics.rating.yours);
  const [comment, setComment] = useState(initialComment);
  const [saved, setSaved] = useState<string | null>(null);
  const save = useApiAction();

  function submit(event: React.FormEvent) {
    event.preventDefault();
    if (rating === null) return;
    void save.run(async () => {
      await apiFetch(`/api/templates/${templateId}/rating`, { method: 'PUT', body: { rating, comment } });
      setSaved(`Rated ${rating} / 5. Thanks.`);
    });
  }

  function remove() {
    void save.run(async () => {
      await apiFetch(`/api/templates/${templateId}/rating`, { method: 'DELETE' });
      setRating(null);
      setComment('');
      setSaved('Your rating was removed.');
    });
  }

  const { runs } = analytics;
  return (
    <article className="card stack" aria-labelledby={`${id}-title`} data-testid="template-analytics">
      <h2 id={`${id}-title`}>How it does</h2>
      <dl>
        <dt>Uses</dt>
        <dd>
          {analytics.uses === 0
            ? 'Not used yet'
            : `${analytics.uses.toLocaleString('en-US')} by ${analytics.users.toLocaleString('en-US')} ${analytics.users === 1 ? 'person' : 'people'} (yours: ${analytics.yourUses})`}
        </dd>
        <dt>Rating</dt>
        <dd>{analytics.rating.count === 0 ? 'Not rated yet' : `${analytics.rating.average!.toFixed(1)} / 5 from ${analytics.rating.count}`}</dd>
        <dt>Runs that used it</dt>
        <dd>
          {runs.count === 0
            ? 'None yet: attach it to a task in the chat.'
            : `${runs.count} · ${runs.successRate === null ? 'none judged yet' : `${percent(runs.successRate)} approved of those judged`} · ${number(runs.averageTokens, ' tokens')} and ${number(runs.averageLatencyMs, ' ms')} on average`}
        </dd>
      </dl>
      <form className="fields" onSubmit={submit} aria-label="Your rating">
        <fieldset className={styles.stars}>
          <legend>Your rating</legend>
          {[1, 2, 3, 4, 5].map((value) => (
            <label key={value} className="choice">
              <input type="radio" name={`${id}-rating`} value={value} checked={rating === value} onChange={() => setRating(value)} />
              {value}
            </label>
          ))}
        </fieldset>
        <label>
          Comment <span className="muted">(optional)</span>
          <textarea rows={2} maxLength={2000} value={comment} onChange={(event) => setComment(event.target.value)} />
        </label>
        <div className="actions">
          <button type="submit" className="button secondary" aria-disabled={save.busy || rating === null || undefined}>
            Rate
          </button>
          {analytics.rating.yours !== null || saved?.startsWith('Rated') ? (
            <button type="button" className="button ghost" onClick={remove} aria-disabled={save.busy || undefined}>
              Remove my rating
            </button>
          ) : null}
        </div>
        {save.error ? (
          <p role="alert" className="error">
            {save.error}
          </p>
        ) : null}
        {saved ? (
          <p role="status" className="success">
            {saved}
          </p>
        ) : null}
      </form>
    </article>
  );
}
