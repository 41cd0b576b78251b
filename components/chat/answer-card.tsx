'use client';

import { Check, Copy, ExternalLink, RotateCcw } from 'lucide-react';
import Link from 'next/link';
import { useEffect, useState } from 'react';
import { ReadableOutputView } from '@/components/readable-output-view';
import { RunFeedback } from '@/components/run-feedback';
import { exactUsd, formatUsd } from '@/lib/client/format-money';
import { outputToMarkdown, readableAnswer, type ReadableOutput } from '@/lib/runs/readable-output';
import { THREAD_CONTEXT_BUDGET_TOKENS } from '@/lib/threads/thread-context';
import type { OutputType, Run, ThreadContext } from '@/lib/zod/schemas/runs';

/** One question and its answer in a conversation, as the page holds it. */
export interface Turn {
  /** The run id once the server has sent it; a temporary key before. */
  key: string;
  task: string;
  runId: string | null;
  model: string | null;
  provider: string | null;
  outputType: OutputType | null;
  threadContext: ThreadContext | null;
  replacesRunId: string | null;
  /** The answer as it has arrived (streamed, or the stored answer so far). */
  text: string;
  /** The stored run once it has ended (or as last read while it runs elsewhere). */
  run: Run | null;
  /** 'stream': this page is reading the answer; 'watch': it runs elsewhere and is polled. */
  live: 'stream' | 'watch' | null;
  error: string | null;
}

export function turnFromRun(run: Run): Turn {
  const going = run.status === 'queued' || run.status === 'running';
  return {
    key: run.id,
    task: run.task,
    runId: run.id,
    model: run.model,
    provider: run.provider,
    outputType: run.outputType,
    threadContext: run.threadContext,
    replacesRunId: run.replacesRunId,
    text: run.partialOutput ?? '',
    run,
    live: going ? 'watch' : null,
    error: run.status === 'failed' ? run.error : null,
  };
}

/** What to show: the typed output of a succeeded run, otherwise what had arrived. */
function readableOf(turn: Turn): ReadableOutput | null {
  return readableAnswer(turn.outputType ?? 'content', turn.run?.status === 'succeeded' ? turn.run.output : null, turn.text);
}

const STATUS_NAMES: Record<Run['status'], string> = {
  queued: 'queued',
  running: 'answering',
  succeeded: 'succeeded',
  failed: 'failed',
  cancelled: 'stopped',
};

function contextNote(context: ThreadContext | null): string | null {
  if (!context || (context.runIds.length === 0 && context.omittedTurns === 0)) return null;
  const carried =
    context.runIds.length === 0
      ? 'No earlier turn fit'
      : `Carried ${context.runIds.length} earlier turn${context.runIds.length === 1 ? '' : 's'} (${context.usedTokens.toLocaleString('en')} of ${(
          context.budgetTokens || THREAD_CONTEXT_BUDGET_TOKENS
        ).toLocaleString('en')} context tokens)`;
  const omitted = context.omittedTurns > 0 ? `; ${context.omittedTurns} older left out` : '';
  return `${carried}${omitted}.`;
}

function CopyButton({ text }: { text: string }) {
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 2000);
    return () => clearTimeout(timer);
  }, [copied]);
  return (
    <button
      type="button"
      className="button secondary small"
      disabled={!text}
      onClick={() => {
        void navigator.clipboard.writeText(text).then(() => setCopied(true));
      }}
    >
      {copied ? <Check aria-hidden size={16} /> : <Copy aria-hidden size={16} />}
      <span aria-live="polite">{copied ? 'Copied' : 'Copy'}</span>
    </button>
  );
}

interface AnswerCardProps {
  turn: Turn;
  /** A later answer regenerated this one. */
  replaced: boolean;
  busy: boolean;
  onRegenerate: (turn: Turn) => void;
  onRunChange: (run: Run) => void;
}

/** The answer to one turn: streaming or stored, with what it cost, how it was built and what to do with it. */
export function AnswerCard({ turn, replaced, busy, onRegenerate, onRunChange }: AnswerCardProps) {
  const run = turn.run;
  const going = turn.live !== null;
  const readable = readableOf(turn);
  const finished = run !== null && !going;
  const note = contextNote(turn.threadContext);
  return (
    <article className="card answer" data-testid="answer" aria-busy={going} aria-label={`Answer to: ${turn.task.slice(0, 80)}`}>
      <p className="muted answer-meta" data-testid="run-meta">
        {turn.runId ? (
          <>
            <span className="sr-only">Run </span>
            <code data-testid="run-id" className="sr-only">
              {turn.runId}
            </code>
          </>
        ) : null}
        <span>
          {turn.model ?? 'model'}
          {turn.provider && turn.provider !== turn.model ? ` (${turn.provider})` : ''}
        </span>
        {' · '}
        <span data-testid="run-status">{going ? 'answering…' : run ? STATUS_NAMES[run.status] : 'starting…'}</span>
        {finished ? (
          <>
            {' · '}
            <span data-testid="run-tokens">{(run.inputTokens + run.outputTokens).toLocaleString('en')} tokens</span>
            {' · '}
            <span title={exactUsd(run.costUsd)}>{formatUsd(run.costUsd)}</span>
            {' · '}
            <span>{run.latencyMs === null ? '–' : `${(run.latencyMs / 1000).toFixed(1)} s`}</span>
          </>
        ) : null}
        {replaced ? <span className="badge">Replaced by a newer answer</span> : null}
      </p>
      {note ? (
        <p className="muted small-print" data-testid="context-note">
          {note}
        </p>
      ) : null}
      {run && run.templates.length > 0 ? (
        <p className="muted small-print" data-testid="run-templates">
          Followed {run.templates.length === 1 ? 'the template' : `${run.templates.length} templates`}:{' '}
          {run.templates.map((used, index) => (
            <span key={used.id}>
              {index > 0 ? ', ' : ''}
              <Link href={`/templates/${used.id}`}>{used.id}</Link> v{used.version}
              {used.customizationVersion !== null ? ` (your version ${used.customizationVersion})` : ' (defaults)'}
            </span>
          ))}
        </p>
      ) : null}
      {/* Screen readers hear the answer as it streams, politely, without every earlier answer. */}
      <div aria-live={turn.live === 'stream' ? 'polite' : undefined}>
        {readable ? (
          <ReadableOutputView output={readable} streaming={going} />
        ) : going ? (
          <p className="muted" data-testid="run-waiting">
            Thinking…
          </p>
        ) : null}
      </div>
      {turn.error ? (
        <p role="alert" className="error">
          {turn.error}
        </p>
      ) : run?.status === 'cancelled' ? (
        <p className="muted" data-testid="run-stopped">
          Stopped. What had arrived is kept{readable ? ' above' : ''}; the tokens it used are counted.
        </p>
      ) : null}
      {finished || (turn.runId && !going) ? (
        <div className="actions answer-actions">
          <CopyButton text={readable ? outputToMarkdown(readable) : ''} />
          <button
            type="button"
            className="button secondary small"
            // Busy while an answer is being written; aria-disabled keeps focus on the button clicked.
            aria-disabled={busy || undefined}
            onClick={() => {
              if (!busy) onRegenerate(turn);
            }}
          >
            <RotateCcw aria-hidden size={16} />
            Regenerate
          </button>
          {turn.runId ? (
            <Link className="button secondary small" href={`/runs/${turn.runId}`}>
              <ExternalLink aria-hidden size={16} />
              Details
            </Link>
          ) : null}
        </div>
      ) : null}
      {run?.status === 'succeeded' && !going ? <RunFeedback key={run.id} run={run} onChange={onRunChange} /> : null}
    </article>
  );
}
