import type { RequestRecord } from '@/lib/ops/request-record';

// A log drain nests the app's line: Vercel's JSON drain sends objects (or arrays of them) whose
// `message` is the line the function wrote. Two levels are plenty.
const MAX_NESTING = 3;

function fromValue(value: unknown, depth: number, out: RequestRecord[]): void {
  if (depth > MAX_NESTING) return;
  if (Array.isArray(value)) {
    for (const item of value) fromValue(item, depth + 1, out);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  const entry = value as Record<string, unknown>;
  if (
    entry.msg === 'request' &&
    typeof entry.method === 'string' &&
    typeof entry.path === 'string' &&
    typeof entry.status === 'number' &&
    Number.isInteger(entry.status) &&
    typeof entry.durationMs === 'number' &&
    Number.isFinite(entry.durationMs) &&
    entry.durationMs >= 0
  ) {
    out.push({ method: entry.method, path: entry.path, status: entry.status, durationMs: entry.durationMs });
    return;
  }
  if (typeof entry.message === 'string') fromText(entry.message, depth + 1, out);
}

function fromText(text: string, depth: number, out: RequestRecord[]): void {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return;
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch {
    return;
  }
  fromValue(value, depth, out);
}

/**
 * The request records in one line of log input: the app's own pino line, or a log drain's JSON
 * (an object or an array of objects) with that line in `message`. Anything else, other log lines
 * included, gives none.
 */
export function parseRequestLine(line: string): RequestRecord[] {
  const out: RequestRecord[] = [];
  fromText(line, 0, out);
  return out;
}
