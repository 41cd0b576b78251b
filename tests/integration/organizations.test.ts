import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GET as listOrgs, POST as createOrg } from '@/app/api/organizations/route';
import { PUT as setActive } from '@/app/api/organizations/active/route';
import { DELETE as deleteOrg, GET as getOrg, PATCH as patchOrg } from '@/app/api/organizations/[id]/route';
import { GET as listMembers } from '@/app/api/organizations/[id]/members/route';
import { DELETE as removeMember, PATCH as patchMember } from '@/app/api/organizations/[id]/members/[userId]/route';
import { POST as transfer } from '@/app/api/organizations/[id]/transfer/route';
import { GET as listInvitations, POST as invite } from '@/app/api/organizations/[id]/invitations/route';
import { DELETE as revokeInvitation } from '@/app/api/organizations/[id]/invitations/[invId]/route';
import { POST as resendInvitation } from '@/app/api/organizations/[id]/invitations/[invId]/resend/route';
import { GET as listOrgRepositories, POST as shareRepository } from '@/app/api/organizations/[id]/repositories/route';
import { DELETE as unshareRepository } from '@/app/api/organizations/[id]/repositories/[repoId]/route';
import { GET as listOrgSuggestions } from '@/app/api/organizations/[id]/suggestions/route';
import { GET as previewInvitation } from '@/app/api/invitations/[token]/route';
import { POST as acceptInvitation } from '@/app/api/invitations/[token]/accept/route';
import { GET as readShare } from '@/app/api/template-shares/[id]/route';
import type { RouteHandler } from '@/lib/api/handler';
import type { Sql } from '@/lib/db/client';
import { withUserTransaction } from '@/lib/db/user-transaction';
import { hashToken } from '@/lib/tokens/token-secret';
import { newInvitationToken } from '@/lib/organizations/new-invitation-token';
import { resetRateLimitsForTests } from '@/lib/rate-limit/limiter';
import { invitationPreviewSchema, issuedInvitationSchema, organizationListSchema, organizationSchema } from '@/lib/zod/schemas/organizations';
import { connectRepository } from '@/tests/support/code-repo';
import { isEmbedded, ownerSql } from '@/tests/support/database';
import { setEnv } from '@/tests/support/fake-openai';
import { callRoute } from '@/tests/support/routes';
import { bearer, createUser, type TestUser } from '@/tests/support/users';

/**
 * Organizations (issue 12): every route and every organization table tried as owner, admin,
 * member, stranger and anon; the last-owner rule and transfer; invitations accepted, refused for
 * another address, expired, replayed and revoked (nothing changes); and what an organization
 * shares (repositories, their events and suggestion runs, template shares) read by members only.
 */

const sql = ownerSql();
const unique = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

type AnyHandler = RouteHandler<any>; // routes of several params shapes
const call = (handler: AnyHandler, user: TestUser | null, path: string, options: { method?: string; body?: object; params?: Record<string, string> } = {}) =>
  callRoute(handler, path, {
    method: options.method ?? 'GET',
    headers: user ? bearer(user) : {},
    ...(options.params ? { params: options.params } : {}),
    ...(options.body === undefined ? {} : { body: options.body }),
  });

const asUser = <T,>(user: TestUser, fn: (tx: Sql) => Promise<T>) => withUserTransaction({ sub: user.id, role: 'authenticated', email: user.email }, fn);
/** The database's error for a statement, or null when it ran (in a transaction of its own). */
const failure = async (user: TestUser, fn: (tx: Sql) => Promise<unknown>) => {
  try {
    await asUser(user, fn);
    return null;
  } catch (error) {
    return error as { code?: string; constraint_name?: string };
  }
};

let owner: TestUser;
let admin: TestUser;
let member: TestUser;
let stranger: TestUser;

beforeAll(async () => {
  [owner, admin, member, stranger] = [await createUser('org-owner'), await createUser('org-admin'), await createUser('org-member'), await createUser('org-stranger')];
}, 60_000);

beforeEach(() => {
  resetRateLimitsForTests();
  setEnv({ SMTP_URL: undefined, SMTP_FROM: undefined });
});

interface Org {
  id: string;
  slug: string;
}

/** A fresh organization: `owner` owns it, `admin` and `member` hold those roles. */
async function freshOrg(): Promise<Org> {
  const slug = unique('org');
  const [org] = await sql<{ id: string }[]>`insert into public.organizations (name, slug, owner_id) values ('Acme', ${slug}, ${owner.id}) returning id`;
  await sql`insert into public.organization_members (org_id, user_id, role) values (${org!.id}, ${admin.id}, 'admin'), (${org!.id}, ${member.id}, 'member')`;
  return { id: org!.id, slug };
}

const roleOf = async (org: Org, user: TestUser) =>
  (await sql<{ role: string }[]>`select role from public.organization_members where org_id = ${org.id} and user_id = ${user.id}`)[0]?.role ?? null;

/** An open invitation stored as the owner would make it; answers the token. */
async function storedInvitation(org: Org, email: string, role: 'admin' | 'member' = 'member'): Promise<{ id: string; token: string }> {
  const { token, hash } = newInvitationToken();
  const [row] = await sql<{ id: string }[]>`
    insert into public.invitations (org_id, email, role, token_hash, invited_by) values (${org.id}, ${email}, ${role}, ${hash}, ${owner.id}) returning id`;
  return { id: row!.id, token };
}

// ---------------------------------------------------------------------------------------------
// The route matrix

type Actor = 'owner' | 'admin' | 'member' | 'stranger' | 'anon';
const ACTORS: Actor[] = ['owner', 'admin', 'member', 'stranger', 'anon'];
const userOf = (actor: Actor) => ({ owner, admin, member, stranger, anon: null })[actor];

interface RouteCase {
  name: string;
  expected: Record<Actor, number>;
  send: (org: Org, actor: TestUser | null) => Promise<{ status: number; text: string }>;
  /** Whether the change the route makes is in the database (for writes): true exactly when it succeeded. */
  changed?: (org: Org) => Promise<boolean>;
}

const readAll = { owner: 200, admin: 200, member: 200, stranger: 404, anon: 401 };
const adminsOnly = (ok: number) => ({ owner: ok, admin: ok, member: 403, stranger: 404, anon: 401 });
const ownersOnly = (ok: number) => ({ owner: ok, admin: 403, member: 403, stranger: 404, anon: 401 });

const ROUTES: RouteCase[] = [
  { name: 'GET /api/organizations/:id', expected: readAll, send: (org, user) => call(getOrg, user, `/api/organizations/${org.id}`, { params: { id: org.id } }) },
  {
    name: 'PATCH /api/organizations/:id (rename)',
    expected: adminsOnly(200),
    send: (org, user) => call(patchOrg, user, `/api/organizations/${org.id}`, { method: 'PATCH', params: { id: org.id }, body: { name: 'Renamed' } }),
    changed: async (org) => (await sql`select 1 from public.organizations where id = ${org.id} and name = 'Renamed'`).length === 1,
  },
  {
    name: 'DELETE /api/organizations/:id',
    expected: ownersOnly(204),
    send: (org, user) => call(deleteOrg, user, `/api/organizations/${org.id}`, { method: 'DELETE', params: { id: org.id }, body: { confirm: org.slug } }),
    changed: async (org) => (await sql`select 1 from public.organizations where id = ${org.id}`).length === 0,
  },
  { name: 'GET /api/organizations/:id/members', expected: readAll, send: (org, user) => call(listMembers, user, `/api/organizations/${org.id}/members`, { params: { id: org.id } }) },
  {
    name: 'PATCH /api/organizations/:id/members/:userId (role)',
    expected: ownersOnly(200),
    send: (org, user) =>
      call(patchMember, user, `/api/organizations/${org.id}/members/${member.id}`, { method: 'PATCH', params: { id: org.id, userId: member.id }, body: { role: 'admin' } }),
    changed: async (org) => (await roleOf(org, member)) === 'admin',
  },
  {
    // The member removing the member is leaving: allowed. Here the target is the admin, so a member may not.
    name: 'DELETE /api/organizations/:id/members/:userId (remove the admin)',
    expected: { owner: 204, admin: 204, member: 403, stranger: 404, anon: 401 },
    send: (org, user) => call(removeMember, user, `/api/organizations/${org.id}/members/${admin.id}`, { method: 'DELETE', params: { id: org.id, userId: admin.id } }),
    changed: async (org) => (await roleOf(org, admin)) === null,
  },
  {
    name: 'POST /api/organizations/:id/transfer',
    expected: ownersOnly(200),
    send: (org, user) => call(transfer, user, `/api/organizations/${org.id}/transfer`, { method: 'POST', params: { id: org.id }, body: { userId: member.id } }),
    changed: async (org) => (await sql`select 1 from public.organizations where id = ${org.id} and owner_id = ${member.id}`).length === 1,
  },
  { name: 'GET /api/organizations/:id/invitations', expected: adminsOnly(200), send: (org, user) => call(listInvitations, user, `/api/organizations/${org.id}/invitations`, { params: { id: org.id } }) },
  {
    name: 'POST /api/organizations/:id/invitations',
    expected: adminsOnly(201),
    send: (org, user) => call(invite, user, `/api/organizations/${org.id}/invitations`, { method: 'POST', params: { id: org.id }, body: { email: 'matrix@example.com' } }),
    changed: async (org) => (await sql`select 1 from public.invitations where org_id = ${org.id}`).length === 1,
  },
  {
    name: 'DELETE /api/organizations/:id/invitations/:invId (revoke)',
    expected: adminsOnly(200),
    send: async (org, user) => {
      const { id } = await storedInvitation(org, 'revoke-me@example.com');
      return call(revokeInvitation, user, `/api/organizations/${org.id}/invitations/${id}`, { method: 'DELETE', params: { id: org.id, invId: id } });
    },
    changed: async (org) => (await sql`select 1 from public.invitations where org_id = ${org.id} and revoked_at is not null`).length === 1,
  },
  {
    name: 'POST /api/organizations/:id/invitations/:invId/resend',
    expected: adminsOnly(200),
    send: async (org, user) => {
      const { id } = await storedInvitation(org, 'resend-me@example.com');
      await sql`update public.invitations set expires_at = now() - interval '1 day' where id = ${id}`;
      return call(resendInvitation, user, `/api/organizations/${org.id}/invitations/${id}/resend`, { method: 'POST', params: { id: org.id, invId: id } });
    },
    changed: async (org) => (await sql`select 1 from public.invitations where org_id = ${org.id} and expires_at > now()`).length === 1,
  },
  { name: 'GET /api/organizations/:id/repositories', expected: readAll, send: (org, user) => call(listOrgRepositories, user, `/api/organizations/${org.id}/repositories`, { params: { id: org.id } }) },
  { name: 'GET /api/organizations/:id/suggestions', expected: readAll, send: (org, user) => call(listOrgSuggestions, user, `/api/organizations/${org.id}/suggestions`, { params: { id: org.id } }) },
  {
    name: 'PUT /api/organizations/active',
    expected: readAll,
    send: (org, user) => call(setActive, user, '/api/organizations/active', { method: 'PUT', body: { orgId: org.id } }),
  },
];

describe('the route matrix: owner, admin, member, stranger, anon', () => {
  for (const route of ROUTES) {
    it.each(ACTORS)(`${route.name} as %s`, async (actor) => {
      const org = await freshOrg();
      const res = await route.send(org, userOf(actor));
      expect(res.status, res.text).toBe(route.expected[actor]);
      if (res.status >= 400) expect(JSON.parse(res.text)).toEqual({ error: { code: expect.any(String), message: expect.any(String) }, requestId: expect.any(String) });
      if (route.changed) expect(await route.changed(org)).toBe(res.status < 300);
    });
  }

  it('a stranger is told nothing: the same 404 for an organization that exists and one that does not', async () => {
    const org = await freshOrg();
    const real = await call(getOrg, stranger, `/api/organizations/${org.id}`, { params: { id: org.id } });
    const missing = randomUUID();
    const none = await call(getOrg, stranger, `/api/organizations/${missing}`, { params: { id: missing } });
    expect(real.status).toBe(404);
    expect(real.json.error).toEqual(none.json.error);
  });
});

// ---------------------------------------------------------------------------------------------
// Creating, listing, renaming, deleting

describe('creating and managing an organization', () => {
  it('creates with name and slug (the creator its owner), lists it with the role, refuses a taken or malformed slug', async () => {
    const user = await createUser('org-creator');
    const slug = unique('team');
    const res = await call(createOrg, user, '/api/organizations', { method: 'POST', body: { name: '  Team Rocket ', slug } });
    expect(res.status, res.text).toBe(201);
    const created = organizationSchema.parse(res.json);
    expect(created).toMatchObject({ name: 'Team Rocket', slug, role: 'owner', memberCount: 1 });

    const taken = await call(createOrg, stranger, '/api/organizations', { method: 'POST', body: { name: 'Copy', slug } });
    expect(taken.status).toBe(409);
    expect(taken.json.fields).toEqual([{ field: 'slug', message: expect.any(String) }]);
    for (const bad of ['Upper', '-edge', 'edge-', 'a b', 'x'.repeat(49), '']) {
      expect((await call(createOrg, user, '/api/organizations', { method: 'POST', body: { name: 'Bad', slug: bad } })).status, bad).toBe(400);
    }
    expect((await call(createOrg, null, '/api/organizations', { method: 'POST', body: { name: 'Anon', slug: unique('anon') } })).status).toBe(401);

    const list = organizationListSchema.parse((await call(listOrgs, user, '/api/organizations')).json);
    expect(list).toEqual({ organizations: [created], activeOrgId: null });
    expect(organizationListSchema.parse((await call(listOrgs, stranger, '/api/organizations')).json).organizations.map((org) => org.id)).not.toContain(created.id);
  });

  it('delete needs the slug typed exactly; a wrong confirmation changes nothing', async () => {
    const org = await freshOrg();
    const wrong = await call(deleteOrg, owner, `/api/organizations/${org.id}`, { method: 'DELETE', params: { id: org.id }, body: { confirm: 'acme' } });
    expect(wrong.status).toBe(400);
    expect(wrong.json.fields).toEqual([{ field: 'confirm', message: expect.stringContaining(org.slug) }]);
    expect(await sql`select 1 from public.organizations where id = ${org.id}`).toHaveLength(1);
    expect((await call(deleteOrg, owner, `/api/organizations/${org.id}`, { method: 'DELETE', params: { id: org.id }, body: {} })).status).toBe(400);
  });

  it('the active workspace is an organization the caller belongs to, or personal; leaving returns it to personal', async () => {
    const org = await freshOrg();
    expect((await call(setActive, member, '/api/organizations/active', { method: 'PUT', body: { orgId: org.id } })).json).toEqual({ activeOrgId: org.id });
    expect(organizationListSchema.parse((await call(listOrgs, member, '/api/organizations')).json).activeOrgId).toBe(org.id);
    // The database refuses it too, not only the route.
    const [direct] = await asUser(stranger, (tx) => tx<{ ok: boolean }[]>`select private.set_active_organization(${org.id}) as ok`);
    expect(direct!.ok).toBe(false);
    expect((await sql`select org_id from public.user_profiles where user_id = ${stranger.id}`)[0]!.org_id).not.toBe(org.id);

    expect((await call(removeMember, member, `/api/organizations/${org.id}/members/${member.id}`, { method: 'DELETE', params: { id: org.id, userId: member.id } })).status).toBe(204);
    expect((await sql`select org_id from public.user_profiles where user_id = ${member.id}`)[0]!.org_id).toBeNull();
    expect((await call(setActive, member, '/api/organizations/active', { method: 'PUT', body: { orgId: null } })).json).toEqual({ activeOrgId: null });
  });
});

// ---------------------------------------------------------------------------------------------
// The tables, straight in the database (the routes are not the only way in)

describe('the organization tables under RLS', () => {
  it('members read the organization and its members; a stranger reads none of its rows; only admins read invitations', async () => {
    const org = await freshOrg();
    await storedInvitation(org, 'pending@example.com');
    const seen = (user: TestUser) =>
      asUser(user, async (tx) => ({
        orgs: (await tx`select id from public.organizations where id = ${org.id}`).length,
        members: (await tx`select user_id from public.organization_members where org_id = ${org.id}`).length,
        invitations: (await tx`select id from public.invitations where org_id = ${org.id}`).length,
        list: (await tx`select * from private.organization_member_list(${org.id})`).length,
      }));
    expect(await seen(owner)).toEqual({ orgs: 1, members: 3, invitations: 1, list: 3 });
    expect(await seen(admin)).toEqual({ orgs: 1, members: 3, invitations: 1, list: 3 });
    expect(await seen(member)).toEqual({ orgs: 1, members: 3, invitations: 0, list: 3 });
    expect(await seen(stranger)).toEqual({ orgs: 0, members: 0, invitations: 0, list: 0 });
  });

  it('only owners change roles; admins remove non-owners only; nobody adds members but the server', async () => {
    const org = await freshOrg();
    const changeRole = (user: TestUser, target: TestUser, role: string) =>
      asUser(user, (tx) => tx`update public.organization_members set role = ${role} where org_id = ${org.id} and user_id = ${target.id} returning user_id`);
    expect(await changeRole(admin, member, 'admin')).toHaveLength(0);
    expect(await changeRole(member, member, 'owner')).toHaveLength(0);
    expect(await changeRole(stranger, member, 'admin')).toHaveLength(0);
    expect(await roleOf(org, member)).toBe('member');

    const remove = (user: TestUser, target: TestUser) =>
      asUser(user, (tx) => tx`delete from public.organization_members where org_id = ${org.id} and user_id = ${target.id} returning user_id`);
    expect(await remove(admin, owner)).toHaveLength(0);
    expect(await remove(member, admin)).toHaveLength(0);
    expect(await remove(stranger, member)).toHaveLength(0);
    expect(await roleOf(org, owner)).toBe('owner');

    const join = await failure(stranger, (tx) => tx`insert into public.organization_members (org_id, user_id, role) values (${org.id}, ${stranger.id}, 'member')`);
    expect(join?.code).toBe('42501');
    expect(await changeRole(owner, member, 'admin')).toHaveLength(1);
    expect(await remove(admin, member)).toHaveLength(1);
  });

  it('invitations: admins create them (seven days, whatever the caller asks), members and strangers cannot, nobody marks one accepted', async () => {
    const org = await freshOrg();
    const insert = (user: TestUser, extra: Record<string, string> = {}) => (tx: Sql) =>
      tx`insert into public.invitations ${tx({ org_id: org.id, email: `${unique('db')}@example.com`, token_hash: unique('hash'), invited_by: user.id, ...extra })} returning id`;
    expect((await failure(member, insert(member)))?.code).toBe('42501');
    expect((await failure(stranger, insert(stranger)))?.code).toBe('42501');
    expect((await failure(admin, insert(admin, { expires_at: '2999-01-01T00:00:00Z' })))?.code).toBe('42501');
    const [made] = (await asUser(admin, insert(admin))) as unknown as { id: string }[];
    const [stored] = await sql<{ days: number }[]>`select extract(epoch from expires_at - created_at) / 86400 as days from public.invitations where id = ${made!.id}`;
    expect(Number(stored!.days)).toBeCloseTo(7, 2);
    expect((await failure(admin, (tx) => tx`update public.invitations set accepted_at = now() where id = ${made!.id}`))?.code).toBe('42501');
    expect((await failure(admin, (tx) => tx`update public.invitations set expires_at = '2999-01-01' where id = ${made!.id}`))?.code).toBe('42501');
  });

  it('the last owner can neither leave, be removed nor be demoted; with a second owner they can, and owner_id follows', async () => {
    const org = await freshOrg();
    const demote = await failure(owner, (tx) => tx`update public.organization_members set role = 'admin' where org_id = ${org.id} and user_id = ${owner.id}`);
    expect(demote).toMatchObject({ code: '23514', constraint_name: 'organization_keeps_an_owner' });
    const leave = await failure(owner, (tx) => tx`delete from public.organization_members where org_id = ${org.id} and user_id = ${owner.id}`);
    expect(leave).toMatchObject({ code: '23514', constraint_name: 'organization_keeps_an_owner' });
    // Through the routes: 409 with a message that says what to do.
    const viaRoute = await call(removeMember, owner, `/api/organizations/${org.id}/members/${owner.id}`, { method: 'DELETE', params: { id: org.id, userId: owner.id } });
    expect(viaRoute.status).toBe(409);
    expect(viaRoute.json.error.message).toMatch(/needs an owner/);
    const demoteRoute = await call(patchMember, owner, `/api/organizations/${org.id}/members/${owner.id}`, { method: 'PATCH', params: { id: org.id, userId: owner.id }, body: { role: 'member' } });
    expect(demoteRoute.status).toBe(409);
    expect(await roleOf(org, owner)).toBe('owner');

    // A second owner: now the first may leave, and the organization's owner_id moves to the other.
    expect((await call(patchMember, owner, `/api/organizations/${org.id}/members/${admin.id}`, { method: 'PATCH', params: { id: org.id, userId: admin.id }, body: { role: 'owner' } })).status).toBe(200);
    expect((await call(removeMember, owner, `/api/organizations/${org.id}/members/${owner.id}`, { method: 'DELETE', params: { id: org.id, userId: owner.id } })).status).toBe(204);
    expect((await sql`select owner_id from public.organizations where id = ${org.id}`)[0]!.owner_id).toBe(admin.id);
    // And the remaining one is the last again.
    expect((await call(removeMember, admin, `/api/organizations/${org.id}/members/${admin.id}`, { method: 'DELETE', params: { id: org.id, userId: admin.id } })).status).toBe(409);
  });

  // PostgreSQL only: the embedded database serves one session, so the two transactions cannot overlap.
  it.skipIf(isEmbedded())('two owners demoting each other at once: one succeeds, the other is refused, and an owner remains', async () => {
    const org = await freshOrg();
    await sql`update public.organization_members set role = 'owner' where org_id = ${org.id} and user_id = ${admin.id}`;
    const demote = (actor: TestUser, target: TestUser) =>
      failure(actor, async (tx) => {
        await tx`update public.organization_members set role = 'member' where org_id = ${org.id} and user_id = ${target.id}`;
        // Hold the transaction open so the other demotion runs while this one has not committed.
        await tx`select pg_sleep(0.3)`;
      });
    const outcomes = await Promise.all([demote(owner, admin), demote(admin, owner)]);
    expect(outcomes.filter((outcome) => outcome === null)).toHaveLength(1);
    expect(outcomes.find((outcome) => outcome !== null)).toMatchObject({ constraint_name: 'organization_keeps_an_owner' });
    const owners = await sql`select user_id from public.organization_members where org_id = ${org.id} and role = 'owner'`;
    expect(owners).toHaveLength(1);
  });

  it('transfer: the new owner owns it, the old one is an admin; not to a stranger; an admin cannot transfer through the function either', async () => {
    const org = await freshOrg();
    const toStranger = await call(transfer, owner, `/api/organizations/${org.id}/transfer`, { method: 'POST', params: { id: org.id }, body: { userId: stranger.id } });
    expect(toStranger.status).toBe(404);
    const [byAdmin] = await asUser(admin, (tx) => tx<{ outcome: string }[]>`select private.transfer_organization(${org.id}, ${admin.id}) as outcome`);
    expect(byAdmin!.outcome).toBe('not_owner');
    expect((await sql`select owner_id from public.organizations where id = ${org.id}`)[0]!.owner_id).toBe(owner.id);

    const res = await call(transfer, owner, `/api/organizations/${org.id}/transfer`, { method: 'POST', params: { id: org.id }, body: { userId: member.id } });
    expect(res.status, res.text).toBe(200);
    expect(res.json.role).toBe('admin');
    expect(await roleOf(org, member)).toBe('owner');
    expect(await roleOf(org, owner)).toBe('admin');
    expect((await sql`select owner_id from public.organizations where id = ${org.id}`)[0]!.owner_id).toBe(member.id);
    // The former owner can no longer delete it; the new one can.
    expect((await call(deleteOrg, owner, `/api/organizations/${org.id}`, { method: 'DELETE', params: { id: org.id }, body: { confirm: org.slug } })).status).toBe(403);
    expect((await call(deleteOrg, member, `/api/organizations/${org.id}`, { method: 'DELETE', params: { id: org.id }, body: { confirm: org.slug } })).status).toBe(204);
  });
});

// ---------------------------------------------------------------------------------------------
// Invitations

describe('invitations', () => {
  const accept = (user: TestUser | null, token: string) => call(acceptInvitation, user, `/api/invitations/${token}/accept`, { method: 'POST', params: { token } });
  const preview = (user: TestUser | null, token: string) => call(previewInvitation, user, `/api/invitations/${token}`, { params: { token } });
  const memberCount = async (org: Org) => (await sql<{ n: number }[]>`select count(*)::int as n from public.organization_members where org_id = ${org.id}`)[0]!.n;
  const tokenOf = (link: string | null) => link!.split('/invitations/')[1]!;

  it('an admin invites; without SMTP the link comes back once and only its hash is stored; the invitee previews and accepts', async () => {
    const org = await freshOrg();
    const invitee = await createUser('invitee');
    const res = await call(invite, admin, `/api/organizations/${org.id}/invitations`, { method: 'POST', params: { id: org.id }, body: { email: invitee.email.toUpperCase(), role: 'admin' } });
    expect(res.status, res.text).toBe(201);
    const issued = issuedInvitationSchema.parse(res.json);
    expect(issued).toMatchObject({ emailed: false, invitation: { email: invitee.email.toLowerCase(), role: 'admin', state: 'open' } });
    expect(issued.link).toMatch(/^http:\/\/localhost:\d+\/invitations\/[A-Za-z0-9_-]{43}$/);
    const token = tokenOf(issued.link);
    const [stored] = await sql`select token_hash from public.invitations where id = ${issued.invitation.id}`;
    expect(stored!.token_hash).toBe(hashToken(token));
    expect(JSON.stringify(await sql`select * from public.invitations where id = ${issued.invitation.id}`)).not.toContain(token);
    // The list never carries a token or a link.
    const listed = await call(listInvitations, owner, `/api/organizations/${org.id}/invitations`, { params: { id: org.id } });
    expect(listed.text).not.toContain(token);
    // A second invitation to the same open address is a conflict (resend it instead).
    expect((await call(invite, admin, `/api/organizations/${org.id}/invitations`, { method: 'POST', params: { id: org.id }, body: { email: invitee.email } })).status).toBe(409);
    expect((await call(invite, admin, `/api/organizations/${org.id}/invitations`, { method: 'POST', params: { id: org.id }, body: { email: member.email } })).status).toBe(409);

    const seen = invitationPreviewSchema.parse((await preview(invitee, token)).json);
    expect(seen).toMatchObject({ organization: { name: 'Acme', slug: org.slug }, role: 'admin', state: 'open', emailMatches: true });
    expect((await preview(null, token)).status).toBe(401);
    expect((await accept(null, token)).status).toBe(401);

    const joined = await accept(invitee, token);
    expect(joined.status, joined.text).toBe(200);
    expect(joined.json).toEqual({ organization: { id: org.id, slug: org.slug }, outcome: 'joined' });
    expect(await roleOf(org, invitee)).toBe('admin');
    expect(invitationPreviewSchema.parse((await preview(invitee, token)).json).state).toBe('used');
  });

  it('another address: 403, nothing changes; replayed, revoked or expired: 410 with a message that says which, nothing changes', async () => {
    const org = await freshOrg();
    const invitee = await createUser('invitee2');
    const other = await createUser('not-invited');

    const open = await storedInvitation(org, invitee.email);
    const wrong = await accept(other, open.token);
    expect(wrong.status).toBe(403);
    expect(wrong.json.error.message).toMatch(/another email address/);
    expect(invitationPreviewSchema.parse((await preview(other, open.token)).json).emailMatches).toBe(false);
    expect(await roleOf(org, other)).toBeNull();
    expect((await sql`select accepted_at from public.invitations where id = ${open.id}`)[0]!.accepted_at).toBeNull();

    expect((await accept(invitee, open.token)).status).toBe(200);
    const before = await memberCount(org);
    const replayed = await accept(invitee, open.token);
    expect(replayed.status).toBe(410);
    expect(replayed.json).toMatchObject({ error: { code: 'gone', message: expect.stringMatching(/used already/) }, state: 'used' });
    // Replayed by someone else after use: still 410, and they do not get in.
    expect((await accept(other, open.token)).status).toBe(410);
    expect(await memberCount(org)).toBe(before);

    const revokedOne = await storedInvitation(org, other.email);
    expect((await call(revokeInvitation, admin, `/api/organizations/${org.id}/invitations/${revokedOne.id}`, { method: 'DELETE', params: { id: org.id, invId: revokedOne.id } })).status).toBe(200);
    const revoked = await accept(other, revokedOne.token);
    expect(revoked.status).toBe(410);
    expect(revoked.json.error.message).toMatch(/revoked/);
    expect(await roleOf(org, other)).toBeNull();
    // Revoking twice is a conflict, not a second change.
    expect((await call(revokeInvitation, admin, `/api/organizations/${org.id}/invitations/${revokedOne.id}`, { method: 'DELETE', params: { id: org.id, invId: revokedOne.id } })).status).toBe(409);

    const late = await createUser('late');
    const expiredOne = await storedInvitation(org, late.email);
    await sql`update public.invitations set expires_at = now() - interval '1 second' where id = ${expiredOne.id}`;
    const expired = await accept(late, expiredOne.token);
    expect(expired.status).toBe(410);
    expect(expired.json.error.message).toMatch(/expired/);
    expect(await roleOf(org, late)).toBeNull();
    expect((await sql`select accepted_at from public.invitations where id = ${expiredOne.id}`)[0]!.accepted_at).toBeNull();

    // Resending an expired one: a new token valid seven days; the old token is no longer known.
    const resent = await call(resendInvitation, owner, `/api/organizations/${org.id}/invitations/${expiredOne.id}/resend`, { method: 'POST', params: { id: org.id, invId: expiredOne.id } });
    expect(resent.status, resent.text).toBe(200);
    const fresh = issuedInvitationSchema.parse(resent.json);
    expect(fresh.invitation.state).toBe('open');
    expect(new Date(fresh.invitation.expiresAt).getTime() - Date.now()).toBeGreaterThan(6.9 * 86_400_000);
    expect((await accept(late, expiredOne.token)).status).toBe(404);
    expect((await accept(late, tokenOf(fresh.link))).status).toBe(200);
    expect(await roleOf(org, late)).toBe('member');

    // A malformed or unknown token is a 404, never a 5xx.
    expect((await accept(late, 'short')).status).toBe(404);
    expect((await accept(late, newInvitationToken().token)).status).toBe(404);
  });

  describe('with SMTP configured', () => {
    type Mail = { to: string[]; body: string };
    const received: Mail[] = [];
    let close: () => Promise<void>;
    let port = 0;

    beforeAll(async () => {
      const { SMTPServer } = await import('smtp-server');
      const server = new SMTPServer({
        authOptional: true,
        disabledCommands: ['STARTTLS', 'AUTH'],
        logger: false,
        onData(stream, session, done) {
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => {
            received.push({ to: session.envelope.rcptTo.map((rcpt) => rcpt.address), body: Buffer.concat(chunks).toString('utf8') });
            done();
          });
        },
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      port = (server.server.address() as { port: number }).port;
      close = () => new Promise((resolve) => server.close(() => resolve()));
    });
    afterAll(async () => {
      setEnv({ SMTP_URL: undefined, SMTP_FROM: undefined });
      await close?.();
    });

    it('the invitation is emailed to the invited address with its link; the answer carries no link', async () => {
      setEnv({ SMTP_URL: `smtp://127.0.0.1:${port}`, SMTP_FROM: 'Venture Companion <invites@example.com>' });
      const org = await freshOrg();
      const invitee = await createUser('mailed');
      const res = await call(invite, owner, `/api/organizations/${org.id}/invitations`, { method: 'POST', params: { id: org.id }, body: { email: invitee.email } });
      expect(res.status, res.text).toBe(201);
      expect(res.json).toMatchObject({ emailed: true, link: null });
      const mail = received.find((item) => item.to.includes(invitee.email.toLowerCase()));
      expect(mail?.body).toContain('Acme');
      const link = /http:\/\/localhost:\d+\/invitations\/([A-Za-z0-9_-]{43})/.exec(mail!.body.replace(/=\r?\n/g, ''));
      expect(link).not.toBeNull();
      expect((await accept(invitee, link![1]!)).status).toBe(200);
      expect(await roleOf(org, invitee)).toBe('member');
    });
  });
});

// ---------------------------------------------------------------------------------------------
// What an organization shares

describe('what an organization shares with its members, and no one else', () => {
  async function eventWithSuggestion(user: TestUser, repositoryId: string, fullName: string) {
    const [event] = await sql<{ id: string }[]>`
      insert into public.background_events (user_id, event_type, delivery_id, repository, repository_id, status)
      values (${user.id}, 'issue.created', ${randomUUID()}, ${fullName}, ${repositoryId}, 'processed') returning id`;
    const [run] = await sql<{ id: string }[]>`
      insert into public.agent_runs (user_id, task, model, status, trigger, background_event_id, output_type, output)
      values (${user.id}, 'Suggest', 'gpt-4o-mini', 'succeeded', 'background_event', ${event!.id}, 'insight',
        ${sql.json({ headline: 'Triage the new issue', recommendation: 'Label it and reply today.' })}) returning id`;
    return { eventId: event!.id, runId: run!.id };
  }
  const visible = (user: TestUser, ids: { repositoryId: string; eventId: string; runId: string }) =>
    asUser(user, async (tx) => ({
      repository: (await tx`select id from public.connected_repositories where id = ${ids.repositoryId}`).length,
      event: (await tx`select id from public.background_events where id = ${ids.eventId}`).length,
      run: (await tx`select id from public.agent_runs where id = ${ids.runId}`).length,
    }));

  it('a repository an admin shares: members read it, its events and suggestions; strangers read nothing; members cannot share theirs', async () => {
    const org = await freshOrg();
    const repository = await connectRepository(sql, admin);
    const { eventId, runId } = await eventWithSuggestion(admin, repository.id, repository.fullName);
    const ids = { repositoryId: repository.id, eventId, runId };
    expect(await visible(member, ids)).toEqual({ repository: 0, event: 0, run: 0 });

    const shared = await call(shareRepository, admin, `/api/organizations/${org.id}/repositories`, { method: 'POST', params: { id: org.id }, body: { repositoryId: repository.id } });
    expect(shared.status, shared.text).toBe(200);
    expect(await visible(member, ids)).toEqual({ repository: 1, event: 1, run: 1 });
    expect(await visible(owner, ids)).toEqual({ repository: 1, event: 1, run: 1 });
    expect(await visible(stranger, ids)).toEqual({ repository: 0, event: 0, run: 0 });

    const repositories = await call(listOrgRepositories, member, `/api/organizations/${org.id}/repositories`, { params: { id: org.id } });
    expect(repositories.json.repositories).toEqual([{ id: repository.id, fullName: repository.fullName, mine: false, createdAt: expect.any(String) }]);
    const suggestions = await call(listOrgSuggestions, member, `/api/organizations/${org.id}/suggestions`, { params: { id: org.id } });
    expect(suggestions.json.suggestions).toEqual([expect.objectContaining({ runId, repository: repository.fullName, headline: 'Triage the new issue', excerpt: 'Label it and reply today.' })]);
    expect((await call(listOrgSuggestions, stranger, `/api/organizations/${org.id}/suggestions`, { params: { id: org.id } })).status).toBe(404);

    // Read only: a member cannot decide on, cancel or change the suggestion run.
    expect(await asUser(member, (tx) => tx`update public.agent_runs set suggestion_decided_at = now() where id = ${runId} returning id`)).toHaveLength(0);
    expect(await asUser(member, (tx) => tx`update public.connected_repositories set org_id = null where id = ${repository.id} returning id`)).toHaveLength(0);

    // A member may not share a repository of theirs (route and database both).
    const own = await connectRepository(sql, member);
    expect((await call(shareRepository, member, `/api/organizations/${org.id}/repositories`, { method: 'POST', params: { id: org.id }, body: { repositoryId: own.id } })).status).toBe(403);
    expect((await failure(member, (tx) => tx`update public.connected_repositories set org_id = ${org.id} where id = ${own.id}`))?.code).toBe('42501');
    // Nor can an admin share someone else's repository.
    expect((await call(shareRepository, owner, `/api/organizations/${org.id}/repositories`, { method: 'POST', params: { id: org.id }, body: { repositoryId: own.id } })).status).toBe(404);
    expect((await sql`select org_id from public.connected_repositories where id = ${own.id}`)[0]!.org_id).toBeNull();

    // Unsharing (or the sharer leaving) takes it all away from the members again.
    expect((await call(unshareRepository, admin, `/api/organizations/${org.id}/repositories/${repository.id}`, { method: 'DELETE', params: { id: org.id, repoId: repository.id } })).status).toBe(204);
    expect(await visible(member, ids)).toEqual({ repository: 0, event: 0, run: 0 });
    await call(shareRepository, admin, `/api/organizations/${org.id}/repositories`, { method: 'POST', params: { id: org.id }, body: { repositoryId: repository.id } });
    expect((await call(removeMember, owner, `/api/organizations/${org.id}/members/${admin.id}`, { method: 'DELETE', params: { id: org.id, userId: admin.id } })).status).toBe(204);
    expect(await visible(member, ids)).toEqual({ repository: 0, event: 0, run: 0 });
    expect(await visible(admin, ids)).toEqual({ repository: 1, event: 1, run: 1 });
  });

  it("a template customisation shared with the organization: members read it, a stranger and a former member do not", async () => {
    const org = await freshOrg();
    const [customization] = await sql<{ id: string }[]>`
      insert into public.user_template_customizations (user_id, template_id, variables) values (${owner.id}, 'init-logging', '{"library":"pino"}') returning id`;
    const [share] = await sql<{ id: string }[]>`
      insert into public.shared_template_customizations (customization_id, owner_id, visibility, shared_with_org_id)
      values (${customization!.id}, ${owner.id}, 'organization', ${org.id}) returning id`;
    const read = (user: TestUser) => call(readShare, user, `/api/template-shares/${share!.id}`, { params: { id: share!.id } });
    expect((await read(member)).status).toBe(200);
    expect((await read(stranger)).status).toBe(404);
    expect((await asUser(stranger, (tx) => tx`select id from public.user_template_customizations where id = ${customization!.id}`)).length).toBe(0);
    await call(removeMember, member, `/api/organizations/${org.id}/members/${member.id}`, { method: 'DELETE', params: { id: org.id, userId: member.id } });
    expect((await read(member)).status).toBe(404);
    await sql`delete from public.user_template_customizations where id = ${customization!.id}`;
  });
});
