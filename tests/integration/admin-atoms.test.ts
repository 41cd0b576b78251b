import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { GET as listAtoms, POST as createAtom } from '@/app/api/admin/atoms/route';
import { DELETE as deactivateAtom, PATCH as patchAtom } from '@/app/api/admin/atoms/[id]/route';
import { POST as createVersion } from '@/app/api/admin/atoms/[id]/versions/route';
import { bearer, createUser, type TestUser } from '@/tests/support/users';
import { callRoute } from '@/tests/support/routes';
import { ownerSql } from '@/tests/support/database';

const sql = ownerSql();

// Atoms made here have no slider, no keywords and no real target role, so they cannot change what
// other test files (which may run at the same time against the same database) get from assembly.
const ATOM_KEYS = [
  'category', 'compatibleAtoms', 'constraints', 'createdAt', 'description', 'examples', 'id', 'isActive', 'keywords', 'name',
  'slider', 'sliderMax', 'sliderMin', 'successRate', 'systemPrompt', 'targetRoles', 'targetVerticals', 'updatedAt', 'usageCount',
  'version', 'weight',
].sort();
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

let admin: TestUser;
let member: TestUser;

beforeAll(async () => {
  admin = await createUser('atoms-admin');
  member = await createUser('atoms-member');
  await sql`update auth.users set raw_app_meta_data = raw_app_meta_data || '{"role":"admin"}' where id = ${admin.id}`;
});

const uniqueName = (prefix = 'test-atom') => `${prefix}-${randomUUID().slice(0, 8)}`;
const envelope = (code: string) => ({ error: { code, message: expect.any(String) }, requestId: expect.any(String) });

const post = (user: TestUser, body: string | object) => callRoute(createAtom, '/api/admin/atoms', { method: 'POST', body, headers: bearer(user) });
const patch = (user: TestUser, id: string, body: string | object) =>
  callRoute(patchAtom, `/api/admin/atoms/${id}`, { method: 'PATCH', body, headers: bearer(user), params: { id } });
const deactivate = (user: TestUser, id: string) =>
  callRoute(deactivateAtom, `/api/admin/atoms/${id}`, { method: 'DELETE', headers: bearer(user), params: { id } });
const version = (user: TestUser, id: string, body: string | object = {}) =>
  callRoute(createVersion, `/api/admin/atoms/${id}/versions`, { method: 'POST', body, headers: bearer(user), params: { id } });
const list = (user: TestUser, query = '') => callRoute(listAtoms, `/api/admin/atoms${query}`, { headers: bearer(user) });

async function atomRows(name: string) {
  return sql`select * from public.prompt_atoms where name = ${name} order by version`;
}

async function newAtom(overrides: object = {}) {
  const res = await post(admin, { name: uniqueName(), category: 'constraint', systemPrompt: 'Answer in British English.', ...overrides });
  if (res.status !== 201) throw new Error(`atom not created: ${res.status} ${res.text}`);
  return res.json;
}

describe('admin atom management', () => {
  it('creates an atom with defaults for what was not sent', async () => {
    const name = uniqueName();
    const res = await post(admin, {
      name,
      category: 'constraint',
      systemPrompt: '  Use British spelling.  ',
      constraints: ['No Americanisms.'],
      examples: [{ input: 'color', output: 'colour' }],
      weight: 0.25,
      // Not a real role, so assembly in other test files never picks this atom.
      targetRoles: ['test-only-role'],
    });
    expect(res.status).toBe(201);
    expect(Object.keys(res.json).sort()).toEqual(ATOM_KEYS);
    expect(res.json).toMatchObject({
      name,
      version: 1,
      category: 'constraint',
      description: '',
      systemPrompt: 'Use British spelling.',
      constraints: ['No Americanisms.'],
      examples: [{ input: 'color', output: 'colour' }],
      weight: 0.25,
      targetRoles: ['test-only-role'],
      keywords: [],
      slider: null,
      usageCount: 0,
      successRate: 0,
      isActive: true,
    });
    const [row] = await atomRows(name);
    expect(row).toMatchObject({ version: 1, weight: '0.250', created_by: admin.id, examples: [{ input: 'color', output: 'colour' }] });
  });

  it('accepts the largest atom the schema allows, beyond the default 64 KiB body limit', async () => {
    const body = {
      name: uniqueName('big-atom'),
      category: 'example',
      systemPrompt: 'é'.repeat(4000),
      constraints: Array.from({ length: 20 }, () => 'c'.repeat(500)),
      examples: Array.from({ length: 10 }, () => ({ input: 'i'.repeat(2000), output: 'o'.repeat(4000) })),
      isActive: false,
    };
    expect(Buffer.byteLength(JSON.stringify(body))).toBeGreaterThan(64 * 1024);
    const res = await post(admin, body);
    expect(res.status).toBe(201);
    expect(res.json.examples).toHaveLength(10);
  });

  it('lists every atom, inactive ones included, filtered by category and active flag', async () => {
    const live = await newAtom({ category: 'risk' });
    const retired = await newAtom({ category: 'risk', isActive: false });

    const all = await list(admin);
    expect(all.status).toBe(200);
    const ids = all.json.atoms.map((a: { id: string }) => a.id);
    expect(ids).toEqual(expect.arrayContaining([live.id, retired.id]));
    expect(Object.keys(all.json.atoms[0]).sort()).toEqual(ATOM_KEYS);

    const inactiveRisk = await list(admin, '?category=risk&active=false');
    expect(inactiveRisk.json.atoms.every((a: { category: string; isActive: boolean }) => a.category === 'risk' && !a.isActive)).toBe(true);
    expect(inactiveRisk.json.atoms.map((a: { id: string }) => a.id)).toContain(retired.id);
    expect(inactiveRisk.json.atoms.map((a: { id: string }) => a.id)).not.toContain(live.id);

    const blankFilters = await list(admin, '?category=&active=');
    expect(blankFilters.status).toBe(200);
    expect(blankFilters.json.atoms.map((a: { id: string }) => a.id)).toEqual(expect.arrayContaining([live.id, retired.id]));
  });

  it('edits an atom in place', async () => {
    const atom = await newAtom();
    const res = await patch(admin, atom.id, { systemPrompt: 'Answer in Canadian English.', weight: 0.9, keywords: [] });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ id: atom.id, name: atom.name, version: 1, systemPrompt: 'Answer in Canadian English.', weight: 0.9 });
    const [row] = await atomRows(atom.name);
    expect(row).toMatchObject({ system_prompt: 'Answer in Canadian English.', weight: '0.900' });
  });

  it('deactivates instead of deleting, and answers with the atom', async () => {
    const atom = await newAtom();
    const res = await deactivate(admin, atom.id);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ id: atom.id, isActive: false });
    expect((await atomRows(atom.name))[0]).toMatchObject({ is_active: false });
    expect((await deactivate(admin, atom.id)).status).toBe(200);
  });

  it('creates versions: max(version) + 1, changes applied, the others deactivated', async () => {
    const v1 = await newAtom({ description: 'first', constraints: ['Keep it short.'] });
    await sql`update public.prompt_atoms set usage_count = 10, success_count = 7, success_rate = 0.7 where id = ${v1.id}`;

    const v2 = await version(admin, v1.id, { systemPrompt: 'Second wording.' });
    expect(v2.status).toBe(201);
    expect(v2.json).toMatchObject({
      name: v1.name,
      version: 2,
      description: 'first',
      constraints: ['Keep it short.'],
      systemPrompt: 'Second wording.',
      isActive: true,
      usageCount: 0,
      successRate: 0,
    });
    expect(v2.json.id).not.toBe(v1.id);

    // Versioning from an old version still numbers after the newest one.
    const v3 = await version(admin, v1.id, { description: 'third' });
    expect(v3.json).toMatchObject({ version: 3, description: 'third', systemPrompt: v1.systemPrompt });
    expect((await atomRows(v1.name)).map((r) => [r.version, r.is_active])).toEqual([
      [1, false],
      [2, false],
      [3, true],
    ]);

    // A version created inactive is a draft: the live one stays live.
    const draft = await version(admin, v3.json.id, { systemPrompt: 'Draft wording.', isActive: false });
    expect(draft.json).toMatchObject({ version: 4, isActive: false });
    expect((await atomRows(v1.name)).map((r) => [r.version, r.is_active])).toEqual([
      [1, false],
      [2, false],
      [3, true],
      [4, false],
    ]);

    // Re-activating a version is a roll-back: it becomes the only active one.
    expect((await patch(admin, v2.json.id, { isActive: true })).json.isActive).toBe(true);
    expect((await atomRows(v1.name)).map((r) => [r.version, r.is_active])).toEqual([
      [1, false],
      [2, true],
      [3, false],
      [4, false],
    ]);
  });

  const createCases: { name: string; body: (taken: string) => string | object; status: number; code: string; message?: RegExp }[] = [
    { name: 'a name that exists', body: (taken) => ({ name: taken, category: 'tone', systemPrompt: 'x' }), status: 409, code: 'conflict', message: /already exists/ },
    { name: 'a name with capitals', body: () => ({ name: 'Bad-Name', category: 'tone', systemPrompt: 'x' }), status: 400, code: 'validation_failed', message: /^name: / },
    { name: 'an unknown category', body: () => ({ name: 'FRESH', category: 'mood', systemPrompt: 'x' }), status: 400, code: 'validation_failed', message: /^category: / },
    { name: 'no system prompt', body: () => ({ name: 'FRESH', category: 'tone' }), status: 400, code: 'validation_failed', message: /^systemPrompt: / },
    { name: 'a weight above 1', body: () => ({ name: 'FRESH', category: 'tone', systemPrompt: 'x', weight: 1.5 }), status: 400, code: 'validation_failed', message: /^weight: / },
    { name: 'a slider without its range', body: () => ({ name: 'FRESH', category: 'tone', systemPrompt: 'x', slider: 'playfulness' }), status: 400, code: 'validation_failed', message: /^slider: / },
    { name: 'an unknown field', body: () => ({ name: 'FRESH', category: 'tone', systemPrompt: 'x', usageCount: 1000 }), status: 400, code: 'validation_failed', message: /unknown field: usageCount/ },
    { name: 'malformed JSON', body: () => '{"name": ', status: 400, code: 'invalid_json' },
  ];

  it.each(createCases)('POST $name → $status $code, nothing written', async ({ body, status, code, message }) => {
    const taken = await newAtom();
    const fresh = uniqueName();
    const payload = body(taken.name);
    const res = await post(admin, typeof payload === 'string' ? payload : { ...payload, ...('name' in payload && payload.name === 'FRESH' && { name: fresh }) });
    expect(res.status).toBe(status);
    expect(res.json).toEqual(envelope(code));
    if (message) expect(res.json.error.message).toMatch(message);
    expect(await atomRows(fresh)).toEqual([]);
    expect((await atomRows(taken.name)).map((r) => r.id)).toEqual([taken.id]);
  });

  const idCases: { name: string; id?: string; body: object; status: number; code: string; message?: RegExp }[] = [
    { name: 'an unknown id', id: UNKNOWN_ID, body: { weight: 0.1 }, status: 404, code: 'not_found' },
    { name: 'a malformed id', id: 'tone-formal', body: { weight: 0.1 }, status: 404, code: 'not_found' },
    { name: 'a slider without its range', body: { slider: 'playfulness' }, status: 400, code: 'validation_failed', message: /^slider: / },
    { name: 'a range without a slider', body: { sliderMin: 0, sliderMax: 10 }, status: 400, code: 'validation_failed', message: /^slider: / },
    { name: 'a system prompt of 4001 characters', body: { systemPrompt: 'x'.repeat(4001) }, status: 400, code: 'validation_failed', message: /^systemPrompt: / },
    { name: 'a new name', body: { name: 'renamed' }, status: 400, code: 'validation_failed', message: /unknown field: name/ },
    { name: 'a version number', body: { version: 9 }, status: 400, code: 'validation_failed', message: /unknown field: version/ },
  ];

  it.each(idCases)('PATCH and versions with $name → $status $code, nothing written', async ({ id, body, status, code, message }) => {
    const atom = await newAtom();
    const before = await atomRows(atom.name);
    for (const res of [await patch(admin, id ?? atom.id, body), await version(admin, id ?? atom.id, body)]) {
      expect(res.status).toBe(status);
      expect(res.json).toEqual(envelope(code));
      if (message) expect(res.json.error.message).toMatch(message);
    }
    expect(await atomRows(atom.name)).toEqual(before);
  });

  it('PATCH with an empty change → 400, DELETE with an unknown or malformed id → 404', async () => {
    const atom = await newAtom();
    const empty = await patch(admin, atom.id, {});
    expect(empty.status).toBe(400);
    expect(empty.json.error.message).toMatch(/at least one field/);
    for (const id of [UNKNOWN_ID, 'x']) {
      const res = await deactivate(admin, id);
      expect(res.status).toBe(404);
      expect(res.json).toEqual(envelope('not_found'));
    }
  });

  it.each([
    { query: '?active=maybe', message: /^active: must be true or false/ },
    { query: '?category=mood', message: /^category: / },
    { query: '?sort=name', message: /unknown field: sort/ },
  ])('GET $query → 400 validation_failed', async ({ query, message }) => {
    const res = await list(admin, query);
    expect(res.status).toBe(400);
    expect(res.json).toEqual(envelope('validation_failed'));
    expect(res.json.error.message).toMatch(message);
  });
});

describe('atoms for non-admins', () => {
  it('answers every admin atom route with 404, as for a path that does not exist, and writes nothing', async () => {
    const atom = await newAtom();
    const before = await atomRows(atom.name);
    const name = uniqueName('member-atom');
    for (const res of [
      await list(member),
      await post(member, { name, category: 'tone', systemPrompt: 'x' }),
      await patch(member, atom.id, { systemPrompt: 'Hijacked.' }),
      await deactivate(member, atom.id),
      await version(member, atom.id, { systemPrompt: 'Hijacked.' }),
    ]) {
      expect(res.status).toBe(404);
      expect(res.json).toEqual(envelope('not_found'));
    }
    expect(await atomRows(name)).toEqual([]);
    expect(await atomRows(atom.name)).toEqual(before);
  });

  it('treats admin claimed in user-editable metadata as a member', async () => {
    const pretender = await createUser('atoms-pretender');
    await sql`update auth.users set raw_user_meta_data = '{"role":"admin"}' where id = ${pretender.id}`;
    const name = uniqueName('pretender-atom');
    expect((await post(pretender, { name, category: 'tone', systemPrompt: 'x' })).status).toBe(404);
    expect(await atomRows(name)).toEqual([]);
  });

  it('needs a signed-in user', async () => {
    const res = await callRoute(listAtoms, '/api/admin/atoms');
    expect(res.status).toBe(401);
    expect(res.json).toEqual(envelope('unauthorized'));
  });
});
