import { describe, expect, it } from 'vitest';
import { GET as getVibe, PUT as putVibe } from '@/app/api/vibe/route';
import { withUserTransaction } from '@/lib/db/user-transaction';
import { ownerSql } from '@/tests/support/database';
import { callRoute } from '@/tests/support/routes';
import { bearer, createUser, type TestUser } from '@/tests/support/users';

/** Issue 7's database findings (grants, vibes, membership), tried as a user's SQL session. */

const sql = ownerSql();
const asUser = <T>(user: TestUser, fn: Parameters<typeof withUserTransaction<T>>[1]) =>
  withUserTransaction({ sub: user.id, role: 'authenticated' }, fn);

describe('table privileges', () => {
  it.each(['agent_runs', 'usage_metrics', 'user_profiles', 'vibe_configs', 'prompt_atoms', 'organization_members'])(
    'a user cannot TRUNCATE %s (TRUNCATE ignores RLS)',
    async (table) => {
      const user = await createUser('truncate');
      await expect(asUser(user, (tx) => tx.unsafe(`truncate public.${table} cascade`))).rejects.toMatchObject({ code: '42501' });
      expect(await sql.unsafe(`select 1 from public.${table} limit 1`)).toBeDefined();
    },
  );

  it('a user cannot create a trigger or a foreign key on a public table', async () => {
    const user = await createUser('trigger');
    await expect(
      asUser(user, (tx) => tx.unsafe('create trigger t before insert on public.agent_runs for each row execute function private.set_updated_at()')),
    ).rejects.toMatchObject({ code: '42501' });
  });

  it('the anon role holds nothing in public but SELECT on the plans’ limits (public pricing information)', async () => {
    const grants = await sql`
      select table_name, privilege_type from information_schema.role_table_grants where table_schema = 'public' and grantee = 'anon'`;
    expect([...grants]).toEqual([{ table_name: 'plan_limits', privilege_type: 'SELECT' }]);
  });
});

describe('vibes', () => {
  it('a user cannot turn the current vibe into a preset (kind is not theirs to change)', async () => {
    const user = await createUser('vibe-kind');
    await expect(
      asUser(user, (tx) => tx`update public.vibe_configs set kind = 'preset', name = 'x' where user_id = ${user.id} and kind = 'current'`),
    ).rejects.toMatchObject({ code: '42501' });
    const deleted = await asUser(user, (tx) => tx`delete from public.vibe_configs where user_id = ${user.id} and kind = 'current'`);
    expect(deleted.count).toBe(0);
    expect(await sql`select 1 from public.vibe_configs where user_id = ${user.id} and kind = 'current'`).toHaveLength(1);
  });

  it('an account without a current vibe gets one back from GET and PUT /api/vibe', async () => {
    const user = await createUser('vibe-missing');
    await sql`delete from public.vibe_configs where user_id = ${user.id}`;
    const read = await callRoute(getVibe, '/api/vibe', { headers: bearer(user) });
    expect(read.status).toBe(200);
    expect(read.json).toMatchObject({ playfulness: 50, revenueFocus: 60, investorPerspective: 40 });
    await sql`delete from public.vibe_configs where user_id = ${user.id}`;
    const write = await callRoute(putVibe, '/api/vibe', { method: 'PUT', body: { playfulness: 70 }, headers: bearer(user) });
    expect(write.status).toBe(200);
    expect(write.json.playfulness).toBe(70);
    expect(await sql`select 1 from public.vibe_configs where user_id = ${user.id} and kind = 'current'`).toHaveLength(1);
  });
});

describe('organization membership', () => {
  it('an owner cannot add anyone as a member, and a member row cannot be moved to another user', async () => {
    const owner = await createUser('org-owner');
    const victim = await createUser('org-victim');
    const [org] = await asUser(owner, (tx) => tx<{ id: string }[]>`
      insert into public.organizations (name, slug, owner_id) values ('Acme', ${`acme-${Date.now()}`}, ${owner.id}) returning id`);
    await expect(
      asUser(owner, (tx) => tx`insert into public.organization_members (org_id, user_id, role) values (${org!.id}, ${victim.id}, 'admin')`),
    ).rejects.toMatchObject({ code: '42501' });
    await expect(
      asUser(owner, (tx) => tx`update public.organization_members set user_id = ${victim.id} where org_id = ${org!.id}`),
    ).rejects.toMatchObject({ code: '42501' });
    const members = await sql`select user_id, role from public.organization_members where org_id = ${org!.id}`;
    expect(members).toEqual([{ user_id: owner.id, role: 'owner' }]);
  });
});
