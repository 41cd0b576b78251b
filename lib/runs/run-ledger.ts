import type postgres from 'postgres';
import type { Queryable } from '@/lib/db/client';
import { columnList } from '@/lib/db/column-list';
import type { CommitInline } from '@/lib/db/pipelined-transaction';
import { asServer, asServerInline } from '@/lib/db/service-role';
import { sqlLiteral as v } from '@/lib/db/sql-literal';
import { RUN_COLUMNS, type RunRow } from '@/lib/runs/run-row';
import { limitExceeded, type ReservationRow } from '@/lib/usage/limit-exceeded';
import { throwIfRefused } from '@/lib/usage/reserve-usage';
import type { OutputType, Price, ThreadContext } from '@/lib/zod/schemas/runs';
import type { UsedTemplate } from '@/lib/zod/schemas/template-prompts';

/**
 * The run lifecycle's writes, which only the server makes: a user's session can neither insert a
 * run nor call these functions (migration 016). Each runs inside the caller's transaction, as the
 * service role for one statement, so it commits or rolls back with the rest of the request.
 *
 * Every run makes these statements, so they carry their values as literals (lib/db/sql-literal.ts):
 * a statement without bind parameters costs one round trip and is pipelined with the role
 * switches around it and the transaction's other statements.
 */

const RUN_SELECT = columnList(RUN_COLUMNS);

/** A uuid[] literal from a list of ids (the server checks each is a uuid). */
function uuidArray(ids: readonly string[]): string {
  return `array(select jsonb_array_elements_text(${v(ids)}))::uuid[]`;
}

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
  /** The title of the conversation this run starts (threadId is its new id); null for a follow-up. */
  newThreadTitle: string | null;
}

/**
 * Reserves the run's usage and stores it as running (creating its conversation when it starts
 * one), or throws limit_exceeded (429) with the metric that is used up and stores nothing.
 * Returns the period the reservation was made in. With `commitInline` the statement ends the
 * caller's transaction in the same message: only for a caller with nothing left to write, since a
 * refusal then commits whatever the transaction wrote before it.
 */
export async function openRun(tx: Queryable, run: RunToOpen, { commitInline }: { commitInline?: CommitInline } = {}): Promise<{ period: string }> {
  const rows = await asServerInline<ReservationRow[]>(
    tx,
    `
      select ok, metric, used::text, quota::text, period::text from private.open_run(
        ${v(run.id)}::uuid, ${v(run.userId)}::uuid, 'manual', ${v(run.task)}, ${v(run.systemPrompt)}, ${v(run.userPrompt)},
        ${uuidArray(run.selectedAtomIds)}, ${v(run.blendRecipe)}, ${v(run.vibeSnapshot)}, ${v(run.provider)}, ${v(run.model)},
        ${v(run.outputType)}, ${v(run.price)}, ${v(run.reservedTokens)}::bigint, ${v(run.threadId)}::uuid, ${v(run.threadContext)},
        ${v(run.replacesRunId)}::uuid, ${v(run.newThreadTitle)}::text)`,
    commitInline,
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

/** The statement that keeps a run's answer so far (null clears it); as the service role. */
function partialOutputStatement(runId: string, text: string | null): string {
  return `select private.record_partial_output(${v(runId)}::uuid, ${v(text)}::text)`;
}

/** The answer so far, for someone who opens the conversation while the run is still going. */
export async function recordPartialOutput(tx: Queryable, runId: string, text: string | null): Promise<void> {
  await asServerInline(tx, partialOutputStatement(runId, text));
}

/**
 * Stores a run's end and replaces its token reservation by the tokens it used (the reservation is
 * read from the run itself), and reads the stored run back as its owner sees it, in one message
 * that also commits the caller's transaction: the answer kept with a run that did not succeed
 * (`partialOutput`; undefined leaves the column alone), the settlement, and the row. Settles at
 * most once: `finished` is false if the run had already ended.
 */
export async function settleRun(
  commitInline: CommitInline,
  { runId, userId, settlement, partialOutput }: { runId: string; userId: string; settlement: RunSettlement; partialOutput: string | null | undefined },
): Promise<{ finished: boolean; row: RunRow | undefined }> {
  const id = `${v(runId)}::uuid`;
  const statements = [
    `select set_config('role', 'service_role', true)`,
    ...(partialOutput === undefined ? [] : [partialOutputStatement(runId, partialOutput)]),
    `select private.finish_run(
        ${id}, ${v(settlement.status)}, ${settlement.output === null ? 'null::jsonb' : v(settlement.output)}, ${v(settlement.error)}::text,
        ${v(settlement.inputTokens)}::integer, ${v(settlement.cachedInputTokens)}::integer, ${v(settlement.outputTokens)}::integer,
        ${v(settlement.costUsd)}::numeric, ${v(settlement.latencyMs)}::integer) as finished`,
    `select set_config('role', 'authenticated', true)`,
    // Read back under RLS, as the caller.
    `select ${RUN_SELECT} from public.agent_runs where id = ${id} and user_id = ${v(userId)}::uuid`,
  ];
  const results = await commitInline(statements);
  const finished = (results.at(-3) as { finished: boolean }[])[0]?.finished === true;
  return { finished, row: (results.at(-1) as RunRow[])[0] };
}
