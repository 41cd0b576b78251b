'use client';

import { useRouter } from 'next/navigation';
import { useId, useState } from 'react';
import { LineDiffView } from '@/components/templates/line-diff-view';
import { apiFetch } from '@/lib/client/api-fetch';
import { useApiAction } from '@/lib/client/use-api-action';
import type { RebasePlan, RebaseResolution, RebaseResult, UpstreamChanges } from '@/lib/zod/schemas/templates';
import { showTemplateValue } from '@/lib/templates/show-template-value';

const list = (names: string[]) => names.join(', ');

/**
 * A newer template version than the one the customisation was made on: what changed upstream
 * (variables added, removed, retyped, options, and the prompt's diff), then a rebase that keeps
 * the user's values, gives new variables their defaults and asks about each conflict (a removed
 * variable, or a value the new version no longer accepts) before anything is written.
 */
export function UpstreamPanel({ templateId, upstream, expectedVersion }: { templateId: string; upstream: UpstreamChanges; expectedVersion: number }) {
  const router = useRouter();
  const id = useId();
  const [plan, setPlan] = useState<RebasePlan | null>(null);
  const [choices, setChoices] = useState<Record<string, { action: 'default' | 'drop' | 'value'; text: string }>>({});
  const [done, setDone] = useState<string | null>(null);
  const review = useApiAction();
  const apply = useApiAction();

  function reviewRebase() {
    void review.run(async () => {
      const result = await apiFetch<RebaseResult>(`/api/templates/${templateId}/customization/rebase`, { method: 'POST', body: { expectedVersion, toVersion: upstream.toVersion } });
      setPlan(result.plan);
      setChoices(Object.fromEntries(result.plan.conflicts.map((conflict) => [conflict.field, { action: conflict.variable ? 'default' : 'drop', text: '' }])));
    });
  }

  function applyRebase() {
    if (!plan) return;
    const resolutions: Record<string, RebaseResolution> = {};
    for (const conflict of plan.conflicts) {
      const choice = choices[conflict.field] ?? { action: 'default', text: '' };
      if (choice.action !== 'value') resolutions[conflict.field] = { action: choice.action };
      else if (conflict.variable?.type === 'list') resolutions[conflict.field] = { action: 'value', value: choice.text.split('\n').map((item) => item.trim()).filter(Boolean) };
      else if (conflict.variable?.type === 'number') resolutions[conflict.field] = { action: 'value', value: Number(choice.text) };
      else if (conflict.variable?.type === 'boolean') resolutions[conflict.field] = { action: 'value', value: choice.text === 'true' };
      else resolutions[conflict.field] = { action: 'value', value: choice.text };
    }
    void apply.run(async () => {
      const result = await apiFetch<RebaseResult>(`/api/templates/${templateId}/customization/rebase`, { method: 'POST', body: { expectedVersion, toVersion: plan.toVersion, resolutions } });
      setDone(`Now on template version ${plan.toVersion} (your version ${result.customization?.version ?? ''}).`);
      setPlan(null);
      router.refresh();
    });
  }

  return (
    <article className="card callout stack" aria-labelledby={`${id}-title`} data-testid="upstream">
      <h2 id={`${id}-title`}>
        Version {upstream.toVersion} of this template is out (yours is on {upstream.fromVersion})
      </h2>
      <ul>
        {upstream.added.length > 0 ? <li>New variables: {list(upstream.added)} (they start with their defaults).</li> : null}
        {upstream.removed.length > 0 ? <li>Removed variables: {list(upstream.removed)}.</li> : null}
        {upstream.retyped.map((change) => (
          <li key={change.name}>
            {change.name} is now a {change.to} (was a {change.from}).
          </li>
        ))}
        {upstream.optionsChanged.map((change) => (
          <li key={change.name}>
            {change.name}: {change.added.length > 0 ? `new options ${list(change.added)}` : ''}
            {change.added.length > 0 && change.removed.length > 0 ? '; ' : ''}
            {change.removed.length > 0 ? `options removed ${list(change.removed)}` : ''}.
          </li>
        ))}
        {upstream.constraintsChanged.map((change) => (
          <li key={change.name}>
            {change.name}: its {list(change.fields)} changed.
          </li>
        ))}
        <li>The prompt changed by {upstream.prompt.lines.filter((line) => line.op !== 'equal').length} lines.</li>
      </ul>
      <details>
        <summary>See the prompt’s changes</summary>
        <LineDiffView lines={upstream.prompt.lines} similarity={upstream.prompt.similarity} label="Upstream prompt changes" />
      </details>
      {done ? (
        <p role="status" className="success">
          {done}
        </p>
      ) : null}
      {plan === null ? (
        <div className="actions">
          <button type="button" className="button" onClick={reviewRebase} aria-disabled={review.busy || undefined}>
            {review.busy ? 'Working out…' : `Review the move to ${upstream.toVersion}`}
          </button>
        </div>
      ) : (
        <div className="stack" data-testid="rebase-plan">
          <p>
            {plan.kept.length > 0 ? `Kept as you set them: ${list(plan.kept)}. ` : ''}
            {plan.newDefaults.length > 0 ? `New, with their defaults: ${list(plan.newDefaults)}. ` : ''}
            {plan.conflicts.length === 0 ? 'Nothing conflicts.' : `${plan.conflicts.length === 1 ? 'One thing needs' : `${plan.conflicts.length} things need`} your choice:`}
          </p>
          {plan.conflicts.map((conflict) => {
            const choice = choices[conflict.field] ?? { action: 'default', text: '' };
            const set = (change: Partial<typeof choice>) => setChoices((current) => ({ ...current, [conflict.field]: { ...choice, ...change } }));
            const name = conflict.field.replace(/^variables\./, '');
            return (
              <fieldset key={conflict.field} className="stack tight" data-testid="rebase-conflict">
                <legend>
                  <strong>{name}</strong>: {conflict.message} <span className="muted">(yours: {showTemplateValue(conflict.value)})</span>
                </legend>
                {conflict.variable ? (
                  <>
                    <label className="choice">
                      <input type="radio" name={`${id}-${name}`} checked={choice.action === 'default'} onChange={() => set({ action: 'default' })} />
                      Use the new default ({showTemplateValue(conflict.variable.default)})
                    </label>
                    <label className="choice">
                      <input type="radio" name={`${id}-${name}`} checked={choice.action === 'value'} onChange={() => set({ action: 'value' })} />
                      Set a new value
                    </label>
                    {choice.action === 'value' ? (
                      conflict.variable.type === 'enum' ? (
                        <select aria-label={`New value for ${name}`} value={choice.text} onChange={(event) => set({ text: event.target.value })}>
                          <option value="">Choose…</option>
                          {conflict.variable.options.map((option) => (
                            <option key={option}>{option}</option>
                          ))}
                        </select>
                      ) : (
                        <input aria-label={`New value for ${name}`} value={choice.text} onChange={(event) => set({ text: event.target.value })} />
                      )
                    ) : null}
                  </>
                ) : (
                  <label className="choice">
                    <input type="radio" name={`${id}-${name}`} checked readOnly />
                    Drop it (the new version has no such variable)
                  </label>
                )}
              </fieldset>
            );
          })}
          <div className="actions">
            <button type="button" className="button" onClick={applyRebase} aria-disabled={apply.busy || undefined}>
              {apply.busy ? 'Moving…' : `Move to version ${plan.toVersion}`}
            </button>
            <button type="button" className="button secondary" onClick={() => setPlan(null)}>
              Not now
            </button>
          </div>
        </div>
      )}
      {review.error || apply.error ? (
        <p role="alert" className="error">
          {review.error ?? apply.error}
        </p>
      ) : null}
    </article>
  );
}
