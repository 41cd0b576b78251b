import type { NextRequest } from 'next/server';
import { z } from 'zod';
import { ApiError } from '@/lib/api/errors';
import { findTextProblem, textProblemMessage } from '@/lib/api/text-rule';

/** Request parsing: every failure is a 4xx a person can act on, never a 500. */

export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => {
      if (issue.code === 'unrecognized_keys') {
        const prefix = issue.path.length > 0 ? `${issue.path.join('.')}.` : '';
        return `unknown field${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.map((key) => `${prefix}${key}`).join(', ')}`;
      }
      const field = issue.path.length > 0 ? issue.path.join('.') : 'body';
      return `${field}: ${issue.message}`;
    })
    .join('; ');
}

/**
 * The request body, refused with `tooLarge()` beyond maxBytes. Counted while streaming, so a
 * missing or false Content-Length cannot get a larger body through.
 */
export async function readBodyBytes(req: Request, maxBytes: number, tooLarge: () => Error): Promise<Buffer> {
  const declared = Number(req.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge();
  if (!req.body) return Buffer.alloc(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch {
      // The client went away or the upload broke off: its fault, not ours, and nothing was read.
      throw new ApiError('bad_request', 'The request body could not be read completely. Send it again.');
    }
    const { done, value } = chunk;
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      // Not awaited: on a tee'd body (a cloned request) a branch's cancel settles only when the
      // other branch is cancelled too, so waiting here would hang the request.
      reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

async function readBodyText(req: NextRequest, maxBytes: number): Promise<string> {
  const body = await readBodyBytes(req, maxBytes, () => new ApiError('payload_too_large', `The request body must be at most ${maxBytes} bytes.`));
  return body.toString('utf8');
}

/** A JSON body checked against a strict schema: unknown fields are rejected, not ignored. */
export async function parseBody<S extends z.ZodType>(
  req: NextRequest,
  schema: S,
  options: { maxBytes?: number } = {},
): Promise<z.output<S>> {
  // Equivalent mutant: Stryker's fallback "Stryker was here!" instead of '' changes nothing, because
  // it fails the application/json test too: a missing Content-Type is refused either way.
  const contentType = req.headers.get('content-type') ?? '';
  if (!/^application\/json\b/i.test(contentType)) {
    throw new ApiError('unsupported_media_type', 'Send the body as JSON with Content-Type: application/json.');
  }
  const text = await readBodyText(req, options.maxBytes ?? DEFAULT_MAX_BODY_BYTES);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new ApiError('invalid_json', 'The request body is not valid JSON.');
  }
  const problem = findTextProblem(data);
  if (problem) throw new ApiError('validation_failed', textProblemMessage(problem));
  const result = schema.safeParse(data);
  if (!result.success) throw new ApiError('validation_failed', describeIssues(result.error));
  return result.data;
}

export function parseQuery<S extends z.ZodType>(req: NextRequest, schema: S): z.output<S> {
  const query = Object.fromEntries(req.nextUrl.searchParams);
  const problem = findTextProblem(query);
  if (problem) throw new ApiError('validation_failed', textProblemMessage(problem));
  const result = schema.safeParse(query);
  if (!result.success) throw new ApiError('validation_failed', describeIssues(result.error));
  return result.data;
}

export function parseParams<S extends z.ZodType>(params: unknown, schema: S): z.output<S> {
  const result = schema.safeParse(params);
  // A malformed id names nothing that exists, so it is a 404 like any other unknown id.
  if (!result.success) throw new ApiError('not_found', 'Not found.');
  return result.data;
}
