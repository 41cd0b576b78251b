import { ApiClientError } from '@/lib/client/api-fetch';
import type { RunStreamEvent } from '@/lib/zod/schemas/runs';

/** The limit details a 429 carries next to the error envelope. */
export interface LimitDetails {
  metricType: string;
  current: number;
  limit: number;
  remaining: number;
  resetsAt: string;
}

export class LimitExceededError extends ApiClientError {
  constructor(
    message: string,
    readonly details: LimitDetails,
  ) {
    super(429, 'limit_exceeded', message);
  }
}

/**
 * Starts a run and hands each NDJSON event to onEvent as it arrives. Aborting the signal only stops
 * reading: the run goes on and is stored on the server. To cancel it, POST /api/runs/:id/cancel and
 * keep reading; the stream then ends with the run stored as cancelled.
 */
export async function streamRun(body: unknown, onEvent: (event: RunStreamEvent) => void, signal: AbortSignal): Promise<void> {
  const response = await fetch('/api/runs', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal,
  });
  if (!response.ok || !response.body) {
    const data = (await response.json().catch(() => null)) as ({ error?: { code: string; message: string } } & Partial<LimitDetails>) | null;
    const message = data?.error?.message ?? `Request failed (${response.status})`;
    if (response.status === 429 && data?.error?.code === 'limit_exceeded') {
      throw new LimitExceededError(message, data as unknown as LimitDetails);
    }
    throw new ApiClientError(response.status, data?.error?.code ?? 'unknown', message);
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffer += value;
    let newline = buffer.indexOf('\n');
    while (newline !== -1) {
      const line = buffer.slice(0, newline).trim();
      buffer = buffer.slice(newline + 1);
      if (line) onEvent(JSON.parse(line) as RunStreamEvent);
      newline = buffer.indexOf('\n');
    }
  }
  if (buffer.trim()) onEvent(JSON.parse(buffer) as RunStreamEvent);
}
