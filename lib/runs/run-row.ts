import type { Price, Run, RunListItem, ThreadContext } from '@/lib/zod/schemas/runs';
import type { UsedTemplate } from '@/lib/zod/schemas/template-prompts';

/** A row of public.agent_runs as the run APIs read it. */
export interface RunRow {
  id: string;
  status: Run['status'];
  trigger: Run['trigger'];
  task: string;
  output_type: Run['outputType'];
  output: unknown;
  partial_output: string | null;
  thread_id: string | null;
  replaces_run_id: string | null;
  thread_context: ThreadContext | null;
  error: string | null;
  provider: string;
  model: string;
  input_tokens: number;
  cached_input_tokens: number;
  output_tokens: number;
  cost_usd: string;
  price: Price | null;
  latency_ms: number | null;
  selected_atoms: string[];
  template_versions: UsedTemplate[];
  feedback: Run['feedback'];
  feedback_detail: string | null;
  created_at: Date;
  completed_at: Date | null;
}

export const RUN_LIST_COLUMNS = [
  'id',
  'thread_id',
  'replaces_run_id',
  'thread_context',
  'status',
  'trigger',
  'task',
  'output_type',
  'error',
  'provider',
  'model',
  'input_tokens',
  'cached_input_tokens',
  'output_tokens',
  'cost_usd',
  'price',
  'latency_ms',
  'selected_atoms',
  'template_versions',
  'feedback',
  'feedback_detail',
  'created_at',
  'completed_at',
] as const;

export const RUN_COLUMNS = [...RUN_LIST_COLUMNS, 'output', 'partial_output'] as const;

export function toRunListItem(row: Omit<RunRow, 'output' | 'partial_output'>): RunListItem {
  return {
    id: row.id,
    threadId: row.thread_id,
    replacesRunId: row.replaces_run_id,
    threadContext: row.thread_context,
    status: row.status,
    trigger: row.trigger,
    task: row.task,
    outputType: row.output_type,
    error: row.error,
    provider: row.provider,
    model: row.model,
    inputTokens: row.input_tokens,
    cachedInputTokens: row.cached_input_tokens,
    outputTokens: row.output_tokens,
    costUsd: Number(row.cost_usd),
    price: row.price,
    latencyMs: row.latency_ms,
    selectedAtoms: row.selected_atoms,
    templates: row.template_versions,
    feedback: row.feedback,
    feedbackDetail: row.feedback_detail,
    createdAt: row.created_at.toISOString(),
    completedAt: row.completed_at?.toISOString() ?? null,
  };
}

export function toRun(row: RunRow): Run {
  // The output was checked against its schema before it was stored; the route's response
  // schema checks it again on the way out.
  return { ...toRunListItem(row), output: (row.output ?? null) as Run['output'], partialOutput: row.partial_output };
}
