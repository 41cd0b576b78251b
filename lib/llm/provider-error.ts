import OpenAI from 'openai';
import type { RunErrorCode } from '@/lib/zod/schemas/runs';

/** A provider failure with a message a person can act on; the cause stays in the logs. */
export class ProviderError extends Error {
  readonly code: RunErrorCode;
  readonly status: number | undefined;

  constructor(code: RunErrorCode, message: string, options: { status?: number; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'ProviderError';
    this.code = code;
    this.status = options.status;
  }
}

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`.replace('.0 s', ' s');

/**
 * Maps what the SDK throws (after its own retries) to a ProviderError. `timedOut` says that our
 * overall deadline aborted the call: the SDK reports that as a user abort, and its own timeout
 * only covers the wait for response headers, not a stream that stalls afterwards.
 */
export function toProviderError(error: unknown, { timedOut, timeoutMs }: { timedOut: boolean; timeoutMs: number }): ProviderError {
  if (error instanceof ProviderError) return error;
  if (timedOut || error instanceof OpenAI.APIConnectionTimeoutError) {
    return new ProviderError('provider_timeout', `The model did not answer within ${seconds(timeoutMs)}.`, { cause: error });
  }
  if (error instanceof OpenAI.APIConnectionError) {
    return new ProviderError('provider_unreachable', 'Could not reach the model provider.', { cause: error });
  }
  if (error instanceof OpenAI.APIError && typeof error.status === 'number') {
    const status = error.status;
    if (status === 429) {
      return new ProviderError('provider_rate_limited', 'The model provider is rate limiting us; try again in a minute.', { status, cause: error });
    }
    if (status === 401 || status === 403) {
      return new ProviderError('provider_error', `The model provider refused our credentials (HTTP ${status}); the server's OPENAI_API_KEY needs attention.`, {
        status,
        cause: error,
      });
    }
    if (status >= 400 && status < 500) {
      // Usually a parameter the server does not support (a model name, a response format):
      // its own words are the most useful thing to show.
      const detail = providerMessage(error);
      return new ProviderError('provider_error', `The model provider refused the request (HTTP ${status})${detail ? `: ${detail}` : '.'}`, { status, cause: error });
    }
    return new ProviderError('provider_error', `The model provider failed (HTTP ${status}).`, { status, cause: error });
  }
  if (error instanceof TypeError && /terminated|fetch failed|socket|ECONNRESET/i.test(`${error.message} ${String(error.cause ?? '')}`)) {
    // undici's way of saying the connection dropped in the middle of the stream.
    return new ProviderError('provider_unreachable', 'The connection to the model provider broke off before the answer was complete.', { cause: error });
  }
  return new ProviderError('internal_error', 'The run failed unexpectedly. Quote the run id if you contact support.', { cause: error });
}

function providerMessage(error: InstanceType<typeof OpenAI.APIError>): string {
  const body = error.error as { message?: unknown } | undefined;
  const message = typeof body?.message === 'string' ? body.message : '';
  return message.replace(/\s+/g, ' ').trim().slice(0, 300);
}
