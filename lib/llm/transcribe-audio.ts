import type OpenAI from 'openai';
import { ApiError } from '@/lib/api/errors';
import { toProviderError } from '@/lib/llm/provider-error';

export interface Transcript {
  text: string;
  /** The audio's length as the provider measured it, in seconds; null when it reported none. */
  durationSeconds: number | null;
}

// Whisper models answer verbose_json, which carries the audio's duration; OpenAI's gpt-4o
// transcription models accept json only, where a duration comes (if at all) as usage.
const answersVerboseJson = (model: string) => /whisper/i.test(model);

function reportedDuration(response: { duration?: unknown; usage?: { type: string; seconds?: unknown } }): number | null {
  const seconds = typeof response.duration === 'number' ? response.duration : response.usage?.type === 'duration' ? response.usage.seconds : null;
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0 ? seconds : null;
}

/**
 * Speech to text through the configured OpenAI-compatible server, with the length it measured.
 * Provider failures keep their readable message: a rate limit is a 429 the client may retry,
 * anything else a 503.
 */
export async function transcribeAudio(client: OpenAI, file: File, { model, timeoutMs }: { model: string; timeoutMs: number }): Promise<Transcript> {
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), timeoutMs);
  const options = { signal: deadline.signal };
  try {
    const response = answersVerboseJson(model)
      ? await client.audio.transcriptions.create({ file, model, response_format: 'verbose_json' }, options)
      : await client.audio.transcriptions.create({ file, model, response_format: 'json' }, options);
    return { text: response.text, durationSeconds: reportedDuration(response) };
  } catch (error) {
    const failure = toProviderError(error, { timedOut: deadline.signal.aborted, timeoutMs });
    throw new ApiError(failure.code === 'provider_rate_limited' ? 'rate_limited' : 'service_unavailable', failure.message);
  } finally {
    clearTimeout(timer);
  }
}
