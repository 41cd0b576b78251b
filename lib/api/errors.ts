/**
 * One error type for the whole API, with a closed set of codes, each with one HTTP status.
 * Anything else that is thrown becomes a generic 500 whose details stay in the logs.
 */

export const ERROR_STATUS = {
  bad_request: 400,
  invalid_json: 400,
  validation_failed: 400,
  unauthorized: 401,
  forbidden: 403,
  premium_required: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  gone: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  limit_exceeded: 429,
  rate_limited: 429,
  internal_error: 500,
  service_unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  /** Extra top-level fields for the response body, e.g. limit details on a 429. */
  readonly extra: Record<string, unknown> | undefined;
  /** Response headers that belong with this error, e.g. Retry-After on a 429 or Allow on a 405. */
  readonly headers: Record<string, string> | undefined;

  constructor(code: ErrorCode, message: string, extra?: Record<string, unknown>, headers?: Record<string, string>) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = ERROR_STATUS[code];
    this.extra = extra;
    this.headers = headers;
  }
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string };
  requestId: string;
  [extra: string]: unknown;
}

export function errorBody(error: ApiError, requestId: string): ErrorBody {
  return { ...error.extra, error: { code: error.code, message: error.message }, requestId };
}
