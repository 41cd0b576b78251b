import type { TokenUsage } from '@/lib/llm/prices';
import type { OutputType, ProviderName } from '@/lib/zod/schemas/runs';

/**
 * The one interface every model provider implements: the OpenAI SDK (any OpenAI-compatible
 * server) and the offline provider used when no API key is configured.
 */

export interface CompletionRequest {
  system: string;
  user: string;
  model: string;
  maxTokens: number;
  /** Null leaves the model's default (reasoning models accept no other). */
  temperature: number | null;
  /** The answer must be JSON matching this output type's schema (lib/zod/schemas/runs.ts). */
  outputType: OutputType;
  /** The task as the user wrote it; the offline provider builds its answer from it. */
  task: string;
  /** Earlier turns of the conversation, oldest first, sent before the new request. */
  history: readonly { task: string; answer: string }[];
  /** Ends the call when aborted (a run started early whose reservation was then refused). */
  signal?: AbortSignal;
}

export type CompletionEvent =
  | { type: 'delta'; delta: string }
  | {
      type: 'final';
      text: string;
      /** As the provider reported it; null when it sent no usage (a server without include_usage). */
      usage: TokenUsage | null;
      /** 'stop', 'length' (cut off at maxTokens), 'content_filter', … */
      finishReason: string | null;
      /** Set when the model declined the task instead of answering. */
      refusal: string | null;
    };

export interface LlmProvider {
  name: ProviderName;
  /** Deltas of the answer as they arrive, then exactly one final event. Throws ProviderError. */
  streamCompletion(request: CompletionRequest): AsyncIterable<CompletionEvent>;
}
