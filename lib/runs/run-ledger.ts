import type postgres from 'postgres';
import type { Queryable } from '@/lib/db/client';
import { asServer } from '@/lib/db/service-role';
import { limitExceeded, type ReservationRow } from '@/lib/usage/limit-exceeded';
import { throwIfRefused } from '@/lib/usage/reserve-usage';
import type { OutputType, Price, ThreadContext } from '@/lib/zod/schemas/runs';
import type { UsedTemplate } from '@/lib/zod/schemas/template-prompts';

/**
 * The run lifecycle's writes, which only the server makes: a user's session can neither insert a
 * run nor call these functions (migration 016). Each runs inside the caller's transaction, as the
 * service role for one statement, so it commits or rolls back with the rest of the request.
 */

export interface RunToOpen {
  id: string;
  userId: string;
  task: string;
  systemPrompt: string;
  userPrompt: string;
  selectedAtomIds: string[];
  blendRecipe: postgres.JSONValue;
  vibeSnapshot: postgres.JSONValue;
  provider: string;
  model: string;
  outputType: OutputType;
  price: Price;
  reservedTokens: number;
  threadId: string;
  threadContext: ThreadContext;
  replacesRunId: string | null;
}

/**
 * Reserves the run's usage and stores it as running, or throws limit_exceeded (429) with the metric
 * that is used up and stores nothing. Returns the period the reservation was made in.
 */
export async function openRun(tx: Queryable, run: RunToOpen): Promise<{ period: string }> {
  const rows = await asServer(
    tx,
    (server) => server<ReservationRow[]>`
      select ok, metric, used::text, quota::text, period::text from private.open_run(
        ${run.id}, ${run.userId}, 'manual', ${run.task}, ${run.systemPrompt}, ${run.userPrompt}, ${run.selectedAtomIds}::uuid[],
        ${server.json(run.blendRecipe)}, ${server.json(run.vibeSnapshot)}, ${run.provider}, ${run.model}, ${run.outputType},
        ${server.json(run.price as unknown as postgres.JSONValue)}, ${run.reservedTokens},
        ${run.threadId}, ${server.json(run.threadContext as unknown as postgres.JSONValue)}, ${run.replacesRunId})`,
  );
  return throwIfRefused(rows, run.reservedTokens);
}

/**
 * Records the template versions a run just opened was given, and counts its one "templates" use
 * (reserved and settled at once: the prompt exists). Call it in the transaction that opened the
 * run: over the limit it throws limit_exceeded (429) having written nothing, and the caller's
 * rollback takes the run and its other reservations with it.
 */
export async function attachRunTemplates(tx: Queryable, { runId, userId, templates }: { runId: string; userId: string; templates: readonly UsedTemplate[] }): Promise<void> {
  const subject = `A run with ${templates.length === 1 ? 'a template' : `${templates.length} templates`}`;
  const [row] = await asServer(
    tx,
    (server) => server<ReservationRow[]>`
      select ok, metric, used::text, quota::text, period::text
      from private.attach_run_templates(${runId}, ${userId}, ${server.json(templates as unknown as postgres.JSONValue)}, ${subject})`,
  );
  if (!row!.ok) throw limitExceeded(row!, 1);
}

export interface RunSettlement {
  status: 'succeeded' | 'failed' | 'cancelled';
  output: postgres.JSONValue | null;
  error: string | null;
  inputTokens: number;
  cachedInputTokens: number;
  outputTokens: number;
  costUsd: string;
  latencyMs: number;
}

/**
 * Stores a run's end and replaces its token reservation by the tokens it used (the reservation is
 * read from the run itself). Settles at most once: answers false if the run had already ended.
 */
/** The answer so far, for someone who opens the conversation while the run is still going. */
export async function recordPartialOutput(tx: Queryable, runId: string, text: string | null): Promise<void> {
  await asServer(tx, (server) => server`select private.record_partial_output(${runId}, ${text})`);
}

export async function finishRun(tx: Queryable, runId: string, settlement: RunSettlement): Promise<boolean> {
  const [row] = await asServer(
    tx,
    (server) => server<{ finished: boolean }[]>`
      select private.finish_run(
        ${runId}, ${settlement.status}, ${settlement.output === null ? null : server.json(settlement.output)}, ${settlement.error},
        ${settlement.inputTokens}, ${settlement.cachedInputTokens}, ${settlement.outputTokens}, ${settlement.costUsd}::numeric,
        ${settlement.latencyMs}) as finished`,
  );
  return row?.finished === true;
}
