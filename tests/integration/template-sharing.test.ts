import { randomUUID } from 'node:crypto';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { GET as listShares, POST as createShare } from '@/app/api/template-shares/route';
import { DELETE as revokeShare, GET as readShare } from '@/app/api/template-shares/[id]/route';
import { POST as cloneShare } from '@/app/api/template-shares/[id]/clone/route';
import { GET as listPresets, POST as createPreset } from '@/app/api/template-presets/route';
import { DELETE as deletePreset, PATCH as patchPreset } from '@/app/api/template-presets/[id]/route';
import { POST as applyPreset } from '@/app/api/template-presets/[id]/apply/route';
import { GET as exportCustomizations } from '@/app/api/templates/export/route';
import { POST as importCustomizations } from '@/app/api/templates/import/route';
import { PUT as putCustomization } from '@/app/api/templates/[id]/customization/route';
import type { RouteHandler } from '@/lib/api/handler';
import { resetRateLimitsForTests } from '@/lib/rate-limit/limiter';
import { decodeCsv, encodeCsv } from '@/lib/templates/csv';
import { loadCatalog } from '@/lib/templates/load-catalog';
import { validateTemplateValues } from '@/lib/templates/validate-template-values';
import {
  applyReportSchema,
  importReportSchema,
  shareListSchema,
  shareSchema,
  sharedCustomizationSchema,
  templatePresetListSchema,
  templatePresetSchema,
} from '@/lib/zod/schemas/template-sharing';
import { customizationSchema } from '@/lib/zod/schemas/templates';
import { ownerSql } from '@/tests/support/database';
import { callRoute } from '@/tests/support/routes';
import { bearer, createUser, type TestUser } from '@/tests/support/users';

/** The system presets migrations 027 and 029 seed. */
const SEEDED_PRESETS = ['Next.js + Supabase SaaS', 'API service (Node + Postgres)', 'Static marketing site'];

/**
 * Sharing customisations (public, a named user, an organization; revoke; clone), presets (system
 * ones read-only, own ones CRUD, apply with a per-template report), and export / import (metered,
 * all or nothing), each route also tried by a stranger.
 */

const sql = ownerSql();
const catalog = loadCatalog();
const ENV = 'init-env-config';
const LOGGING = 'init-logging';

type AnyHandler = RouteHandler<any>; // routes of both params shapes
const call = (handler: AnyHandler, user: TestUser | null, path: string, options: { method?: string; body?: object | string; params?: Record<string, string> } = {}) =>
  callRoute(handler, path, {
    method: options.method ?? 'GET',
    headers: user ? bearer(user) : {},
    ...(options.params ? { params: options.params } : {}),
    ...(options.body === undefined ? {} : { body: options.body }),
  });

const customize = async (user: TestUser, templateId: string, body: object) => {
  const current = await sql<{ version: number }[]>`select version from public.user_template_customizations where user_id = ${user.id} and template_id = ${templateId}`;
  const res = await call(putCustomization, user, `/api/templates/${templateId}/customization`, {
    method: 'PUT',
    params: { id: templateId },
    body: { expectedVersion: current[0]?.version ?? 0, ...body },
  });
  expect(res.status, res.text).toBe(200);
  return customizationSchema.parse(res.json);
};
const share = (user: TestUser, body: object) => call(createShare, user, '/api/template-shares', { method: 'POST', body });
const read = (user: TestUser | null, id: string) => call(readShare, user, `/api/template-shares/${id}`, { params: { id } });
const clone = (user: TestUser, id: string, body: object = {}) => call(cloneShare, user, `/api/template-shares/${id}/clone`, { method: 'POST', params: { id }, body });
const rowsOf = (user: TestUser) =>
  sql`select template_id, version, variables, custom_instructions, enabled, base_version from public.user_template_customizations where user_id = ${user.id} order by template_id`;
const eventCount = async (user: TestUser, event: string) =>
  (await sql<{ n: number }[]>`select count(*)::int as n from public.template_usage_analytics where user_id = ${user.id} and event = ${event}`)[0]!.n;

let owner: TestUser;
let friend: TestUser;
let stranger: TestUser;

beforeAll(async () => {
  [owner, friend, stranger] = [await createUser('share-owner'), await createUser('share-friend'), await createUser('share-stranger')];
  await sql`update public.user_profiles set display_name = 'Olive Owner' where user_id = ${owner.id}`;
  await customize(owner, ENV, { variables: { framework: 'Remix', serverVariables: ['DATABASE_URL'] }, customInstructions: 'Prefer {{validator}}, always.' });
}, 60_000);

beforeEach(() => {
  resetRateLimitsForTests();
});

describe('sharing', () => {
  it('a public share is readable by any signed-in user with the link, shows the owner by name only, and is listed for its owner', async () => {
    const res = await share(owner, { templateId: ENV, visibility: 'public' });
    expect(res.status, res.text).toBe(201);
    const made = shareSchema.parse(res.json);
    expect(made).toMatchObject({ templateId: ENV, visibility: 'public', role: 'owner', link: `/templates/shared/${made.id}` });

    // The same share again is the same share.
    const again = await share(owner, { templateId: ENV, visibility: 'public' });
    expect(again.status).toBe(200);
    expect(again.json.id).toBe(made.id);

    const seen = await read(stranger, made.id);
    expect(seen.status, seen.text).toBe(200);
    const view = sharedCustomizationSchema.parse(seen.json);
    expect(view).toMatchObject({ templateId: ENV, ownerName: 'Olive Owner', share: { mine: false, visibility: 'public' } });
    expect(view.snapshot).toMatchObject({ variables: { framework: 'Remix', serverVariables: ['DATABASE_URL'] }, customInstructions: 'Prefer {{validator}}, always.' });
    expect(view.prompt).toContain('Remix');
    expect(view.prompt).toContain('Prefer zod, always.');
    expect(seen.text).not.toContain(owner.email);

    const listed = shareListSchema.parse((await call(listShares, owner, '/api/template-shares')).json);
    expect(listed.made.map((item) => item.id)).toContain(made.id);
    // Someone else's public share is reached by its link, not listed as received.
    const strangerList = shareListSchema.parse((await call(listShares, stranger, '/api/template-shares')).json);
    expect(strangerList.received.map((item) => item.id)).not.toContain(made.id);
    expect((await read(null, made.id)).status).toBe(401);
  });

  it('a share with a named user: only that user (and the owner) read it', async () => {
    const res = await share(owner, { templateId: ENV, visibility: 'users', email: friend.email.toUpperCase() });
    expect(res.status, res.text).toBe(201);
    const made = shareSchema.parse(res.json);
    expect(made.sharedWith.email).toBe(friend.email.toLowerCase());

    expect((await read(friend, made.id)).status).toBe(200);
    expect((await read(owner, made.id)).json.share.mine).toBe(true);
    const refused = await read(stranger, made.id);
    expect(refused.status).toBe(404);
    expect(refused.json.error.code).toBe('not_found');

    const received = shareListSchema.parse((await call(listShares, friend, '/api/template-shares')).json).received;
    expect(received.find((item) => item.id === made.id)).toMatchObject({ role: 'recipient', sharedWith: { email: null } });

    expect((await share(owner, { templateId: LOGGING, visibility: 'users', email: friend.email })).status).toBe(404);
    expect((await share(owner, { templateId: ENV, visibility: 'users', email: owner.email })).status).toBe(400);
  });

  it('sharing with an address no account has answers as for one that has: the share waits, and reaches whoever confirms the address', async () => {
    const address = `later-${randomUUID().slice(0, 8)}@example.com`;
    const colleague = await createUser('colleague');
    const known = await share(owner, { templateId: ENV, visibility: 'users', email: colleague.email });
    const unknown = await share(owner, { templateId: ENV, visibility: 'users', email: address.toUpperCase() });
    // Nothing in the answer tells the two apart: same status, same fields, the address as typed (lower-cased).
    expect(unknown.status, unknown.text).toBe(known.status);
    const waiting = shareSchema.parse(unknown.json);
    const reached = shareSchema.parse(known.json);
    expect(Object.keys(waiting).sort()).toEqual(Object.keys(reached).sort());
    expect(waiting).toMatchObject({ visibility: 'users', role: 'owner', sharedWith: { email: address } });
    // Made again, it is the same share.
    const again = await share(owner, { templateId: ENV, visibility: 'users', email: address });
    expect(shareSchema.parse(again.json).id).toBe(waiting.id);
    expect(again.status).toBe((await share(owner, { templateId: ENV, visibility: 'users', email: colleague.email })).status);
    expect(shareListSchema.parse((await call(listShares, owner, '/api/template-shares')).json).made.map((item) => item.id)).toContain(waiting.id);
    // While it waits, nobody but its owner reads it.
    expect((await read(stranger, waiting.id)).status).toBe(404);

    // An account holding the address unconfirmed does not receive it; confirming the address delivers it.
    const [pending] = await sql<{ id: string }[]>`
      insert into auth.users (id, aud, role, email) values (gen_random_uuid(), 'authenticated', 'authenticated', ${address}) returning id`;
    const [row] = await sql<{ shared_with_user_id: string | null }[]>`select shared_with_user_id from public.shared_template_customizations where id = ${waiting.id}`;
    expect(row!.shared_with_user_id).toBeNull();
    await sql`delete from auth.users where id = ${pending!.id}`;

    // Signing up with the address (embedded auth confirms it at once) delivers the share.
    const newcomer = await createUser('later', { email: address });
    expect((await read(newcomer, waiting.id)).status).toBe(200);
    const received = shareListSchema.parse((await call(listShares, newcomer, '/api/template-shares')).json).received;
    expect(received.find((item) => item.id === waiting.id)).toMatchObject({ role: 'recipient', sharedWith: { email: null } });
    expect((await read(stranger, waiting.id)).status).toBe(404);
  });

  it("a waiting share reaches an existing account when it changes to the address and confirms it", async () => {
    const address = `moved-${randomUUID().slice(0, 8)}@example.com`;
    const waiting = shareSchema.parse((await share(owner, { templateId: ENV, visibility: 'users', email: address })).json);
    const mover = await createUser('mover');
    expect((await read(mover, waiting.id)).status).toBe(404);
    await sql`update auth.users set email = ${address}, email_confirmed_at = null where id = ${mover.id}`;
    expect((await read(mover, waiting.id)).status).toBe(404);
    await sql`update auth.users set email_confirmed_at = now() where id = ${mover.id}`;
    expect((await read(mover, waiting.id)).status).toBe(200);
  });

  it("an organization share reaches the organization's members only, and only an organization the owner belongs to", async () => {
    const [org] = await sql<{ id: string }[]>`insert into public.organizations (name, slug, owner_id) values ('Share Co', ${`share-${randomUUID().slice(0, 8)}`}, ${owner.id}) returning id`;
    await sql`insert into public.organization_members (org_id, user_id, role) values (${org!.id}, ${friend.id}, 'member')`;

    const list = shareListSchema.parse((await call(listShares, owner, '/api/template-shares')).json);
    expect(list.organizations).toContainEqual({ id: org!.id, name: 'Share Co' });
    expect(shareListSchema.parse((await call(listShares, stranger, '/api/template-shares')).json).organizations).toEqual([]);

    const res = await share(owner, { templateId: ENV, visibility: 'organization', orgId: org!.id });
    expect(res.status, res.text).toBe(201);
    const made = shareSchema.parse(res.json);
    expect(made.sharedWith).toMatchObject({ orgId: org!.id, orgName: 'Share Co' });
    expect((await read(friend, made.id)).status).toBe(200);
    expect((await read(stranger, made.id)).status).toBe(404);

    // The stranger cannot share into an organization they are not in.
    await customize(stranger, LOGGING, { variables: { library: 'pino' } });
    expect((await share(stranger, { templateId: LOGGING, visibility: 'organization', orgId: org!.id })).status).toBe(404);
    expect(await sql`select 1 from public.shared_template_customizations where owner_id = ${stranger.id}`).toHaveLength(0);
  });

  it('revoking takes effect at once; only the owner revokes; a revoked share is a 404', async () => {
    const made = shareSchema.parse((await share(owner, { templateId: ENV, visibility: 'users', email: stranger.email })).json);
    expect((await read(stranger, made.id)).status).toBe(200);
    const byOther = await call(revokeShare, stranger, `/api/template-shares/${made.id}`, { method: 'DELETE', params: { id: made.id } });
    expect(byOther.status).toBe(404);
    const revoked = await call(revokeShare, owner, `/api/template-shares/${made.id}`, { method: 'DELETE', params: { id: made.id } });
    expect(revoked.status).toBe(204);
    expect((await read(stranger, made.id)).status).toBe(404);
    expect((await clone(stranger, made.id)).status).toBe(404);
    expect((await call(revokeShare, owner, `/api/template-shares/${made.id}`, { method: 'DELETE', params: { id: made.id } })).status).toBe(404);
  });

  it('clone copies the shared customisation into the caller\'s own, as a new customisation or a new version, and records a clone', async () => {
    const made = shareSchema.parse((await share(owner, { templateId: ENV, visibility: 'public' })).json);
    const cloner = await createUser('share-cloner');
    const res = await clone(cloner, made.id);
    expect(res.status, res.text).toBe(201);
    const copy = customizationSchema.parse(res.json);
    expect(copy).toMatchObject({ templateId: ENV, version: 1, variables: { framework: 'Remix', serverVariables: ['DATABASE_URL'] }, customInstructions: 'Prefer {{validator}}, always.', enabled: true });
    expect(await eventCount(cloner, 'clone')).toBe(1);

    // The clone is the cloner's own: changing it leaves the original alone.
    await customize(cloner, ENV, { variables: { framework: 'Next.js' } });
    const [original] = await sql`select variables from public.user_template_customizations where user_id = ${owner.id} and template_id = ${ENV}`;
    expect(original!.variables).toMatchObject({ framework: 'Remix' });

    // A second clone is a new version of the cloner's customisation, with its history.
    const second = await clone(cloner, made.id, { expectedVersion: 2 });
    expect(second.status, second.text).toBe(201);
    expect(second.json.version).toBe(3);
    const history = await sql`select h.version, h.change_summary from public.template_customization_history h
      join public.user_template_customizations c on c.id = h.customization_id where c.user_id = ${cloner.id} order by h.version`;
    expect(history.map((row) => row.version)).toEqual([1, 2, 3]);
    expect(history[2]!.change_summary).toMatch(/Cloned/);
    // A stale expectedVersion is a 409 and writes nothing.
    expect((await clone(cloner, made.id, { expectedVersion: 1 })).status).toBe(409);
    expect((await rowsOf(cloner))[0]!.version).toBe(3);
    // The owner has nothing to clone from themselves.
    expect((await clone(owner, made.id)).status).toBe(400);
  });

  it('clone re-validates the values against the version: a shared value that no longer fits is a 400 and nothing is written', async () => {
    const made = shareSchema.parse((await share(owner, { templateId: ENV, visibility: 'public' })).json);
    // As if the stored value had been written before a rule existed.
    await sql`update public.user_template_customizations set variables = variables || '{"publicPrefix": "lower-case"}'::jsonb where user_id = ${owner.id} and template_id = ${ENV}`;
    try {
      const cloner = await createUser('share-invalid');
      const res = await clone(cloner, made.id);
      expect(res.status).toBe(400);
      expect(res.json.fields).toContainEqual({ field: 'variables.publicPrefix', message: expect.any(String) });
      expect(await rowsOf(cloner)).toHaveLength(0);
      expect(await eventCount(cloner, 'clone')).toBe(0);
    } finally {
      await sql`update public.user_template_customizations set variables = variables - 'publicPrefix' where user_id = ${owner.id} and template_id = ${ENV}`;
    }
  });

  it("a customisation of another user cannot be shared, and malformed ids are 404s", async () => {
    const [ownRow] = await sql<{ id: string }[]>`select id from public.user_template_customizations where user_id = ${owner.id} and template_id = ${ENV}`;
    const res = await share(stranger, { customizationId: ownRow!.id, visibility: 'public' });
    expect(res.status).toBe(404);
    expect(await sql`select 1 from public.shared_template_customizations where owner_id = ${stranger.id}`).toHaveLength(0);
    expect((await read(owner, 'not-a-uuid')).status).toBe(404);
    expect((await share(owner, { templateId: ENV, visibility: 'users' })).status).toBe(400);
    expect((await share(owner, { templateId: ENV, customizationId: ownRow!.id, visibility: 'public' })).status).toBe(400);
  });
});

describe('presets', () => {
  it('system presets are seeded, each variable is a variable of one of its templates that accepts the value', async () => {
    const res = await call(listPresets, stranger, '/api/template-presets');
    expect(res.status, res.text).toBe(200);
    // The seeded ones (other test files on a shared database may add system presets of their own).
    const system = templatePresetListSchema.parse(res.json).presets.filter((preset) => preset.isSystem && SEEDED_PRESETS.includes(preset.name));
    expect(system.map((preset) => preset.name).sort()).toEqual([...SEEDED_PRESETS].sort());
    const byId = new Map(catalog.map((template) => [template.id, template]));
    for (const preset of system) {
      expect(preset.templateIds.length, preset.name).toBeGreaterThan(0);
      for (const id of preset.templateIds) expect(byId.has(id), `${preset.name}: ${id}`).toBe(true);
      for (const [key, value] of Object.entries(preset.variables)) {
        const scoped = key.includes('.') ? key.split('.') : null;
        const name = scoped ? scoped[1]! : key;
        const fits = (scoped ? [scoped[0]!] : preset.templateIds).some((id) => {
          const variable = byId.get(id)!.variables.find((candidate) => candidate.name === name);
          return variable !== undefined && validateTemplateValues([variable], { [name]: value }).errors.length === 0;
        });
        expect(fits, `${preset.name}: ${key} = ${JSON.stringify(value)}`).toBe(true);
      }
    }
  });

  it('system presets are read-only; own presets are created, changed and deleted by their owner only', async () => {
    const list = templatePresetListSchema.parse((await call(listPresets, owner, '/api/template-presets')).json).presets;
    const system = list.find((preset) => preset.isSystem)!;
    const patchSystem = await call(patchPreset, owner, `/api/template-presets/${system.id}`, { method: 'PATCH', params: { id: system.id }, body: { name: 'Mine now' } });
    expect(patchSystem.status).toBe(403);
    expect((await call(deletePreset, owner, `/api/template-presets/${system.id}`, { method: 'DELETE', params: { id: system.id } })).status).toBe(403);
    expect((await sql`select name from public.template_presets where id = ${system.id}`)[0]!.name).toBe(system.name);

    const created = await call(createPreset, owner, '/api/template-presets', {
      method: 'POST',
      body: { name: 'My stack', templateIds: [ENV, LOGGING], variables: { framework: 'Next.js', library: 'winston' } },
    });
    expect(created.status, created.text).toBe(201);
    const preset = templatePresetSchema.parse(created.json);
    expect(preset).toMatchObject({ isSystem: false, templateIds: [ENV, LOGGING], variables: { framework: 'Next.js', library: 'winston' } });

    const unknown = await call(createPreset, owner, '/api/template-presets', { method: 'POST', body: { name: 'Bad', templateIds: [ENV], variables: { noSuchVariable: 'x' } } });
    expect(unknown.status).toBe(400);
    expect(unknown.json.fields).toContainEqual({ field: 'variables.noSuchVariable', message: expect.any(String) });

    const path = `/api/template-presets/${preset.id}`;
    const renamed = await call(patchPreset, owner, path, { method: 'PATCH', params: { id: preset.id }, body: { name: 'My stack v2' } });
    expect(renamed.status, renamed.text).toBe(200);
    expect(renamed.json.name).toBe('My stack v2');
    // Another user neither sees, changes nor deletes it.
    expect(templatePresetListSchema.parse((await call(listPresets, stranger, '/api/template-presets')).json).presets.map((item) => item.id)).not.toContain(preset.id);
    expect((await call(patchPreset, stranger, path, { method: 'PATCH', params: { id: preset.id }, body: { name: 'Taken' } })).status).toBe(404);
    expect((await call(deletePreset, stranger, path, { method: 'DELETE', params: { id: preset.id } })).status).toBe(404);
    expect((await call(applyPreset, stranger, `${path}/apply`, { method: 'POST', params: { id: preset.id }, body: {} })).status).toBe(404);
    expect((await sql`select name from public.template_presets where id = ${preset.id}`)[0]!.name).toBe('My stack v2');

    expect((await call(deletePreset, owner, path, { method: 'DELETE', params: { id: preset.id } })).status).toBe(204);
    expect(await sql`select 1 from public.template_presets where id = ${preset.id}`).toHaveLength(0);
  });

  it('apply writes one version per template where values fit, and reports what failed and what was skipped', async () => {
    const user = await createUser('preset-apply');
    await customize(user, ENV, { variables: { validator: 'envalid' }, customInstructions: 'Keep it short.' });
    const created = await call(createPreset, user, '/api/template-presets', {
      method: 'POST',
      // framework: fits init-env-config ("Node.js service"), not init-project-structure's options; library only fits init-logging.
      body: { name: 'Mixed', templateIds: [ENV, LOGGING], variables: { framework: 'Node.js service', library: 'pino', defaultLevel: 'warn' } },
    });
    const preset = templatePresetSchema.parse(created.json);
    const res = await call(applyPreset, user, `/api/template-presets/${preset.id}/apply`, {
      method: 'POST',
      params: { id: preset.id },
      body: { templateIds: [ENV, LOGGING, 'init-project-structure', 'deploy-docker', 'no-such-template'] },
    });
    expect(res.status, res.text).toBe(200);
    const report = applyReportSchema.parse(res.json);
    expect(report.applied).toEqual([
      { templateId: ENV, version: 2, variables: ['framework'], rejected: [] },
      { templateId: LOGGING, version: 1, variables: ['library', 'defaultLevel'], rejected: [] },
    ]);
    expect(report.failed.map((item) => item.templateId).sort()).toEqual(['init-project-structure', 'no-such-template']);
    expect(report.failed.find((item) => item.templateId === 'init-project-structure')!.reason).toMatch(/framework/);
    expect(report.skipped).toEqual([{ templateId: 'deploy-docker', reason: expect.any(String) }]);

    const rows = await rowsOf(user);
    expect(rows.map((row) => row.template_id)).toEqual([ENV, LOGGING]);
    // Merged over the saved values, instructions kept.
    expect(rows[0]).toMatchObject({ version: 2, variables: { validator: 'envalid', framework: 'Node.js service' }, custom_instructions: 'Keep it short.' });

    // Applying again changes nothing: every template is skipped or failed as before.
    const again = applyReportSchema.parse((await call(applyPreset, user, `/api/template-presets/${preset.id}/apply`, { method: 'POST', params: { id: preset.id }, body: {} })).json);
    expect(again.applied).toEqual([]);
    expect(again.skipped.map((item) => item.templateId)).toEqual([ENV, LOGGING]);
  });

  it('every system preset applies to all of its own templates: nothing failed, skipped or refused', async () => {
    const user = await createUser('preset-system');
    const presets = templatePresetListSchema.parse((await call(listPresets, user, '/api/template-presets')).json).presets.filter((preset) => preset.isSystem && SEEDED_PRESETS.includes(preset.name));
    expect(presets).toHaveLength(SEEDED_PRESETS.length);
    for (const preset of presets) {
      // Each on a fresh account: a template two presets share could already hold the same values.
      const fresh = preset.name === 'Next.js + Supabase SaaS' ? user : await createUser('preset-system-each');
      const res = await call(applyPreset, fresh, `/api/template-presets/${preset.id}/apply`, { method: 'POST', params: { id: preset.id }, body: {} });
      const report = applyReportSchema.parse(res.json);
      expect({ preset: preset.name, failed: report.failed, skipped: report.skipped }).toEqual({ preset: preset.name, failed: [], skipped: [] });
      expect(report.applied.map((item) => item.templateId).sort(), preset.name).toEqual([...preset.templateIds].sort());
      for (const item of report.applied) expect(item.rejected, `${preset.name}: ${item.templateId}`).toEqual([]);
    }
    const [rls] = await sql`select variables from public.user_template_customizations where user_id = ${user.id} and template_id = 'db-rls-policies'`;
    expect(rls!.variables).toMatchObject({ tenantColumn: 'org_id', useHelperFunctions: true });
    // A value scoped to one template (<templateId>.<variable>) wins there over the general one.
    const [env] = await sql`select variables from public.user_template_customizations where user_id = ${user.id} and template_id = 'init-env-config'`;
    expect(env!.variables).toMatchObject({ framework: 'Next.js' });
    const [structure] = await sql`select variables from public.user_template_customizations where user_id = ${user.id} and template_id = 'init-project-structure'`;
    expect(structure!.variables).toMatchObject({ framework: 'Next.js App Router' });
  });
});

describe('export and import', () => {
  const exportAs = (user: TestUser, format: string, extra = '') => call(exportCustomizations, user, `/api/templates/export?format=${format}${extra}`);
  const importFile = (user: TestUser, format: string, content: string, dryRun = false) =>
    call(importCustomizations, user, `/api/templates/import${dryRun ? '?dryRun=1' : ''}`, { method: 'POST', body: { format, content } });
  const exportsUsed = async (user: TestUser) =>
    (await sql<{ count: number }[]>`select coalesce(sum(count), 0)::int as count from public.usage_metrics where user_id = ${user.id} and metric_type = 'exports'`)[0]!.count;

  it('exports JSON, YAML and CSV as downloads of the same customisations, with presets in JSON and YAML', async () => {
    const user = await createUser('export-formats');
    await customize(user, ENV, { variables: { framework: 'Remix' }, customInstructions: 'Line one, "quoted"\nline two ✓' });
    await call(createPreset, user, '/api/template-presets', { method: 'POST', body: { name: 'Mine', templateIds: [ENV], variables: { framework: 'Next.js' } } });

    const json = await exportAs(user, 'json');
    expect(json.status, json.text).toBe(200);
    expect(json.headers.get('content-disposition')).toMatch(/^attachment; filename="template-customizations-\d{4}-\d{2}-\d{2}\.json"$/);
    expect(json.json.customizations).toEqual([
      { templateId: ENV, baseVersion: catalog.find((t) => t.id === ENV)!.version, variables: { framework: 'Remix' }, customInstructions: 'Line one, "quoted"\nline two ✓', enabled: true },
    ]);
    expect(json.json.presets).toEqual([{ name: 'Mine', description: '', templateIds: [ENV], variables: { framework: 'Next.js' } }]);

    const yaml = await exportAs(user, 'yaml');
    expect(yaml.headers.get('content-type')).toMatch(/yaml/);
    expect(parseYaml(yaml.text).customizations).toEqual(json.json.customizations);

    const csv = await exportAs(user, 'csv');
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const [header, row] = decodeCsv(csv.text);
    expect(header).toEqual(['templateId', 'baseVersion', 'enabled', 'customInstructions', 'variables']);
    expect(row).toEqual([ENV, json.json.customizations[0].baseVersion, 'true', 'Line one, "quoted"\nline two ✓', '{"framework":"Remix"}']);
    expect(await exportsUsed(user)).toBe(3);
    expect((await exportAs(user, 'xml')).status).toBe(400);
    expect(await exportsUsed(user)).toBe(3);
  });

  it('the export at the limit is a 429 with the limit body, and nothing is counted twice', async () => {
    const user = await createUser('export-limit');
    await customize(user, ENV, { variables: { framework: 'Remix' } });
    for (let i = 0; i < 5; i += 1) expect((await exportAs(user, 'json')).status).toBe(200);
    expect(await exportsUsed(user)).toBe(5);
    const refused = await exportAs(user, 'csv');
    expect(refused.status).toBe(429);
    expect(refused.json).toMatchObject({ error: { code: 'limit_exceeded' }, metricType: 'exports', limit: 5, current: 5, remaining: 0, resetsAt: expect.any(String) });
    expect(await exportsUsed(user)).toBe(5);
    const held = await sql`select 1 from public.usage_reservations where user_id = ${user.id} and settled_at is null`;
    expect(held).toHaveLength(0);
  });

  it('import is all or nothing: one bad row is a 400 with the whole report and nothing is written; a dry run writes nothing', async () => {
    const user = await createUser('import-atomic');
    const good = { templateId: ENV, baseVersion: null, variables: { framework: 'Remix' }, customInstructions: '', enabled: true };
    const file = JSON.stringify({
      customizations: [
        good,
        { templateId: LOGGING, baseVersion: null, variables: { library: 'log4j' }, customInstructions: '', enabled: true },
        { templateId: 'no-such-template', baseVersion: null, variables: {}, customInstructions: '', enabled: true },
        { ...good, baseVersion: '99.0.0' },
      ],
    });
    const refused = await importFile(user, 'json', file);
    expect(refused.status).toBe(400);
    const report = importReportSchema.parse(refused.json);
    expect(report.errors).toEqual([
      { row: 2, field: 'variables.library', message: expect.stringMatching(/one of/) },
      { row: 3, field: 'templateId', message: expect.any(String) },
      { row: 4, field: 'templateId', message: expect.stringMatching(/also in row 1/) },
    ]);
    expect(await rowsOf(user)).toHaveLength(0);

    const valid = JSON.stringify({ customizations: [good, { templateId: LOGGING, baseVersion: null, variables: { library: 'pino' }, customInstructions: 'x', enabled: false }] });
    const dry = await importFile(user, 'json', valid, true);
    expect(dry.status, dry.text).toBe(200);
    expect(importReportSchema.parse(dry.json)).toMatchObject({ dryRun: true, imported: [{ row: 1, version: null }, { row: 2, version: null }], errors: [] });
    expect(await rowsOf(user)).toHaveLength(0);

    const done = importReportSchema.parse((await importFile(user, 'json', valid)).json);
    expect(done.imported.map((item) => [item.templateId, item.version])).toEqual([[ENV, 1], [LOGGING, 1]]);
    expect((await rowsOf(user)).map((row) => [row.template_id, row.enabled])).toEqual([[ENV, true], [LOGGING, false]]);
    // The same file again: identical rows are skipped, nothing new is written.
    const again = importReportSchema.parse((await importFile(user, 'json', valid)).json);
    expect(again.imported).toEqual([]);
    expect(again.skipped.map((item) => item.templateId)).toEqual([ENV, LOGGING]);
    expect((await rowsOf(user)).map((row) => row.version)).toEqual([1, 1]);
  });

  it('refuses unreadable files, bad CSV cells and unknown fields with row-level errors', async () => {
    const user = await createUser('import-bad');
    expect(importReportSchema.parse((await importFile(user, 'json', '{"customizations": [')).json).errors).toEqual([{ row: 0, field: 'file', message: 'is not valid JSON' }]);
    expect((await importFile(user, 'yaml', 'customizations: [unclosed')).status).toBe(400);
    const csv = encodeCsv([
      ['templateId', 'baseVersion', 'enabled', 'customInstructions', 'variables'],
      [ENV, '', 'yes', '', '{}'],
      [ENV, '', 'true', '', 'not json'],
    ]);
    const report = importReportSchema.parse((await importFile(user, 'csv', csv)).json);
    expect(report.errors.map((error) => [error.row, error.field])).toEqual([
      [1, 'enabled'],
      [2, 'variables'],
    ]);
    const extra = JSON.stringify([{ templateId: ENV, baseVersion: null, variables: {}, customInstructions: '', enabled: true, userId: owner.id }]);
    expect(importReportSchema.parse((await importFile(user, 'json', extra)).json).errors[0]).toMatchObject({ row: 1, field: 'userId' });
    expect(await rowsOf(user)).toHaveLength(0);
  });

  it("an import or export touches only the caller's own customisations", async () => {
    const before = await rowsOf(owner);
    const intruder = await createUser('import-intruder');
    const exported = await exportAs(intruder, 'json');
    expect(exported.json.customizations).toEqual([]);
    const file = JSON.stringify([{ templateId: ENV, baseVersion: null, variables: { framework: 'Next.js' }, customInstructions: 'mine', enabled: true }]);
    expect((await importFile(intruder, 'json', file)).status).toBe(200);
    expect(await rowsOf(owner)).toEqual(before);
    expect((await rowsOf(intruder)).map((row) => row.template_id)).toEqual([ENV]);
    expect((await call(exportCustomizations, null, '/api/templates/export')).status).toBe(401);
    expect((await call(importCustomizations, null, '/api/templates/import', { method: 'POST', body: { format: 'json', content: file } })).status).toBe(401);
  });
});
