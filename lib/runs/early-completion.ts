import { setImmediate as nextTurn } from 'node:timers/promises';
import type { CompletionEvent, CompletionRequest, LlmProvider } from '@/lib/llm/provider';

/** A provider call already on its way, to be read as if it had just been started, or abandoned. */
export interface EarlyCompletion {
  /** The call's events from its first; read once. */
  events: AsyncIterable<CompletionEvent>;
  /** Aborts the call (its reservation was refused); nothing of it is read. */
  abandon(): void;
  /** Settles once the request has had the event-loop turns it needs to be written to its socket. */
  dispatched: Promise<void>;
}

/**
 * Starts the provider call now, so that it is on its way while the run's reservation is stored
 * (one database round trip the first token no longer waits for). Until it is read, a failure is
 * held for the reader rather than reported as unhandled.
 */
export function startCompletion(provider: LlmProvider, request: CompletionRequest): EarlyCompletion {
  const controller = new AbortController();
  const iterator = provider.streamCompletion({ ...request, signal: controller.signal })[Symbol.asyncIterator]();
  const first = iterator.next();
  first.catch(() => {});
  return {
    events: (async function* replay() {
      for (let step = await first; !step.done; step = await iterator.next()) yield step.value;
    })(),
    abandon: () => controller.abort(),
    dispatched: nextTurn().then(() => nextTurn()),
  };
}
