import { describe, expect, it } from 'vitest';
import { ApiError, ERROR_STATUS, errorBody, type ErrorCode } from '@/lib/api/errors';

// The HTTP status of every code, written out: a code answered with the wrong status is an API change.
const EXPECTED_STATUS: Record<ErrorCode, number> = {
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
};

describe('ApiError', () => {
  it('has exactly the documented codes', () => {
    expect(ERROR_STATUS).toEqual(EXPECTED_STATUS);
  });

  it.each(Object.entries(EXPECTED_STATUS) as [ErrorCode, number][])('%s is answered %i', (code, status) => {
    const error = new ApiError(code, 'message');
    expect(error.status).toBe(status);
    expect(error.code).toBe(code);
  });

  it('is an Error with its own name, the message given, and no extras unless given', () => {
    const error = new ApiError('not_found', 'No such run.');
    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.name).toBe('ApiError');
    expect(error.message).toBe('No such run.');
    expect(String(error)).toBe('ApiError: No such run.');
    expect(error.extra).toBeUndefined();
    expect(error.headers).toBeUndefined();
  });

  it('keeps the extra body fields and headers it is given', () => {
    const extra = { limit: 20, resetAt: '2030-01-01T00:00:00Z' };
    const headers = { 'Retry-After': '30' };
    const error = new ApiError('rate_limited', 'Slow down.', extra, headers);
    expect(error.extra).toEqual(extra);
    expect(error.headers).toEqual(headers);
  });
});

describe('errorBody', () => {
  it('gives the code, message and request id', () => {
    expect(errorBody(new ApiError('forbidden', 'Admins only.'), 'req-1')).toEqual({
      error: { code: 'forbidden', message: 'Admins only.' },
      requestId: 'req-1',
    });
  });

  it('adds the extra fields at the top level', () => {
    const error = new ApiError('limit_exceeded', 'Daily limit reached.', { limit: 10, used: 10 });
    expect(errorBody(error, 'req-2')).toEqual({
      limit: 10,
      used: 10,
      error: { code: 'limit_exceeded', message: 'Daily limit reached.' },
      requestId: 'req-2',
    });
  });

  it('never lets an extra field replace the error or the request id', () => {
    const error = new ApiError('conflict', 'Taken.', { error: 'spoofed', requestId: 'spoofed', other: 1 });
    expect(errorBody(error, 'req-3')).toEqual({ other: 1, error: { code: 'conflict', message: 'Taken.' }, requestId: 'req-3' });
  });
});
