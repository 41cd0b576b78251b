import type OpenAI from 'openai';
import { ApiError } from '@/lib/api/errors';
import { toProviderError } from '@/lib/llm/provider-error';

/**
 * Speech to text through the configured OpenAI-compatible server. Provider failures keep their
 * readable message: a rate limit is a 429 the client may retry, anything else a 503.
 */
export async function transcribeAudio(client: OpenAI, file: File, { model, timeoutMs }: { model: string; timeoutMs: number }): Promise<string> {
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), timeoutMs);
  try {
    const transcription = await client.audio.transcriptions.create({ file, model }, { signal: deadline.signal });
    return transcription.text;
  } catch (error) {
    const failure = toProviderError(error, { timedOut: deadline.signal.aborted, timeoutMs });
    throw new ApiError(failure.code === 'provider_rate_limited' ? 'rate_limited' : 'service_unavailable', failure.message);
  } finally {
    clearTimeout(timer);
  }
}
