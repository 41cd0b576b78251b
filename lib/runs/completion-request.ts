import type { CompletionRequest } from '@/lib/llm/provider';
import type { CreatedRun } from '@/lib/runs/create-run';

/** What the provider is asked for a run: its prompts, the earlier turns it carries, and its limits. */
export function completionRequest(
  run: Pick<CreatedRun, 'systemPrompt' | 'userPrompt' | 'model' | 'maxTokens' | 'temperature' | 'outputType' | 'task' | 'history'>,
): CompletionRequest {
  return {
    system: run.systemPrompt,
    user: run.userPrompt,
    model: run.model,
    maxTokens: run.maxTokens,
    temperature: run.temperature,
    outputType: run.outputType,
    task: run.task,
    history: run.history,
  };
}
