import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GET as unknownPath } from '@/app/api/[...path]/route';
import { GET as getAnalytics } from '@/app/api/admin/analytics/route';
import { GET as getAtomStats } from '@/app/api/admin/atom-stats/route';
import { DELETE as deactivateAtom, PATCH as patchAtom } from '@/app/api/admin/atoms/[id]/route';
import { POST as createVersion } from '@/app/api/admin/atoms/[id]/versions/route';
import { GET as listAtoms, POST as createAtom } from '@/app/api/admin/atoms/route';
import { GET as getAuditLog } from '@/app/api/admin/audit-log/route';
import { POST as retryAsAdmin } from '@/app/api/admin/events/[id]/retry/route';
import { GET as getHealth } from '@/app/api/admin/health/route';
import { GET as getStats } from '@/app/api/admin/stats/route';
import { POST as setAdminRoute } from '@/app/api/admin/users/[id]/admin/route';
import { GET as getUsers } from '@/app/api/admin/users/route';
import { setAdmin } from '@/lib/admin/set-admin';
import { ApiError } from '@/lib/api/errors';
import type { Sql } from '@/lib/db/client';
import { resetRateLimitsForTests } from '@/lib/rate-limit/limiter';
import { ownerSql } from '@/tests/support/database';
import { callRoute } from '@/tests/support/routes';
import { bearer, createUser, type TestUser } from '@/tests/support/users';

/** Who reaches the admin API (administrators only; everyone else a 404), granting and revoking admin with its audit, and the admin Retry. */

const sql = ownerSql();
const NOT_FOUND_MESSAGE = 'There is no API endpoint at this path. See the API table in the README.';
const envelope = (code: string) => ({ error: { code, message: expect.any(String) }, requestId: expect.any(String) });

let admin: TestUser;
let member: TestUser;

beforeAll(async () => {
  admin = await createUser('access-admin');
  member = await createUser('access-member');
  await sql`update auth.users set raw_app_meta_data = raw_app_meta_data || '{"role":"admin"}' where id = ${admin.id}`;
});
beforeEach(() => resetRateLimitsForTests());

const isAdminInDb = async (user: TestUser) =>
  (await sql<{ admin: boolean }[]>`select coalesce(raw_app_meta_data ->> 'role' = 'admin', false) as admin from auth.users where id = ${user.id}`)[0]!.admin;
const auditOf = (target: TestUser) =>
  sql<{ actor: string; actor_id: string | null; actor_email: string | null; action: string; target_email: string }[]>`
    select actor, actor_id, actor_email, action, target_email from public.admin_audit_log where target_id = ${target.id} order by created_at, id`;
const setAs = (caller: TestUser, target: { id: string }, body: unknown) =>
  callRoute(setAdminRoute, `/api/admin/users/${target.id}/admin`, { method: 'POST', headers: bearer(caller), params: { id: target.id }, body: body as object });

function runScript(args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile('npx', ['tsx', 'scripts/admin-grant.ts', ...args], { cwd: process.cwd(), env: process.env, timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, output: `${stdout}${stderr}` }),
    );
  });
}

describe('the admin API for anyone but an administrator', () => {
  it('answers every admin route as it answers a path that does not exist, and writes nothing', async () => {
    const id = randomUUID();
    const target = await createUser('access-target');
    const unknown = await callRoute(unknownPath, '/api/admin/nothing-here', { headers: bearer(member) });
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.message).toBe(NOT_FOUND_MESSAGE);

    const withId = { headers: bearer(member), params: { id } };
    const calls = [
      () => callRoute(getStats, '/api/admin/stats', { headers: bearer(member) }),
      () => callRoute(getUsers, '/api/admin/users', { headers: bearer(member) }),
      () => callRoute(getAnalytics, '/api/admin/analytics', { headers: bearer(member) }),
      () => callRoute(getAtomStats, '/api/admin/atom-stats', { headers: bearer(member) }),
      () => callRoute(getHealth, '/api/admin/health', { headers: bearer(member) }),
      () => callRoute(getAuditLog, '/api/admin/audit-log', { headers: bearer(member) }),
      () => callRoute(listAtoms, '/api/admin/atoms', { headers: bearer(member) }),
      () => callRoute(createAtom, '/api/admin/atoms', { method: 'POST', headers: bearer(member), body: { name: 'x', category: 'tone', systemPrompt: 'x' } }),
      () => callRoute(patchAtom, `/api/admin/atoms/${id}`, { method: 'PATCH', ...withId, body: { systemPrompt: 'x' } }),
      () => callRoute(deactivateAtom, `/api/admin/atoms/${id}`, { method: 'DELETE', ...withId }),
      () => callRoute(createVersion, `/api/admin/atoms/${id}/versions`, { method: 'POST', ...withId, body: {} }),
      () => callRoute(retryAsAdmin, `/api/admin/events/${id}/retry`, { method: 'POST', ...withId }),
      () => setAs(member, target, { admin: true }),
      () => setAs(member, member, { admin: true }),
    ];
    for (const call of calls) {
      const res = await call();
      expect(res.status).toBe(404);
      expect(res.json).toEqual({ error: { code: 'not_found', message: NOT_FOUND_MESSAGE }, requestId: expect.any(String) });
    }
    expect(await isAdminInDb(target)).toBe(false);
    expect(await isAdminInDb(member)).toBe(false);
    expect(await auditOf(target)).toEqual([]);
  });

  it('treats admin claimed in user-editable metadata as a member', async () => {
    const pretender = await createUser('access-pretender');
    await sql`update auth.users set raw_user_meta_data = '{"role":"admin"}' where id = ${pretender.id}`;
    expect((await callRoute(getUsers, '/api/admin/users', { headers: bearer(pretender) })).status).toBe(404);
    expect((await setAs(pretender, pretender, { admin: true })).status).toBe(404);
    expect(await isAdminInDb(pretender)).toBe(false);
  });

  it('asks a visitor who is not signed in to sign in', async () => {
    const res = await callRoute(getUsers, '/api/admin/users');
    expect(res.status).toBe(401);
    expect(res.json).toEqual(envelope('unauthorized'));
  });
});

describe('granting and revoking admin', () => {
  it('through the route: takes effect at once, is logged with who did it, and a repeat changes and logs nothing', async () => {
    const target = await createUser('access-granted');
    const granted = await setAs(admin, target, { admin: true });
    expect(granted.status).toBe(200);
    expect(granted.json).toEqual({ id: target.id, admin: true, changed: true });
    expect(await isAdminInDb(target)).toBe(true);
    // The new administrator's existing token works at once.
    expect((await callRoute(getUsers, '/api/admin/users', { headers: bearer(target) })).status).toBe(200);

    expect((await setAs(admin, target, { admin: true })).json).toEqual({ id: target.id, admin: true, changed: false });
    const revoked = await setAs(admin, target, { admin: false });
    expect(revoked.json).toEqual({ id: target.id, admin: false, changed: true });
    expect(await isAdminInDb(target)).toBe(false);
    expect((await callRoute(getUsers, '/api/admin/users', { headers: bearer(target) })).status).toBe(404);

    expect(await auditOf(target)).toEqual([
      { actor: 'admin', actor_id: admin.id, actor_email: admin.email, action: 'admin.grant', target_email: target.email },
      { actor: 'admin', actor_id: admin.id, actor_email: admin.email, action: 'admin.revoke', target_email: target.email },
    ]);
    const log = await callRoute(getAuditLog, '/api/admin/audit-log', { headers: bearer(admin) });
    expect(log.status).toBe(200);
    const mine = log.json.entries.filter((entry: { targetId: string }) => entry.targetId === target.id);
    expect(mine.map((entry: { action: string }) => entry.action)).toEqual(['admin.revoke', 'admin.grant']);
    expect(mine[0]).toEqual({
      id: expect.any(String),
      actor: 'admin',
      actorId: admin.id,
      actorEmail: admin.email,
      action: 'admin.revoke',
      targetId: target.id,
      targetEmail: target.email,
      createdAt: expect.any(String),
    });
  });

  it.each([
    { body: {}, status: 400 },
    { body: { admin: 'yes' }, status: 400 },
    { body: { admin: true, role: 'owner' }, status: 400 },
  ])('refuses the body $body with $status and changes nothing', async ({ body, status }) => {
    const target = await createUser('access-bad-body');
    const res = await setAs(admin, target, body);
    expect(res.status).toBe(status);
    expect(res.json).toEqual(envelope('validation_failed'));
    expect(await isAdminInDb(target)).toBe(false);
    expect(await auditOf(target)).toEqual([]);
  });

  it('answers 404 for a user that does not exist or a malformed id', async () => {
    expect((await setAs(admin, { id: randomUUID() }, { admin: true })).json).toEqual(envelope('not_found'));
    expect((await setAs(admin, { id: 'not-a-uuid' }, { admin: true })).status).toBe(404);
  });

  it('through npm run admin:grant: logged with the script as the actor, both ways', async () => {
    const target = await createUser('access-script');
    const granted = await runScript([target.email]);
    expect(granted).toMatchObject({ code: 0, output: expect.stringContaining(`${target.email} is now an administrator.`) });
    expect(await isAdminInDb(target)).toBe(true);
    expect((await runScript([target.email])).output).toContain('already an administrator; nothing changed');
    const revoked = await runScript([target.email, '--revoke']);
    expect(revoked).toMatchObject({ code: 0, output: expect.stringContaining('is now no longer an administrator') });
    expect(await isAdminInDb(target)).toBe(false);
    expect(await auditOf(target)).toEqual([
      { actor: 'script', actor_id: null, actor_email: null, action: 'admin.grant', target_email: target.email },
      { actor: 'script', actor_id: null, actor_email: null, action: 'admin.revoke', target_email: target.email },
    ]);
    const missing = await runScript([`nobody-${randomUUID()}@example.com`]);
    expect(missing.code).toBe(1);
    expect(missing.output).toContain('No user with email');
  }, 120_000);
});

describe('the last administrator', () => {
  /**
   * Other files make administrators in this database at the same time, so "the last one" is made
   * inside one transaction that demotes every other administrator and is rolled back: nobody else
   * ever sees the demotions.
   */
  async function asOnlyAdmin<T>(user: TestUser, fn: (tx: Sql) => Promise<T>): Promise<T> {
    const rollback = new Error('rollback');
    let result: T | undefined;
    await sql
      .begin(async (tx) => {
        await tx`update auth.users set raw_app_meta_data = raw_app_meta_data - 'role' where raw_app_meta_data ->> 'role' = 'admin' and id <> ${user.id}`;
        await tx`select set_config('request.jwt.claims', ${JSON.stringify({ sub: user.id, role: 'authenticated' })}, true)`;
        await tx`set local role authenticated`;
        result = await fn(tx as unknown as Sql);
        throw rollback;
      })
      .catch((error: unknown) => {
        if (error !== rollback) throw error;
      });
    return result as T;
  }

  it('cannot revoke themselves (a 409 conflict with a message to act on), and stays an administrator', async () => {
    const only = await createUser('access-only');
    await sql`update auth.users set raw_app_meta_data = raw_app_meta_data || '{"role":"admin"}' where id = ${only.id}`;
    const outcome = await asOnlyAdmin(only, async (tx) => {
      try {
        await setAdmin(tx, { targetId: only.id, admin: false });
        return 'revoked';
      } catch (error) {
        return error instanceof ApiError ? `${error.status} ${error.code} ${error.message}` : String(error);
      }
    });
    expect(outcome).toMatch(/^409 conflict You are the last administrator/);
    expect(await isAdminInDb(only)).toBe(true);
    await sql`update auth.users set raw_app_meta_data = raw_app_meta_data - 'role' where id = ${only.id}`;
  });

  it('the database function refuses with AD409 and writes no audit row', async () => {
    const only = await createUser('access-only-sql');
    await sql`update auth.users set raw_app_meta_data = raw_app_meta_data || '{"role":"admin"}' where id = ${only.id}`;
    const code = await asOnlyAdmin(only, async (tx) => {
      try {
        await tx`select private.set_admin(${only.id}, false)`;
        return 'none';
      } catch (error) {
        return error instanceof postgres.PostgresError ? error.code : String(error);
      }
    });
    expect(code).toBe('AD409');
    expect(await auditOf(only)).toEqual([]);
    await sql`update auth.users set raw_app_meta_data = raw_app_meta_data - 'role' where id = ${only.id}`;
  });

  it('with another administrator, one may revoke themselves, and then the admin API is gone for them', async () => {
    const leaving = await createUser('access-leaving');
    await sql`update auth.users set raw_app_meta_data = raw_app_meta_data || '{"role":"admin"}' where id = ${leaving.id}`;
    const res = await setAs(leaving, leaving, { admin: false });
    expect(res.json).toEqual({ id: leaving.id, admin: false, changed: true });
    expect((await callRoute(getUsers, '/api/admin/users', { headers: bearer(leaving) })).status).toBe(404);
    expect((await auditOf(leaving)).map((row) => [row.actor_id, row.action])).toEqual([[leaving.id, 'admin.revoke']]);
  });
});

describe('POST /api/admin/events/:id/retry', () => {
  const retry = (user: TestUser, id: string) => callRoute(retryAsAdmin, `/api/admin/events/${id}/retry`, { method: 'POST', headers: bearer(user), params: { id } });

  it("requeues anyone's dead event with a new job; 404 for a live or unknown one", async () => {
    const owner = await createUser('access-event-owner');
    const [event] = await sql<{ id: string; job_id: string | null }[]>`
      insert into public.background_events (user_id, event_type, delivery_id, status, reason, attempts)
      values (${owner.id}, 'push', ${randomUUID()}, 'dead', 'provider_error: down', 4) returning id, job_id`;
    expect((await retry(member, event!.id)).status).toBe(404);
    const res = await retry(admin, event!.id);
    expect(res.status).toBe(202);
    expect(res.json).toEqual({ queued: true });
    const [requeued] = await sql<{ status: string; job_id: string }[]>`select status, job_id from public.background_events where id = ${event!.id}`;
    // Received, or already taken by a drain of another file sharing the database.
    expect(requeued!.status).toMatch(/^(received|processed|skipped|failed)$/);
    expect(requeued!.job_id).not.toBe(event!.job_id);
    expect(await sql`select 1 from pgboss.job where id = ${requeued!.job_id} and name = 'code-repo-events'`).toHaveLength(1);
    // No longer dead: a second Retry finds nothing to retry.
    expect((await retry(admin, event!.id)).json).toEqual(envelope('not_found'));
    expect((await retry(admin, randomUUID())).json).toEqual(envelope('not_found'));
    await sql`delete from pgboss.job where id = ${requeued!.job_id}`;
    await sql`delete from public.background_events where id = ${event!.id}`;
  });
});
