import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { gunzipSync } from 'node:zlib';
import * as Sentry from '@sentry/nextjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withUser } from '@/lib/api/handler';
import { resetServerEnvForTests } from '@/lib/env';
import { initSentry } from '@/lib/observability/sentry';
import { bearer, createUser } from '@/tests/support/users';
import { callRoute } from '@/tests/support/routes';
import { ownerSql } from '@/tests/support/database';

ownerSql();

/** A minimal Sentry ingest endpoint on loopback that keeps every envelope it receives. */
const envelopes: string[] = [];
const ingest = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    envelopes.push((req.headers['content-encoding'] === 'gzip' ? gunzipSync(body) : body).toString('utf8'));
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
});

beforeAll(async () => {
  await new Promise<void>((resolve) => ingest.listen(0, '127.0.0.1', resolve));
  const { port } = ingest.address() as { port: number };
  process.env.SENTRY_DSN = `http://publickey@127.0.0.1:${port}/42`;
  resetServerEnvForTests();
  expect(initSentry()).toBe(true);
});

afterAll(async () => {
  await Sentry.close(2000);
  ingest.close();
  delete process.env.SENTRY_DSN;
  resetServerEnvForTests();
});

describe('Sentry', () => {
  it('receives an unhandled route error with its request id and without secrets', async () => {
    const user = await createUser('sentry');
    // Generated, so the values cannot appear in the source lines Sentry attaches to frames.
    const secretKey = `sk_live_${randomUUID().replaceAll('-', '')}`;
    const cookieSecret = randomUUID();
    const querySecret = randomUUID();
    const route = withUser(async () => {
      throw new Error(`upstream rejected key ${secretKey}`);
    });
    const res = await callRoute(route, `/api/explode?token=${querySecret}`, {
      headers: { ...bearer(user), cookie: `sb-localhost-auth-token=${cookieSecret}`, 'x-request-id': 'sentry-req-1' },
    });
    expect(res.status).toBe(500);
    expect(res.json).toEqual({ error: { code: 'internal_error', message: expect.any(String) }, requestId: 'sentry-req-1' });
    expect(res.text).not.toContain(secretKey);

    await Sentry.flush(5000);
    const eventEnvelope = envelopes.find((envelope) => envelope.includes('"type":"event"'));
    expect(eventEnvelope, 'an event envelope reached the ingest server').toBeDefined();
    const event = JSON.parse(eventEnvelope!.split('\n')[2]!);
    expect(event.tags.request_id).toBe('sentry-req-1');
    expect(event.exception.values[0].value).toContain('upstream rejected key');
    for (const secret of [secretKey, user.accessToken, cookieSecret, querySecret]) {
      expect(eventEnvelope).not.toContain(secret);
    }
  });
});
