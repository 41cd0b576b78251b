import { setImmediate as nextTurn } from 'node:timers/promises';
import type postgres from 'postgres';
import type { UserContext } from '@/lib/api/handler';
import { countTokens } from '@/lib/assembly/token-count';
import { costUsd, type TokenUsage } from '@/lib/llm/prices';
import type { CompletionEvent } from '@/lib/llm/provider';
import { ProviderError } from '@/lib/llm/provider-error';
import type { Logger } from '@/lib/observability/logger';
import type { CreatedRun } from '@/lib/runs/create-run';
import { completionRequest } from '@/lib/runs/completion-request';
import { recordPartialOutput, settleRun } from '@/lib/runs/run-ledger';
import { toRun } from '@/lib/runs/run-row';
import { OUTPUT_SCHEMAS, OUTPUT_TYPE_LABELS, type Run, type RunErrorCode, type RunOutput, type RunStatus } from '@/lib/zod/schemas/runs';

type UserDb = UserContext<unknown>['db'];

export interface RunFailure {
  code: RunErrorCode;
  message: string;
}

export interface RunResult {
  run: Run;
  /** Why the run did not succeed; null when it succeeded or was cancelled. */
  failure: RunFailure | null;
  /** The provider's finish reason ('stop', 'length', …); null when it sent none (a failed call). */
  finishReason: string | null;
}

interface Outcome {
  status: Exclude<RunStatus, 'queued' | 'running'>;
  output: RunOutput | null;
  failure: RunFailure | null;
}

const CANCELLED_MESSAGE = 'Stopped before the answer was complete.';
/**
 * How often the answer so far is written to the run while it streams, for a user who opens the
 * conversation meanwhile (another tab, a reload, coming back). One write at a time; a run that
 * answers within this time writes none.
 */
export const PARTIAL_OUTPUT_INTERVAL_MS = 1000;

/** Checks the finished answer against the output type's schema: a mismatch is a failed run, never a success. */
function judgeAnswer(run: CreatedRun, final: Extract<CompletionEvent, { type: 'final' }>): Outcome {
  const format = `The model's answer did not match the ${OUTPUT_TYPE_LABELS[run.outputType]} format`;
  const fail = (message: string): Outcome => ({ status: 'failed', output: null, failure: { code: 'invalid_output', message } });
  if (final.refusal) return fail(`The model declined the task: ${final.refusal.slice(0, 500)}`);
  if (final.finishReason === 'length') {
    return fail(`${format}: it was cut off at the ${run.maxTokens}-token answer limit. Raise inputFilter.maxTokens or narrow the task.`);
  }
  if (final.finishReason === 'content_filter') return fail("The model provider's content filter stopped the answer.");
  let parsed: unknown;
  try {
    parsed = JSON.parse(final.text);
  } catch {
    return fail(`${format}: it is not valid JSON.`);
  }
  const result = OUTPUT_SCHEMAS[run.outputType].safeParse(parsed);
  if (!result.success) {
    const issues = result.error.issues
      .slice(0, 3)
      .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'answer'}: ${issue.message}`)
      .join('; ');
    return fail(`${format}: ${issues}.`);
  }
  return { status: 'succeeded', output: result.data, failure: null };
}

/**
 * What the run used. The provider's own count when it sent one (always, when the stream was
 * drained); otherwise, if the model had started answering (a stream cut off by the deadline), an
 * estimate with the model's tokenizer, because the provider bills partial answers; otherwise zero.
 */
function usageOf(run: CreatedRun, reported: TokenUsage | null, text: string): TokenUsage {
  if (reported) return reported;
  if (text.length === 0) return { input: 0, cached: 0, output: 0 };
  return { input: run.promptTokens, cached: 0, output: countTokens(text, run.encoding) };
}

/**
 * Runs a started run to its end: stream the answer → check it → succeeded, failed or cancelled,
 * and settles the run with its real usage and cost in the same transaction that returns the
 * unused part of the token reservation. No transaction is open while the model answers. `onDelta` forwards the answer; after `isCancelled()` turns true (the client left) the
 * stream is still read to its end, so the usage the provider reports last is stored exactly.
 */
export async function executeRun(
  db: UserDb,
  run: CreatedRun,
  {
    onDelta,
    onAnswerEnd,
    isCancelled,
    log,
  }: {
    onDelta: (text: string) => void;
    /** Called once the provider's stream has ended, before the run is settled: a caller holding deltas back sends them now. */
    onAnswerEnd?: () => void;
    isCancelled: () => boolean;
    log: Logger;
  },
): Promise<RunResult> {
  const started = performance.now();
  let text = '';
  // What the user was shown: after Stop the stream is read on for its usage, but not forwarded.
  let shown = '';
  let final: Extract<CompletionEvent, { type: 'final' }> | null = null;
  let outcome: Outcome;
  let lastWrite = started;
  let writing: Promise<void> | null = null;
  let wrotePartial = false;
  const writePartial = () => {
    if (writing) return;
    wrotePartial = true;
    lastWrite = performance.now();
    const snapshot = shown;
    writing = db((tx) => recordPartialOutput(tx, run.id, snapshot))
      .catch((error: unknown) => log.warn({ err: error, runId: run.id }, 'could not record the answer so far'))
      .finally(() => {
        writing = null;
      });
  };
  try {
    // A run of the chat was started at the provider while its reservation was stored (createRun).
    for await (const event of run.startedCompletion?.events ?? run.provider.streamCompletion(completionRequest(run))) {
      if (event.type === 'delta') {
        text += event.delta;
        if (!isCancelled()) {
          shown += event.delta;
          onDelta(event.delta);
          if (performance.now() - lastWrite >= PARTIAL_OUTPUT_INTERVAL_MS) writePartial();
        }
      } else {
        final = event;
      }
    }
    if (isCancelled()) outcome = { status: 'cancelled', output: null, failure: null };
    else if (!final) throw new Error('the provider stream ended without a final event');
    else outcome = judgeAnswer(run, final);
  } catch (error) {
    const failure =
      error instanceof ProviderError
        ? error
        : new ProviderError('internal_error', 'The run failed unexpectedly. Quote the run id if you contact support.', { cause: error });
    if (failure.code === 'internal_error' || failure.code === 'provider_error') log.error({ err: error, runId: run.id }, 'run failed');
    else log.warn({ err: error, runId: run.id }, 'run failed');
    outcome = { status: 'failed', output: null, failure: { code: failure.code, message: failure.message } };
  }

  // The last words reach the user before the settlement is written: they leave on this turn of the
  // event loop, the settlement on the next.
  if (onAnswerEnd) {
    onAnswerEnd();
    await nextTurn();
  }
  const usage = usageOf(run, final?.usage ?? null, text);
  const latencyMs = Math.round(performance.now() - started);
  const error = outcome.failure?.message ?? (outcome.status === 'cancelled' ? CANCELLED_MESSAGE : null);
  // A write of the answer so far must not land after the settlement.
  await writing;
  // The answer as it stood is kept when the run did not succeed (what a stopped run showed; what a
  // failed one sent); a succeeded run has its typed output instead. Keeping, settling and reading
  // back go out as one message with the transaction's COMMIT: one round trip.
  const keep = outcome.status === 'succeeded' ? '' : outcome.status === 'cancelled' ? shown : text;
  const { row } = await db((_tx, _commitWith, commitInline) =>
    settleRun(commitInline, {
      runId: run.id,
      userId: run.userId,
      // Nothing to keep and nothing written earlier to clear: the column is left alone.
      partialOutput: keep === '' && !wrotePartial ? undefined : keep || null,
      settlement: {
        status: outcome.status,
        output: outcome.output as postgres.JSONValue | null,
        error,
        inputTokens: usage.input,
        cachedInputTokens: usage.cached,
        outputTokens: usage.output,
        costUsd: costUsd(usage, run.price).toFixed(9),
        latencyMs,
      },
    }),
  );
  if (!row) throw new Error('the settled run could not be read back');
  const stored = toRun(row);
  return { run: stored, failure: outcome.failure, finishReason: final?.finishReason ?? null };
}
