import { describe, expect, it } from 'vitest';
import { GET as getStats } from '@/app/api/admin/stats/route';
import { GET as getMe, PATCH as patchMe } from '@/app/api/me/route';
import { bearer, createUser } from '@/tests/support/users';
import { callRoute } from '@/tests/support/routes';
import { ownerSql } from '@/tests/support/database';

const sql = ownerSql();

async function displayNameOf(userId: string) {
  const [row] = await sql`select display_name, timezone from public.user_profiles where user_id = ${userId}`;
  return row;
}

describe('request validation and the error envelope', () => {
  const cases: { name: string; body: string; headers?: Record<string, string>; status: number; code: string; message?: RegExp }[] = [
    { name: 'malformed JSON', body: '{"displayName": ', status: 400, code: 'invalid_json' },
    { name: 'an unknown field', body: JSON.stringify({ displayName: 'Ada', isAdmin: true }), status: 400, code: 'validation_failed', message: /unknown field: isAdmin/ },
    { name: 'a bad time zone', body: JSON.stringify({ timezone: 'Mars/Olympus' }), status: 400, code: 'validation_failed', message: /^timezone: / },
    { name: 'a name too long', body: JSON.stringify({ displayName: 'x'.repeat(101) }), status: 400, code: 'validation_failed', message: /^displayName: / },
    { name: 'an empty change', body: '{}', status: 400, code: 'validation_failed', message: /at least one field/ },
    { name: 'a JSON array', body: '[]', status: 400, code: 'validation_failed' },
    { name: 'an oversized body', body: JSON.stringify({ displayName: 'x'.repeat(10_000) }), status: 413, code: 'payload_too_large' },
    { name: 'a form body', body: 'displayName=Ada', headers: { 'content-type': 'application/x-www-form-urlencoded' }, status: 415, code: 'unsupported_media_type' },
  ];

  it.each(cases)('$name → $status $code, nothing written', async ({ body, headers, status, code, message }) => {
    const user = await createUser('envelope');
    const before = await displayNameOf(user.id);
    const res = await callRoute(patchMe, '/api/me', { method: 'PATCH', body, headers: { 'content-type': 'application/json', ...headers, ...bearer(user) } });
    expect(res.status).toBe(status);
    expect(res.json).toEqual({ error: { code, message: expect.any(String) }, requestId: expect.any(String) });
    if (message) expect(res.json.error.message).toMatch(message);
    expect(await displayNameOf(user.id)).toEqual(before);
  });

  it('rejects an oversized body even when Content-Length understates it', async () => {
    const user = await createUser('length');
    const body = JSON.stringify({ displayName: 'x'.repeat(10_000) });
    const res = await callRoute(patchMe, '/api/me', { method: 'PATCH', body, headers: { ...bearer(user), 'content-length': '20' } });
    expect(res.status).toBe(413);
  });

  it('applies a valid change and returns only the documented fields', async () => {
    const user = await createUser('valid');
    const res = await callRoute(patchMe, '/api/me', { method: 'PATCH', body: { displayName: '  Grace  ', timezone: 'Europe/Paris' }, headers: bearer(user) });
    expect(res.status).toBe(200);
    expect(res.json.profile).toMatchObject({ displayName: 'Grace', timezone: 'Europe/Paris', subscriptionTier: 'free' });
    expect(Object.keys(res.json).sort()).toEqual(['profile', 'user']);
    expect(await displayNameOf(user.id)).toEqual({ display_name: 'Grace', timezone: 'Europe/Paris' });
  });

  it('echoes a caller request id and generates one otherwise', async () => {
    const user = await createUser('reqid');
    const echoed = await callRoute(getMe, '/api/me', { headers: { ...bearer(user), 'x-request-id': 'client-abc-123' } });
    expect(echoed.headers.get('x-request-id')).toBe('client-abc-123');
    const generated = await callRoute(getMe, '/api/me', { headers: { ...bearer(user), 'x-request-id': 'bad id with spaces' } });
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const failed = await callRoute(getMe, '/api/me', { headers: { 'x-request-id': 'client-err-1' } });
    expect(failed.json.requestId).toBe('client-err-1');
  });
});

describe('admin boundary', () => {
  it('answers non-admins 404 (the admin API does not exist for them) and serves admins', async () => {
    const member = await createUser('member');
    const denied = await callRoute(getStats, '/api/admin/stats', { headers: bearer(member) });
    expect(denied.status).toBe(404);
    expect(denied.json.error.code).toBe('not_found');

    // Admin is user-editable nowhere: user_metadata claiming admin changes nothing.
    await sql`update auth.users set raw_user_meta_data = '{"role":"admin"}' where id = ${member.id}`;
    expect((await callRoute(getStats, '/api/admin/stats', { headers: bearer(member) })).status).toBe(404);

    const admin = await createUser('admin');
    await sql`update auth.users set raw_app_meta_data = raw_app_meta_data || '{"role":"admin"}' where id = ${admin.id}`;
    const allowed = await callRoute(getStats, '/api/admin/stats', { headers: bearer(admin) });
    expect(allowed.status).toBe(200);
    const [counted] = await sql<{ count: number }[]>`select count(*)::int as count from public.user_profiles`;
    expect(allowed.json.users).toBe(counted!.count);
    expect(allowed.json.activeAtoms).toBeGreaterThan(0);

    // Revoking takes effect immediately, without waiting for the token to expire.
    await sql`update auth.users set raw_app_meta_data = raw_app_meta_data - 'role' where id = ${admin.id}`;
    expect((await callRoute(getStats, '/api/admin/stats', { headers: bearer(admin) })).status).toBe(404);
  });
});
