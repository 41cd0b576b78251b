import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { GET as unknownGet, POST as unknownPost } from '@/app/api/[...path]/route';
import { GET as getMe, PATCH as patchMe, PUT as putMe } from '@/app/api/me/route';
import { POST as applyPreset } from '@/app/api/vibe/presets/[id]/apply/route';
import { DELETE as deleteHealth, GET as health } from '@/app/api/health/route';
import { closePool } from '@/lib/db/client';
import { resetServerEnvForTests } from '@/lib/env';
import { resetRateLimitsForTests } from '@/lib/rate-limit/limiter';
import { createSupabaseServerClient } from '@/lib/auth/supabase';
import { ownerSql } from '@/tests/support/database';
import { callRoute } from '@/tests/support/routes';
import { bearer, createUser, type TestUser } from '@/tests/support/users';

/** Answers at the edges of the API: methods, unknown paths, a database that is gone, cross-site writes. */

const sql = ownerSql();
const envelope = { error: { code: expect.any(String), message: expect.any(String) }, requestId: expect.any(String) };

afterEach(() => resetRateLimitsForTests());

describe('every answer in the envelope', () => {
  it('a method the route does not have → 405 with Allow', async () => {
    const res = await callRoute(putMe, '/api/me', { method: 'PUT', body: {} });
    expect(res.status).toBe(405);
    expect(res.json).toEqual({ ...envelope, error: { code: 'method_not_allowed', message: 'This path accepts GET and PATCH and DELETE only.' } });
    expect(res.headers.get('allow')).toBe('GET, PATCH, DELETE, HEAD, OPTIONS');
    const del = await callRoute(deleteHealth, '/api/health', { method: 'DELETE' });
    expect(del.status).toBe(405);
    expect(del.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
  });

  it('an unknown /api path → 404 not_found, for any method', async () => {
    for (const [handler, method] of [[unknownGet, 'GET'], [unknownPost, 'POST']] as const) {
      const res = await callRoute(handler, '/api/no/such/thing', { method, params: { path: 'no/such/thing' } });
      expect(res.status).toBe(404);
      expect(res.json).toEqual({ ...envelope, error: { code: 'not_found', message: expect.stringContaining('no API endpoint') } });
    }
  });

  it('a database that cannot be reached → 503 service_unavailable with Retry-After, not a 500', async () => {
    const user = await createUser('db-down');
    // A port nothing listens on: the connection is refused at once.
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as net.AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const realUrl = process.env.DATABASE_URL;
    await closePool();
    process.env.DATABASE_URL = `postgres://postgres:secret-password@127.0.0.1:${port}/postgres`;
    resetServerEnvForTests();
    try {
      const res = await callRoute(getMe, '/api/me', { headers: bearer(user) });
      expect(res.status).toBe(503);
      expect(res.json).toEqual({ ...envelope, error: { code: 'service_unavailable', message: expect.any(String) } });
      expect(res.headers.get('retry-after')).toBe('5');
      expect(res.text).not.toContain('secret-password');
    } finally {
      await closePool();
      process.env.DATABASE_URL = realUrl;
      resetServerEnvForTests();
    }
    expect((await callRoute(health, '/api/health')).status).toBe(200);
  });
});

describe('cross-site requests with the session cookie', () => {
  async function cookieOf(user: TestUser): Promise<string> {
    const jar = new Map<string, string>();
    const ssr = createSupabaseServerClient({
      getAll: () => [...jar].map(([name, value]) => ({ name, value })),
      setAll: (cookies) => cookies.forEach(({ name, value }) => jar.set(name, value)),
    });
    const { error } = await ssr.auth.signInWithPassword({ email: user.email, password: user.password });
    expect(error).toBeNull();
    return [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  async function presetOf(user: TestUser): Promise<string> {
    const [row] = await sql<{ id: string }[]>`
      insert into public.vibe_configs (user_id, kind, name, playfulness) values (${user.id}, 'preset', 'Loud', 99) returning id`;
    return row!.id;
  }

  const playfulness = async (user: TestUser) =>
    (await sql`select playfulness from public.vibe_configs where user_id = ${user.id} and kind = 'current'`)[0]!.playfulness;

  it('a cross-site text/plain POST to apply a preset is refused with 403, and nothing changes', async () => {
    const user = await createUser('csrf');
    const cookie = await cookieOf(user);
    const id = await presetOf(user);
    const attempts: Record<string, string>[] = [
      { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' },
      { 'sec-fetch-site': 'same-site', origin: 'https://evil.localhost:3000' },
      { origin: 'https://evil.example' },
      { origin: 'null' },
    ];
    for (const headers of attempts) {
      const res = await callRoute(applyPreset, `/api/vibe/presets/${id}/apply`, {
        method: 'POST',
        params: { id },
        body: 'x',
        headers: { cookie, 'content-type': 'text/plain', ...headers },
      });
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(res.json).toEqual({ ...envelope, error: { code: 'forbidden', message: expect.stringContaining('Cross-site') } });
    }
    expect(await playfulness(user)).toBe(50);
  });

  it('the same request from this site, or with a bearer token from anywhere, goes through', async () => {
    const user = await createUser('csrf-ok');
    const cookie = await cookieOf(user);
    const id = await presetOf(user);
    const sameOrigin = await callRoute(applyPreset, `/api/vibe/presets/${id}/apply`, {
      method: 'POST',
      params: { id },
      headers: { cookie, 'sec-fetch-site': 'same-origin', origin: 'http://localhost:3000' },
    });
    expect(sameOrigin.status).toBe(200);
    expect(await playfulness(user)).toBe(99);
    await sql`update public.vibe_configs set playfulness = 50 where user_id = ${user.id} and kind = 'current'`;
    const bearerCall = await callRoute(applyPreset, `/api/vibe/presets/${id}/apply`, {
      method: 'POST',
      params: { id },
      headers: { ...bearer(user), 'sec-fetch-site': 'cross-site', origin: 'chrome-extension://abc' },
    });
    expect(bearerCall.status).toBe(200);
    // Reads are never refused: a cross-site GET cannot change anything.
    const read = await callRoute(getMe, '/api/me', { headers: { cookie, 'sec-fetch-site': 'cross-site' } });
    expect(read.status).toBe(200);
    const write = await callRoute(patchMe, '/api/me', { method: 'PATCH', body: { displayName: 'Eve' }, headers: { cookie, 'sec-fetch-site': 'cross-site' } });
    expect(write.status).toBe(403);
  });
});
