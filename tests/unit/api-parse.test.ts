import { NextRequest } from 'next/server';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ApiError } from '@/lib/api/errors';
import { DEFAULT_MAX_BODY_BYTES, parseBody, parseParams, parseQuery, readBodyBytes } from '@/lib/api/parse';

const URL_BASE = 'http://localhost:3000/api/test';

function jsonRequest(body: string, headers: Record<string, string> = {}): NextRequest {
  return new NextRequest(URL_BASE, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
}

/**
 * A request whose body arrives in the chunks given (an Error breaks the stream off there), with no
 * Content-Length, and a record of what was read and whether reading was cancelled.
 */
function streamedRequest(chunks: (Uint8Array | Error)[], headers: Record<string, string> = {}) {
  const state = { pulled: 0, cancelled: false };
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = chunks[state.pulled++];
      if (chunk instanceof Error) controller.error(chunk);
      else if (chunk) controller.enqueue(chunk);
      else controller.close();
    },
    cancel() {
      state.cancelled = true;
    },
    // Nothing is pulled until the reader asks, so `pulled` counts what was actually read.
  }, { highWaterMark: 0 });
  const req = new Request(URL_BASE, { method: 'POST', headers, body, duplex: 'half' } as RequestInit);
  return { req, state };
}

class TooLarge extends Error {}
const tooLarge = () => new TooLarge('too large');

/** The ApiError a promise or call fails with, so its code, status and message can all be checked. */
async function apiErrorOf(run: () => unknown): Promise<ApiError> {
  try {
    await run();
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    return error as ApiError;
  }
  throw new Error('expected an ApiError, but nothing was thrown');
}

describe('readBodyBytes', () => {
  it('reads a body delivered in several chunks, up to and including the limit', async () => {
    const { req, state } = streamedRequest([Buffer.from('abc'), Buffer.from('de'), Buffer.from('f')]);
    const body = await readBodyBytes(req, 6, tooLarge);
    expect(body.toString('utf8')).toBe('abcdef');
    expect(state.cancelled).toBe(false);
  });

  it('refuses a stream that goes past the limit, and stops reading it', async () => {
    const chunks = [Buffer.from('abc'), Buffer.from('def'), Buffer.from('g'), Buffer.from('never read')];
    const { req, state } = streamedRequest(chunks);
    await expect(readBodyBytes(req, 6, tooLarge)).rejects.toBeInstanceOf(TooLarge);
    expect(state.cancelled).toBe(true);
    // The chunk after the one that crossed the limit is never pulled.
    expect(state.pulled).toBeLessThan(chunks.length);
  });

  it('refuses a declared Content-Length over the limit before reading anything', async () => {
    const { req, state } = streamedRequest([Buffer.from('ab')], { 'content-length': '7' });
    await expect(readBodyBytes(req, 6, tooLarge)).rejects.toBeInstanceOf(TooLarge);
    expect(state.pulled).toBe(0);
  });

  it('does not trust a declared Content-Length at or under the limit', async () => {
    // The header says 6 (allowed), the stream carries 7: the count while reading decides.
    const { req } = streamedRequest([Buffer.from('abcdefg')], { 'content-length': '6' });
    await expect(readBodyBytes(req, 6, tooLarge)).rejects.toBeInstanceOf(TooLarge);
    const exact = streamedRequest([Buffer.from('abcdef')], { 'content-length': '6' });
    expect((await readBodyBytes(exact.req, 6, tooLarge)).toString()).toBe('abcdef');
  });

  it('ignores a Content-Length that is not a finite number', async () => {
    for (const value of ['Infinity', 'nonsense']) {
      const { req } = streamedRequest([Buffer.from('ok')], { 'content-length': value });
      expect((await readBodyBytes(req, 6, tooLarge)).toString()).toBe('ok');
    }
  });

  it('answers a body that breaks off with 400, not 500', async () => {
    const { req } = streamedRequest([Buffer.from('{"title":'), new Error('aborted')]);
    const error = await apiErrorOf(() => readBodyBytes(req, 100, tooLarge));
    expect(error.code).toBe('bad_request');
    expect(error.status).toBe(400);
    expect(error.message).toBe('The request body could not be read completely. Send it again.');
  });

  it('gives an empty buffer for a request without a body', async () => {
    const body = await readBodyBytes(new Request(URL_BASE, { method: 'POST' }), 6, tooLarge);
    expect(body).toBeInstanceOf(Buffer);
    expect(body.length).toBe(0);
  });
});

describe('parseBody', () => {
  const schema = z.strictObject({ title: z.string(), count: z.number().int().min(1).optional() });

  it('returns the parsed, schema-checked body', async () => {
    expect(await parseBody(jsonRequest('{"title":"hello","count":2}'), schema)).toEqual({ title: 'hello', count: 2 });
    // The schema's output is returned, transforms included.
    const trimmed = z.object({ name: z.string().trim() });
    expect(await parseBody(jsonRequest('{"name":"  ada  "}'), trimmed)).toEqual({ name: 'ada' });
  });

  it.each(['application/json', 'application/json; charset=utf-8', 'Application/JSON', 'application/json;charset=UTF-8'])(
    'accepts Content-Type %s',
    async (contentType) => {
      expect(await parseBody(jsonRequest('{"title":"x"}', { 'content-type': contentType }), schema)).toEqual({ title: 'x' });
    },
  );

  it.each(['text/plain', 'application/jsonp', 'application/x-www-form-urlencoded', 'xapplication/json', 'text/application/json', ''])(
    'refuses Content-Type %j with 415',
    async (contentType) => {
      const error = await apiErrorOf(() => parseBody(jsonRequest('{"title":"x"}', { 'content-type': contentType }), schema));
      expect(error.code).toBe('unsupported_media_type');
      expect(error.status).toBe(415);
      expect(error.message).toBe('Send the body as JSON with Content-Type: application/json.');
    },
  );

  it('refuses a request without a Content-Type with 415', async () => {
    const req = new NextRequest(URL_BASE, { method: 'POST', body: '{"title":"x"}' });
    req.headers.delete('content-type');
    expect((await apiErrorOf(() => parseBody(req, schema))).code).toBe('unsupported_media_type');
  });

  it(`allows ${DEFAULT_MAX_BODY_BYTES} bytes by default and refuses one more with 413`, async () => {
    expect(DEFAULT_MAX_BODY_BYTES).toBe(65_536);
    const padding = (total: number) => JSON.stringify({ title: 'x'.repeat(total - '{"title":""}'.length) });
    expect(padding(65_536)).toHaveLength(65_536);
    expect(await parseBody(jsonRequest(padding(65_536)), schema)).toEqual({ title: 'x'.repeat(65_536 - 12) });
    const error = await apiErrorOf(() => parseBody(jsonRequest(padding(65_537)), schema));
    expect(error.code).toBe('payload_too_large');
    expect(error.status).toBe(413);
    expect(error.message).toBe('The request body must be at most 65536 bytes.');
  });

  it('takes another byte limit, counting bytes rather than characters', async () => {
    const body = '{"title":"é"}'; // 13 characters, 14 bytes
    expect(await parseBody(jsonRequest(body), schema, { maxBytes: 14 })).toEqual({ title: 'é' });
    const error = await apiErrorOf(() => parseBody(jsonRequest(body), schema, { maxBytes: 13 }));
    expect(error.code).toBe('payload_too_large');
    expect(error.message).toBe('The request body must be at most 13 bytes.');
  });

  it.each(['', '{', '{"title":}', 'undefined', "{'title':'x'}"])('refuses %j as invalid JSON with 400', async (body) => {
    const error = await apiErrorOf(() => parseBody(jsonRequest(body), schema));
    expect(error.code).toBe('invalid_json');
    expect(error.status).toBe(400);
    expect(error.message).toBe('The request body is not valid JSON.');
  });

  it('refuses a body nested deeper than the text rule allows', async () => {
    const deep = `${'{"a":'.repeat(33)}1${'}'.repeat(33)}`;
    const error = await apiErrorOf(() => parseBody(jsonRequest(deep), z.unknown()));
    expect(error.code).toBe('validation_failed');
    expect(error.message).toBe(`${Array(32).fill('a').join('.')}: nested more than 32 levels deep`);
  });

  it('applies the text rule before the schema, naming the field', async () => {
    const nul = await apiErrorOf(() => parseBody(jsonRequest('{"title":"a\\u0000b"}'), schema));
    expect(nul.code).toBe('validation_failed');
    expect(nul.message).toBe('title: must not contain NUL (\\u0000) characters');
    // A lone surrogate in an unknown field is reported as such, not as an unknown field.
    const surrogate = await apiErrorOf(() => parseBody(jsonRequest('{"title":"ok","extra":"\\ud800"}'), schema));
    expect(surrogate.message).toBe('extra: must be valid Unicode text (it contains an unpaired surrogate)');
  });

  it.each([
    ['a wrong type', '{"title":1}', 'title: Invalid input: expected string, received number'],
    ['a failed check', '{"title":"x","count":0}', 'count: Too small: expected number to be >=1'],
    ['a body of the wrong shape', '5', 'body: Invalid input: expected object, received number'],
    ['one unknown field', '{"title":"x","admin":true}', 'unknown field: admin'],
    ['several unknown fields', '{"title":"x","admin":true,"role":"owner"}', 'unknown fields: admin, role'],
    [
      'several problems at once',
      '{"title":1,"count":0,"admin":true}',
      'title: Invalid input: expected string, received number; count: Too small: expected number to be >=1; unknown field: admin',
    ],
  ])('describes %s', async (_name, body, message) => {
    const error = await apiErrorOf(() => parseBody(jsonRequest(body), schema));
    expect(error.code).toBe('validation_failed');
    expect(error.status).toBe(400);
    expect(error.message).toBe(message);
  });

  it('names nested fields and unknown nested fields by their path', async () => {
    const nested = z.strictObject({ profile: z.strictObject({ name: z.string() }), tags: z.array(z.string()) });
    const error = await apiErrorOf(() => parseBody(jsonRequest('{"profile":{"name":"a","age":3,"x":1},"tags":["a",2]}'), nested));
    expect(error.message).toBe('unknown fields: profile.age, profile.x; tags.1: Invalid input: expected string, received number');
    const deep = z.strictObject({ a: z.strictObject({ b: z.strictObject({ c: z.number() }) }) });
    expect((await apiErrorOf(() => parseBody(jsonRequest('{"a":{"b":{"c":1,"d":2}}}'), deep))).message).toBe('unknown field: a.b.d');
  });

  it('describes at most five problems', async () => {
    const many = z.object({ a: z.string(), b: z.string(), c: z.string(), d: z.string(), e: z.string(), f: z.string(), g: z.string() });
    const error = await apiErrorOf(() => parseBody(jsonRequest('{}'), many));
    expect(error.message.split('; ').map((part) => part.split(':')[0])).toEqual(['a', 'b', 'c', 'd', 'e']);
  });
});

describe('parseQuery', () => {
  const schema = z.strictObject({ limit: z.coerce.number().int().max(100).optional(), q: z.string().optional() });
  const request = (query: string) => new NextRequest(`${URL_BASE}${query}`);

  it('returns the schema-checked query', () => {
    expect(parseQuery(request('?limit=10&q=hello'), schema)).toEqual({ limit: 10, q: 'hello' });
    expect(parseQuery(request(''), schema)).toEqual({});
  });

  it('refuses a parameter that breaks the text rule', () => {
    const error = (() => {
      try {
        parseQuery(request('?q=a%00b'), schema);
      } catch (caught) {
        return caught as ApiError;
      }
      throw new Error('expected an ApiError');
    })();
    expect(error).toBeInstanceOf(ApiError);
    expect(error.code).toBe('validation_failed');
    expect(error.message).toBe('q: must not contain NUL (\\u0000) characters');
  });

  it('describes schema failures, unknown parameters included', () => {
    expect(() => parseQuery(request('?limit=500'), schema)).toThrow(
      expect.objectContaining({ code: 'validation_failed', status: 400, message: 'limit: Too big: expected number to be <=100' }),
    );
    expect(() => parseQuery(request('?debug=1'), schema)).toThrow(expect.objectContaining({ code: 'validation_failed', message: 'unknown field: debug' }));
  });
});

describe('parseParams', () => {
  const schema = z.object({ id: z.uuid() });

  it('returns valid route parameters', () => {
    const id = '00000000-0000-4000-8000-000000000000';
    expect(parseParams({ id }, schema)).toEqual({ id });
  });

  it('answers a malformed id with 404, like an unknown one', () => {
    for (const params of [{ id: 'not-a-uuid' }, {}, null]) {
      expect(() => parseParams(params, schema)).toThrow(expect.objectContaining({ code: 'not_found', status: 404, message: 'Not found.' }));
    }
  });
});
