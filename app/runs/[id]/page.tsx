import Link from 'next/link';
import { notFound } from 'next/navigation';
import { BlendRecipeTable } from '@/components/blend-recipe-table';
import { ReadableOutputView } from '@/components/readable-output-view';
import { ApiError } from '@/lib/api/errors';
import { requireClaims } from '@/lib/auth/session';
import { formatUsd, exactUsd } from '@/lib/client/format-money';
import { withUserTransaction } from '@/lib/db/user-transaction';
import { getRunDetail, type RunDetail } from '@/lib/runs/get-run-detail';
import { readableAnswer } from '@/lib/runs/readable-output';
import { OUTPUT_TYPE_LABELS } from '@/lib/zod/schemas/runs';

export const metadata = { title: 'Run · Venture Companion' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const when = (iso: string) => new Date(iso).toLocaleString('en', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }) + ' UTC';

/** One run, everything about it: what was asked, how the prompt was built, what came back, what it cost. */
export default async function RunPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const claims = await requireClaims(`/runs/${encodeURIComponent(id)}`);
  if (!UUID.test(id)) notFound();
  let detail: RunDetail;
  try {
    detail = await withUserTransaction(claims, (tx) => getRunDetail(tx, { userId: claims.sub, runId: id.toLowerCase() }));
  } catch (error) {
    // Unknown, or another user's (invisible under RLS): the same page either way.
    if (error instanceof ApiError && error.code === 'not_found') notFound();
    throw error;
  }
  const { run, systemPrompt, userPrompt, blendRecipe } = detail;
  // A succeeded run's typed output; otherwise what had arrived (a stopped or failed run keeps it).
  const readable = readableAnswer(run.outputType ?? 'content', run.output, run.partialOutput);
  const context = run.threadContext;
  return (
    <section className="fields">
      <div className="row spread">
        <h1>Run</h1>
        <div className="actions tight">
          {run.threadId ? (
            <Link href={`/chat?thread=${run.threadId}`} className="button secondary">
              Open the conversation
            </Link>
          ) : null}
          <Link href="/dashboard" className="button secondary">
            Back to the dashboard
          </Link>
        </div>
      </div>
      <article className="card fields">
        <h2>Task</h2>
        <p className="prose" dir="auto" data-testid="run-task">
          {run.task}
        </p>
        <dl className="facts">
          <dt>Status</dt>
          <dd data-testid="run-status">{run.status}</dd>
          <dt>Output</dt>
          <dd>{run.outputType ? OUTPUT_TYPE_LABELS[run.outputType] : '–'}</dd>
          <dt>Model</dt>
          <dd>
            {run.model} ({run.provider})
          </dd>
          <dt>Tokens</dt>
          <dd>
            {run.inputTokens.toLocaleString('en')} in · {run.outputTokens.toLocaleString('en')} out
            {run.cachedInputTokens > 0 ? ` · ${run.cachedInputTokens.toLocaleString('en')} cached` : ''}
          </dd>
          <dt>Cost</dt>
          <dd title={exactUsd(run.costUsd)} data-testid="run-cost">
            {formatUsd(run.costUsd)}
          </dd>
          <dt>Latency</dt>
          <dd>{run.latencyMs === null ? '–' : `${(run.latencyMs / 1000).toFixed(1)} s`}</dd>
          <dt>Started</dt>
          <dd>{when(run.createdAt)}</dd>
          <dt>Feedback</dt>
          <dd data-testid="run-feedback">
            {run.feedback ?? 'none yet'}
            {run.feedbackDetail ? ` — “${run.feedbackDetail}”` : ''}
          </dd>
        </dl>
      </article>
      <article className="card fields">
        <h2>Answer</h2>
        {run.error ? (
          <p className={run.status === 'cancelled' ? 'muted' : 'error'} dir="auto">
            {run.error}
          </p>
        ) : null}
        {readable ? <ReadableOutputView output={readable} /> : null}
        {run.status === 'running' || run.status === 'queued' ? <p className="muted">Still running: reload in a moment for the answer.</p> : null}
      </article>
      <article className="card fields">
        <h2>How the prompt was built</h2>
        {context ? (
          <p data-testid="run-context">
            {context.runIds.length === 0
              ? 'No earlier turns of the conversation were carried.'
              : `${context.runIds.length} earlier turn${context.runIds.length === 1 ? '' : 's'} of the conversation carried as context: ${context.usedTokens.toLocaleString('en')} of a ${context.budgetTokens.toLocaleString('en')}-token budget.`}
            {context.omittedTurns > 0 ? ` ${context.omittedTurns} older turn${context.omittedTurns === 1 ? ' was' : 's were'} left out whole.` : ''}
          </p>
        ) : null}
        {blendRecipe.length > 0 ? (
          <BlendRecipeTable items={blendRecipe} label="Atoms used" />
        ) : (
          <p className="muted">No atoms were selected for this run.</p>
        )}
        <details>
          <summary>System prompt</summary>
          <pre className="prompt" dir="auto">
            {systemPrompt}
          </pre>
        </details>
        <details>
          <summary>User prompt</summary>
          <pre className="prompt" dir="auto">
            {userPrompt}
          </pre>
        </details>
      </article>
    </section>
  );
}
