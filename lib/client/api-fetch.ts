/** Browser-side calls to the app's own API (same origin, session cookie). */

export class ApiClientError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The whole error body: some refusals carry more than the message (a form's `fields`, a 429's limit). */
    readonly body: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export async function apiFetch<T>(path: string, init: { method?: string; body?: unknown; signal?: AbortSignal } = {}): Promise<T> {
  const response = await fetch(path, {
    method: init.method ?? 'GET',
    headers: init.body === undefined ? undefined : { 'content-type': 'application/json' },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    signal: init.signal,
    credentials: 'same-origin',
  });
  if (response.status === 204) return undefined as T;
  const data = (await response.json().catch(() => null)) as ({ error?: { code: string; message: string } } & Record<string, unknown>) | null;
  if (!response.ok) {
    throw new ApiClientError(response.status, data?.error?.code ?? 'unknown', data?.error?.message ?? `Request failed (${response.status})`, data ?? {});
  }
  return data as T;
}

export function errorMessage(error: unknown): string {
  if (error instanceof ApiClientError) return error.message;
  return error instanceof Error ? error.message : 'Something went wrong.';
}

/** The per-field problems of a 400 (`fields: [{ field, message }]`), keyed by field, the first of each. */
export function fieldErrors(error: unknown, prefix = ''): Record<string, string> {
  if (!(error instanceof ApiClientError) || !Array.isArray(error.body.fields)) return {};
  const found: Record<string, string> = {};
  for (const item of error.body.fields as { field?: unknown; message?: unknown }[]) {
    if (typeof item.field !== 'string' || typeof item.message !== 'string' || !item.field.startsWith(prefix)) continue;
    found[item.field.slice(prefix.length)] ??= item.message;
  }
  return found;
}
