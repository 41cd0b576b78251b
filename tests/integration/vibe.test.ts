import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { GET as getVibe, PUT as putVibe } from '@/app/api/vibe/route';
import { GET as listPresets, POST as createPreset } from '@/app/api/vibe/presets/route';
import { DELETE as deletePreset, PATCH as patchPreset } from '@/app/api/vibe/presets/[id]/route';
import { POST as applyPreset } from '@/app/api/vibe/presets/[id]/apply/route';
import { bearer, createUser, type TestUser } from '@/tests/support/users';
import { callRoute } from '@/tests/support/routes';
import { ownerSql } from '@/tests/support/database';
import { withUserTransaction } from '@/lib/db/user-transaction';

const sql = ownerSql();

const SETTINGS_KEYS = ['approvalRequired', 'autoSuggest', 'customInstructions', 'investorPerspective', 'loggingLevel', 'playfulness', 'revenueFocus', 'selectedAtoms', 'updatedAt'];
const VIBE_KEYS = [...SETTINGS_KEYS, 'version'];
const PRESET_KEYS = [...SETTINGS_KEYS, 'createdAt', 'id', 'name'].sort();
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

let activeAtoms: string[];
let inactiveAtom: string;

beforeAll(async () => {
  activeAtoms = (await sql<{ id: string }[]>`select id from public.prompt_atoms where is_active order by name limit 3`).map((r) => r.id);
  const [row] = await sql<{ id: string }[]>`
    insert into public.prompt_atoms (name, category, system_prompt, is_active)
    values (${`vibe-test-retired-${randomUUID().slice(0, 8)}`}, 'constraint', 'Retired atom.', false) returning id`;
  inactiveAtom = row!.id;
});

/** Every vibe row of the user (current and presets), to check that a refused request wrote nothing. */
async function vibeRows(userId: string) {
  return sql`select * from public.vibe_configs where user_id = ${userId} order by kind, name`;
}

async function presetRow(id: string) {
  const [row] = await sql`select * from public.vibe_configs where id = ${id}`;
  return row;
}

const put = (user: TestUser, body: string | object) => callRoute(putVibe, '/api/vibe', { method: 'PUT', body, headers: bearer(user) });
const create = (user: TestUser, body: string | object) =>
  callRoute(createPreset, '/api/vibe/presets', { method: 'POST', body, headers: bearer(user) });
const patch = (user: TestUser, id: string, body: string | object) =>
  callRoute(patchPreset, `/api/vibe/presets/${id}`, { method: 'PATCH', body, headers: bearer(user), params: { id } });
const remove = (user: TestUser, id: string) =>
  callRoute(deletePreset, `/api/vibe/presets/${id}`, { method: 'DELETE', headers: bearer(user), params: { id } });
const apply = (user: TestUser, id: string) =>
  callRoute(applyPreset, `/api/vibe/presets/${id}/apply`, { method: 'POST', headers: bearer(user), params: { id } });

const envelope = (code: string) => ({ error: { code, message: expect.any(String) }, requestId: expect.any(String) });

type ErrorCase = { name: string; body: string | object; status: number; code: string; message?: RegExp };

describe('GET and PUT /api/vibe', () => {
  it('starts from the defaults', async () => {
    const user = await createUser('vibe-get');
    const res = await callRoute(getVibe, '/api/vibe', { headers: bearer(user) });
    expect(res.status).toBe(200);
    expect(Object.keys(res.json).sort()).toEqual([...VIBE_KEYS].sort());
    expect(res.json).toMatchObject({
      playfulness: 50,
      revenueFocus: 60,
      investorPerspective: 40,
      selectedAtoms: [],
      customInstructions: '',
      autoSuggest: false,
      approvalRequired: true,
      loggingLevel: 'standard',
    });
  });

  it('changes only the settings sent, keeps selected atoms in order without duplicates', async () => {
    const user = await createUser('vibe-put');
    const [first, second] = activeAtoms as [string, string];
    const res = await put(user, { playfulness: 0, selectedAtoms: [second, first, second], loggingLevel: 'verbose' });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ playfulness: 0, revenueFocus: 60, selectedAtoms: [second, first], loggingLevel: 'verbose' });
    const [row] = await sql`select playfulness, revenue_focus, selected_atoms, logging_level from public.vibe_configs where user_id = ${user.id} and kind = 'current'`;
    expect(row).toEqual({ playfulness: 0, revenue_focus: 60, selected_atoms: [second, first], logging_level: 'verbose' });
    expect((await put(user, { selectedAtoms: [] })).json.selectedAtoms).toEqual([]);
  });

  const cases: ErrorCase[] = [
    { name: 'playfulness 101', body: { playfulness: 101 }, status: 400, code: 'validation_failed', message: /^playfulness: must be between 0 and 100/ },
    { name: 'revenueFocus -1', body: { revenueFocus: -1 }, status: 400, code: 'validation_failed', message: /^revenueFocus: / },
    { name: 'a fractional slider', body: { investorPerspective: 40.5 }, status: 400, code: 'validation_failed', message: /^investorPerspective: must be a whole number/ },
    { name: 'custom instructions of 2001 characters', body: { customInstructions: 'x'.repeat(2001) }, status: 400, code: 'validation_failed', message: /^customInstructions: / },
    { name: 'an unknown logging level', body: { loggingLevel: 'debug' }, status: 400, code: 'validation_failed', message: /^loggingLevel: / },
    { name: 'an unknown field', body: { playfulness: 10, kind: 'preset' }, status: 400, code: 'validation_failed', message: /unknown field: kind/ },
    { name: 'a selected atom that does not exist', body: { selectedAtoms: [UNKNOWN_ID] }, status: 400, code: 'validation_failed', message: /^selectedAtoms: no active atom has the id 00000000-/ },
    { name: 'a selected atom that is not a uuid', body: { selectedAtoms: ['tone-formal'] }, status: 400, code: 'validation_failed', message: /^selectedAtoms\.0: / },
    { name: '51 selected atoms', body: { selectedAtoms: Array.from({ length: 51 }, () => randomUUID()) }, status: 400, code: 'validation_failed', message: /^selectedAtoms: / },
    { name: 'an empty change', body: {}, status: 400, code: 'validation_failed', message: /at least one setting/ },
    { name: 'a version and no setting', body: { version: 1 }, status: 400, code: 'validation_failed', message: /at least one setting/ },
    { name: 'version 0', body: { playfulness: 1, version: 0 }, status: 400, code: 'validation_failed', message: /^version: must be at least 1/ },
    { name: 'a fractional version', body: { playfulness: 1, version: 1.5 }, status: 400, code: 'validation_failed', message: /^version: must be a whole number/ },
    { name: 'a version as text', body: { playfulness: 1, version: '1' }, status: 400, code: 'validation_failed', message: /^version: / },
    { name: 'malformed JSON', body: '{"playfulness": ', status: 400, code: 'invalid_json' },
  ];

  it.each(cases)('$name → $status $code, nothing written', async ({ body, status, code, message }) => {
    const user = await createUser('vibe-error');
    const before = await vibeRows(user.id);
    const res = await put(user, body);
    expect(res.status).toBe(status);
    expect(res.json).toEqual(envelope(code));
    if (message) expect(res.json.error.message).toMatch(message);
    expect(await vibeRows(user.id)).toEqual(before);
  });

  it('refuses an inactive atom even mixed with active ones, naming selectedAtoms', async () => {
    const user = await createUser('vibe-inactive');
    const before = await vibeRows(user.id);
    const res = await put(user, { playfulness: 5, selectedAtoms: [activeAtoms[0], inactiveAtom] });
    expect(res.status).toBe(400);
    expect(res.json.error.message).toBe(`selectedAtoms: no active atom has the id ${inactiveAtom}`);
    expect(await vibeRows(user.id)).toEqual(before);
  });

  it('needs a signed-in user', async () => {
    expect((await callRoute(getVibe, '/api/vibe')).status).toBe(401);
    expect((await callRoute(putVibe, '/api/vibe', { method: 'PUT', body: { playfulness: 1 } })).status).toBe(401);
  });
});

describe('vibe versions', () => {
  it('counts every save, and a save based on the current version goes through', async () => {
    const user = await createUser('vibe-version');
    const start = await callRoute(getVibe, '/api/vibe', { headers: bearer(user) });
    expect(start.json.version).toBe(1);
    const first = await put(user, { playfulness: 20, version: 1 });
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ playfulness: 20, version: 2 });
    // Without a version the save applies to whatever is current, and still counts.
    expect((await put(user, { revenueFocus: 10 })).json.version).toBe(3);
    expect((await callRoute(getVibe, '/api/vibe', { headers: bearer(user) })).json).toMatchObject({ playfulness: 20, revenueFocus: 10, version: 3 });
  });

  it('refuses a save based on an older version with 409, the newer vibe in the answer and nothing written', async () => {
    const user = await createUser('vibe-stale');
    expect((await put(user, { playfulness: 30, customInstructions: 'From tab one.', version: 1 })).status).toBe(200);
    const before = await vibeRows(user.id);
    const stale = await put(user, { playfulness: 90, customInstructions: 'From tab two.', version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.json).toEqual({ ...envelope('conflict'), current: expect.objectContaining({ playfulness: 30, customInstructions: 'From tab one.', version: 2 }) });
    expect(stale.json.error.message).toMatch(/saved this vibe at .* UTC.*Load that version/);
    expect(Object.keys(stale.json.current).sort()).toEqual([...VIBE_KEYS].sort());
    expect(await vibeRows(user.id)).toEqual(before);
    const future = await put(user, { playfulness: 1, version: 99 });
    expect(future.status).toBe(409);
    expect(future.json.error.message).toMatch(/^Another tab or device saved this vibe at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/);
    expect(await vibeRows(user.id)).toEqual(before);
  });

  it('lets exactly one of two concurrent saves of the same version through; the other writes nothing', async () => {
    const user = await createUser('vibe-race');
    const results = await Promise.all([
      put(user, { playfulness: 11, customInstructions: 'left', version: 1 }),
      put(user, { playfulness: 99, customInstructions: 'right', version: 1 }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = results.find((r) => r.status === 200)!;
    const loser = results.find((r) => r.status === 409)!;
    expect(loser.json.current).toEqual(winner.json);
    const [row] = await sql`select playfulness, custom_instructions, version from public.vibe_configs where user_id = ${user.id} and kind = 'current'`;
    expect(row).toEqual({ playfulness: winner.json.playfulness, custom_instructions: winner.json.customInstructions, version: 2 });
  });

  it('applying a preset bumps the version, so a tab editing the older one gets a 409', async () => {
    const user = await createUser('vibe-apply-version');
    const preset = (await create(user, { name: 'Calm', settings: { playfulness: 5 } })).json;
    const applied = await apply(user, preset.id);
    expect(applied.json).toMatchObject({ playfulness: 5, version: 2 });
    const stale = await put(user, { playfulness: 70, version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.json.current).toMatchObject({ playfulness: 5, version: 2 });
  });

  it('a user cannot set the version column directly', async () => {
    const user = await createUser('vibe-version-grant');
    const attempt = withUserTransaction({ sub: user.id, role: 'authenticated' }, (tx) =>
      tx`update public.vibe_configs set version = 1000 where user_id = ${user.id} and kind = 'current'`,
    );
    await expect(attempt).rejects.toThrow(/permission denied/);
  });
});

describe('presets', () => {
  it('creates a preset from the current vibe, lists, renames, applies and deletes it', async () => {
    const user = await createUser('presets');
    await put(user, { playfulness: 10, revenueFocus: 90, customInstructions: 'Cite numbers.' });

    const created = await create(user, { name: '  Board meeting  ' });
    expect(created.status).toBe(201);
    expect(Object.keys(created.json).sort()).toEqual(PRESET_KEYS);
    expect(created.json).toMatchObject({ name: 'Board meeting', playfulness: 10, revenueFocus: 90, investorPerspective: 40, customInstructions: 'Cite numbers.' });
    const boardId = created.json.id;

    const custom = await create(user, { name: 'airy', settings: { playfulness: 95, selectedAtoms: [activeAtoms[0]], autoSuggest: true } });
    expect(custom.status).toBe(201);
    expect(custom.json).toMatchObject({ name: 'airy', playfulness: 95, revenueFocus: 90, selectedAtoms: [activeAtoms[0]], autoSuggest: true });

    const list = await callRoute(listPresets, '/api/vibe/presets', { headers: bearer(user) });
    expect(list.status).toBe(200);
    expect(list.json.presets.map((p: { name: string }) => p.name)).toEqual(['airy', 'Board meeting']);

    const renamed = await patch(user, boardId, { name: 'Board', settings: { investorPerspective: 100 } });
    expect(renamed.status).toBe(200);
    expect(renamed.json).toMatchObject({ id: boardId, name: 'Board', playfulness: 10, investorPerspective: 100 });
    expect(await presetRow(boardId)).toMatchObject({ name: 'Board', investor_perspective: 100 });

    // Changing the case of its own name is not a conflict with itself.
    expect((await patch(user, boardId, { name: 'BOARD' })).status).toBe(200);
    // An empty settings object is a mistake worth reporting, not a silent no-op.
    const empty = await patch(user, boardId, { settings: {} });
    expect(empty.status).toBe(400);
    expect(empty.json.error.message).toMatch(/^settings: send at least one setting/);
    expect(await presetRow(boardId)).toMatchObject({ name: 'BOARD', investor_perspective: 100 });

    const applied = await apply(user, custom.json.id);
    expect(applied.status).toBe(200);
    expect(Object.keys(applied.json).sort()).toEqual([...VIBE_KEYS].sort());
    expect(applied.json).toMatchObject({ playfulness: 95, revenueFocus: 90, investorPerspective: 40, selectedAtoms: [activeAtoms[0]], autoSuggest: true });
    expect((await callRoute(getVibe, '/api/vibe', { headers: bearer(user) })).json).toEqual(applied.json);
    // Applying copies: the preset is still there and later edits to it leave the current vibe alone.
    await patch(user, custom.json.id, { settings: { playfulness: 1 } });
    expect((await callRoute(getVibe, '/api/vibe', { headers: bearer(user) })).json.playfulness).toBe(95);

    const deleted = await remove(user, boardId);
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe('');
    expect(await presetRow(boardId)).toBeUndefined();
    expect((await remove(user, boardId)).status).toBe(404);
    const [current] = await sql`select count(*)::int as n from public.vibe_configs where user_id = ${user.id} and kind = 'current'`;
    expect(current!.n).toBe(1);
  });

  const createCases: ErrorCase[] = [
    { name: 'an empty name', body: { name: '   ' }, status: 400, code: 'validation_failed', message: /^name: must not be empty/ },
    { name: 'a name of 81 characters', body: { name: 'x'.repeat(81) }, status: 400, code: 'validation_failed', message: /^name: must be at most 80 characters/ },
    { name: 'a missing name', body: { settings: { playfulness: 1 } }, status: 400, code: 'validation_failed', message: /^name: / },
    { name: 'playfulness 101', body: { name: 'loud', settings: { playfulness: 101 } }, status: 400, code: 'validation_failed', message: /^settings\.playfulness: must be between 0 and 100/ },
    { name: 'an unknown field', body: { name: 'x', userId: UNKNOWN_ID }, status: 400, code: 'validation_failed', message: /unknown field: userId/ },
    { name: 'an unknown setting', body: { name: 'x', settings: { volume: 11 } }, status: 400, code: 'validation_failed', message: /unknown field: settings\.volume/ },
    { name: 'an unknown selected atom', body: { name: 'x', settings: { selectedAtoms: [UNKNOWN_ID] } }, status: 400, code: 'validation_failed', message: /^settings\.selectedAtoms: no active atom/ },
    { name: 'an inactive selected atom', body: { name: 'x', settings: { selectedAtoms: ['INACTIVE'] } }, status: 400, code: 'validation_failed', message: /^settings\.selectedAtoms: no active atom/ },
    { name: 'a duplicate name in another case', body: { name: 'DEEP WORK' }, status: 409, code: 'conflict', message: /already exists/ },
  ];

  it.each(createCases)('POST $name → $status $code, nothing written', async ({ body, status, code, message }) => {
    const user = await createUser('preset-create-error');
    await create(user, { name: 'Deep work' });
    const before = await vibeRows(user.id);
    const payload = JSON.parse(JSON.stringify(body).replace('INACTIVE', inactiveAtom));
    const res = await create(user, payload);
    expect(res.status).toBe(status);
    expect(res.json).toEqual(envelope(code));
    if (message) expect(res.json.error.message).toMatch(message);
    expect(await vibeRows(user.id)).toEqual(before);
  });

  it('keeps at most 50 presets per user', async () => {
    const user = await createUser('preset-limit');
    await sql`
      insert into public.vibe_configs (user_id, kind, name)
      select ${user.id}, 'preset', 'preset ' || n from generate_series(1, 49) as n`;
    expect((await create(user, { name: 'fiftieth' })).status).toBe(201);
    const refused = await create(user, { name: 'fifty-first' });
    expect(refused.status).toBe(409);
    expect(refused.json).toEqual(envelope('conflict'));
    expect(refused.json.error.message).toMatch(/50 presets.*Delete one/);
    const [count] = await sql`select count(*)::int as n from public.vibe_configs where user_id = ${user.id} and kind = 'preset'`;
    expect(count!.n).toBe(50);
  });

  const patchCases: (ErrorCase & { id?: string })[] = [
    { name: 'an unknown preset id', id: UNKNOWN_ID, body: { name: 'x' }, status: 404, code: 'not_found' },
    { name: 'a malformed preset id', id: 'not-a-uuid', body: { name: 'x' }, status: 404, code: 'not_found' },
    { name: 'the current vibe’s id', id: 'CURRENT', body: { settings: { playfulness: 1 } }, status: 404, code: 'not_found' },
    { name: 'a name another preset has', body: { name: 'focus' }, status: 409, code: 'conflict', message: /"focus" already exists/ },
    { name: 'slider 101', body: { settings: { revenueFocus: 101 } }, status: 400, code: 'validation_failed', message: /^settings\.revenueFocus: / },
    { name: 'an unknown selected atom', body: { settings: { selectedAtoms: [UNKNOWN_ID] } }, status: 400, code: 'validation_failed', message: /^settings\.selectedAtoms: / },
    { name: 'an unknown field', body: { kind: 'current' }, status: 400, code: 'validation_failed', message: /unknown field: kind/ },
    { name: 'an empty change', body: {}, status: 400, code: 'validation_failed', message: /at least one field/ },
  ];

  it.each(patchCases)('PATCH $name → $status $code, nothing written', async ({ id, body, status, code, message }) => {
    const user = await createUser('preset-patch-error');
    const target = (await create(user, { name: 'calm' })).json.id;
    await create(user, { name: 'Focus' });
    const [current] = await sql<{ id: string }[]>`select id from public.vibe_configs where user_id = ${user.id} and kind = 'current'`;
    const before = await vibeRows(user.id);
    const presetId = id === 'CURRENT' ? current!.id : (id ?? target);
    const res = await patch(user, presetId, body);
    expect(res.status).toBe(status);
    expect(res.json).toEqual(envelope(code));
    if (message) expect(res.json.error.message).toMatch(message);
    expect(await vibeRows(user.id)).toEqual(before);
  });

  it.each([
    { name: 'an unknown preset id', id: UNKNOWN_ID },
    { name: 'a malformed preset id', id: '1' },
    { name: 'the current vibe’s id', id: 'CURRENT' },
  ])('DELETE and apply with $name → 404, nothing changed', async ({ id }) => {
    const user = await createUser('preset-404');
    await create(user, { name: 'kept', settings: { playfulness: 3 } });
    const [current] = await sql<{ id: string }[]>`select id from public.vibe_configs where user_id = ${user.id} and kind = 'current'`;
    const presetId = id === 'CURRENT' ? current!.id : id;
    const before = await vibeRows(user.id);
    for (const res of [await remove(user, presetId), await apply(user, presetId)]) {
      expect(res.status).toBe(404);
      expect(res.json).toEqual(envelope('not_found'));
    }
    expect(await vibeRows(user.id)).toEqual(before);
  });

  it('needs a signed-in user on every preset route', async () => {
    const id = UNKNOWN_ID;
    expect((await callRoute(listPresets, '/api/vibe/presets')).status).toBe(401);
    expect((await callRoute(createPreset, '/api/vibe/presets', { method: 'POST', body: { name: 'x' } })).status).toBe(401);
    expect((await callRoute(patchPreset, `/api/vibe/presets/${id}`, { method: 'PATCH', body: { name: 'x' }, params: { id } })).status).toBe(401);
    expect((await callRoute(deletePreset, `/api/vibe/presets/${id}`, { method: 'DELETE', params: { id } })).status).toBe(401);
    expect((await callRoute(applyPreset, `/api/vibe/presets/${id}/apply`, { method: 'POST', params: { id } })).status).toBe(401);
  });
});

describe('vibes and presets across users', () => {
  it('lets user B neither read nor change user A’s vibe or presets through any route', async () => {
    const a = await createUser('vibe-a');
    const b = await createUser('vibe-b');
    await put(a, { playfulness: 7, customInstructions: 'A’s private instructions' });
    const aPreset = (await create(a, { name: 'A only', settings: { revenueFocus: 3 } })).json;
    const aBefore = await vibeRows(a.id);
    const bBefore = await vibeRows(b.id);

    const vibe = await callRoute(getVibe, '/api/vibe', { headers: bearer(b) });
    expect(vibe.json.playfulness).toBe(50);
    expect(vibe.text).not.toContain('A’s private instructions');
    const list = await callRoute(listPresets, '/api/vibe/presets', { headers: bearer(b) });
    expect(list.json).toEqual({ presets: [] });

    // Another user's preset is invisible under RLS: 404, never 403, so its existence is not revealed.
    for (const res of [
      await patch(b, aPreset.id, { name: 'stolen', settings: { revenueFocus: 99 } }),
      await remove(b, aPreset.id),
      await apply(b, aPreset.id),
    ]) {
      expect(res.status).toBe(404);
      expect(res.json).toEqual(envelope('not_found'));
    }
    expect(await vibeRows(a.id)).toEqual(aBefore);
    expect(await vibeRows(b.id)).toEqual(bBefore);

    // B's own writes touch only B's rows, and a preset name A uses is free for B.
    expect((await put(b, { playfulness: 99 })).status).toBe(200);
    expect((await create(b, { name: 'A only' })).status).toBe(201);
    expect(await vibeRows(a.id)).toEqual(aBefore);
  });
});
