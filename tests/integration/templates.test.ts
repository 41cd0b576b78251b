import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GET as listTemplates } from '@/app/api/templates/route';
import { GET as getTemplate } from '@/app/api/templates/[id]/route';
import { GET as getAnalytics } from '@/app/api/templates/[id]/analytics/route';
import { DELETE as deleteRating, PUT as putRating } from '@/app/api/templates/[id]/rating/route';
import { GET as getCustomization, PUT as putCustomization } from '@/app/api/templates/[id]/customization/route';
import { GET as getDiff } from '@/app/api/templates/[id]/customization/diff/route';
import { GET as getHistory } from '@/app/api/templates/[id]/customization/history/route';
import { POST as postPreview } from '@/app/api/templates/[id]/customization/preview/route';
import { POST as postRebase } from '@/app/api/templates/[id]/customization/rebase/route';
import { POST as postRollback } from '@/app/api/templates/[id]/customization/rollback/route';
import { POST as postTest } from '@/app/api/templates/[id]/customization/test/route';
import { POST as postValidate } from '@/app/api/templates/[id]/customization/validate/route';
import type { RouteHandler } from '@/lib/api/handler';
import { resetRateLimitsForTests } from '@/lib/rate-limit/limiter';
import { loadCatalog } from '@/lib/templates/load-catalog';
import { renderTemplate } from '@/lib/templates/render-template';
import {
  customizationDiffSchema,
  customizationSchema,
  customizationViewSchema,
  historySchema,
  previewSchema,
  rebaseResultSchema,
  templateAnalyticsSchema,
  templateDetailSchema,
  templateListSchema,
  type Customization,
} from '@/lib/zod/schemas/templates';
import { ownerSql } from '@/tests/support/database';
import { callRoute } from '@/tests/support/routes';
import { bearer, createUser, type TestUser } from '@/tests/support/users';

/**
 * The template API end to end on the seeded catalog: browsing, customisations with their history,
 * diff and rollback, rebasing onto a newer version the test publishes, ratings, analytics, and
 * that another user (or nobody) reaches none of it.
 */

const sql = ownerSql();
const catalog = loadCatalog();
const ENV = 'init-env-config';
const RATE = 'api-rate-limiting';
const envTemplate = catalog.find((template) => template.id === ENV)!;

type Handler = RouteHandler<{ id: string }>;
const call = (handler: Handler, user: TestUser | null, id: string, options: { method?: string; query?: string; body?: object; path?: string } = {}) =>
  callRoute(handler, `/api/templates/${id}${options.path ?? ''}${options.query ?? ''}`, {
    method: options.method ?? 'GET',
    headers: user ? bearer(user) : {},
    params: { id },
    ...(options.body === undefined ? {} : { body: options.body }),
  });

const list = async (user: TestUser, query = '') => {
  const res = await callRoute(listTemplates, `/api/templates${query}`, { headers: bearer(user) });
  expect(res.status, res.text).toBe(200);
  return templateListSchema.parse(res.json).templates;
};
const put = (user: TestUser, id: string, body: object) => call(putCustomization, user, id, { method: 'PUT', body });
const save = async (user: TestUser, id: string, body: object): Promise<Customization> => {
  const res = await put(user, id, body);
  expect(res.status, res.text).toBe(200);
  return customizationSchema.parse(res.json);
};
const customizationRows = (user: TestUser) =>
  sql`select template_id, version, variables, custom_instructions, enabled, base_version from public.user_template_customizations where user_id = ${user.id} order by template_id`;
const eventCount = async (user: TestUser, id: string, event: string) =>
  (await sql<{ n: number }[]>`select count(*)::int as n from public.template_usage_analytics where user_id = ${user.id} and template_id = ${id} and event = ${event}`)[0]!.n;

let alice: TestUser;

beforeAll(async () => {
  alice = await createUser('tpl-alice');
}, 30_000);

beforeEach(() => {
  resetRateLimitsForTests();
});

describe('GET /api/templates', () => {
  it('lists every catalog template in milestone order with its metadata and latest version', async () => {
    const templates = await list(alice);
    expect(templates.map((template) => template.id)).toEqual(catalog.map((template) => template.id));
    const env = templates.find((template) => template.id === ENV)!;
    expect(env).toMatchObject({
      name: envTemplate.name,
      milestone: '01-initialization',
      priority: envTemplate.priority,
      tags: envTemplate.tags,
      stacks: envTemplate.stacks,
      securityLevel: envTemplate.securityLevel,
      latestVersion: envTemplate.version,
      dependencies: envTemplate.dependencies,
      customization: { state: 'none', version: null, behindUpstream: false },
    });
  });

  it('filters by milestone, stack, priority and security, and searches name, description and tags ignoring case', async () => {
    const byMilestone = await list(alice, '?milestone=09-ci-cd');
    expect(byMilestone.map((template) => template.id).sort()).toEqual(['cicd-github-actions', 'cicd-quality-gates', 'cicd-security-scanning']);

    for (const [query, expected] of [
      ['stack=python', catalog.filter((template) => (template.stacks as string[]).includes('python'))],
      ['priority=critical', catalog.filter((template) => template.priority === 'critical')],
      ['security=critical', catalog.filter((template) => template.securityLevel === 'critical')],
      ['priority=high&security=high', catalog.filter((template) => template.priority === 'high' && template.securityLevel === 'high')],
    ] as const) {
      const ids = (await list(alice, `?${query}`)).map((template) => template.id);
      expect(ids, query).toEqual(expected.map((template) => template.id));
      expect(ids.length, `${query} narrows the catalog`).toBeLessThan(catalog.length);
    }

    // A tag, a word of a name and a word of a description, in another case than the file's.
    const tagged = (await list(alice, '?q=SECRETS')).map((template) => template.id);
    expect(tagged).toContain(ENV);
    expect(tagged).toEqual(catalog.filter((t) => [t.name, t.description, ...t.tags].some((text) => text.toLowerCase().includes('secrets'))).map((t) => t.id));
    expect((await list(alice, '?q=Environment%20CONFIGURATION')).map((template) => template.id)).toContain(ENV);
    expect(await list(alice, '?q=no-such-words-anywhere')).toEqual([]);
    expect((await list(alice, '?q=secrets&milestone=04-api-routes')).every((template) => template.milestone === '04-api-routes')).toBe(true);
  });

  it('refuses unknown filter values and fields, and anonymous callers', async () => {
    for (const query of ['?milestone=11-nowhere', '?stack=cobol', '?priority=urgent', '?security=none', '?sort=random', '?color=red']) {
      const res = await callRoute(listTemplates, `/api/templates${query}`, { headers: bearer(alice) });
      expect(res.status, query).toBe(400);
      expect(res.json.error.code).toBe('validation_failed');
    }
    const anon = await callRoute(listTemplates, '/api/templates');
    expect(anon.status).toBe(401);
    expect(anon.json.error.code).toBe('unauthorized');
  });

  it('recommends by the profile: a devops engineer with CI/CD and infra gets security, CI/CD and deployment first', async () => {
    const devops = await createUser('tpl-devops');
    await sql`update public.user_profiles set role = 'devops', stack = ${sql.json({ ci_cd: true, infra: true })} where user_id = ${devops.id}`;
    const recommended = await list(devops, '?sort=recommended');
    expect(recommended).toHaveLength(catalog.length);
    // The role's milestones (CI/CD, deployment, security) each get 3, and a stack tool that bears on them 2 more.
    const devopsMilestones = ['06-security-hardening', '09-ci-cd', '10-deployment'];
    const theirs = catalog.filter((template) => devopsMilestones.includes(template.milestone)).length;
    const top = recommended.slice(0, theirs).map((template) => template.milestone);
    expect(top.every((milestone) => devopsMilestones.includes(milestone)), top.join()).toBe(true);
    expect(recommended.find((template) => template.id === 'cicd-github-actions')!.recommendationScore).toBeGreaterThanOrEqual(5);
    const scores = recommended.map((template) => template.recommendationScore!);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    // A founder is steered elsewhere: the same list, another order.
    const founder = await createUser('tpl-founder');
    await sql`update public.user_profiles set role = 'founder' where user_id = ${founder.id}`;
    const forFounder = await list(founder, '?sort=recommended');
    expect(['01-initialization', '02-authentication', '04-api-routes', '10-deployment']).toContain(forFounder[0]!.milestone);
    expect((await list(devops)).every((template) => template.recommendationScore === null)).toBe(true);
  });

  it('popular ranks by how many people used a template, then by uses and rating, and one account cannot flood it', async () => {
    const [widest, rated, lower, flooded] = ['perf-compression', 'deploy-docker', 'test-setup', 'init-logging'];
    const people = await Promise.all(Array.from({ length: 6 }, (_, i) => createUser(`tpl-pop-${i}`)));
    const event = (user: TestUser, id: string, kind: string) => sql`insert into public.template_usage_analytics (user_id, template_id, event) values (${user.id}, ${id}, ${kind})`;
    // More people than any other test file gets to a template, so the order is this test's.
    for (const person of people) await event(person, widest!, 'render');
    for (const person of people.slice(1)) await event(person, rated!, 'generate');
    for (const person of people.slice(1)) await event(person, lower!, 'test');
    // One account repeating itself: the most uses, one person. Views are not uses at all.
    for (let i = 0; i < 50; i += 1) await event(people[0]!, flooded!, 'render');
    for (let i = 0; i < 50; i += 1) await event(people[0]!, flooded!, 'view');
    await sql`insert into public.template_feedback (user_id, template_id, rating) values (${people[0]!.id}, ${rated!}, 5), (${people[1]!.id}, ${lower!}, 2)`;

    const popular = await list(alice, '?sort=popular');
    expect(popular.slice(0, 3).map((template) => template.id)).toEqual([widest, rated, lower]);
    expect(popular[0]!.uses).toBeGreaterThanOrEqual(6);
    expect(popular.find((template) => template.id === rated)!.rating).toEqual({ average: 5, count: 1 });
    const floodedEntry = popular.find((template) => template.id === flooded)!;
    expect(floodedEntry.uses).toBeGreaterThanOrEqual(50);
    expect(floodedEntry.uses).toBeLessThan(100);
    expect(popular.indexOf(floodedEntry)).toBeGreaterThan(2);
  });
});

describe('GET /api/templates/:id', () => {
  it('returns the latest version in full, the versions and the caller’s customisation, and records a view', async () => {
    const user = await createUser('tpl-detail');
    const res = await call(getTemplate, user, ENV);
    expect(res.status, res.text).toBe(200);
    const detail = templateDetailSchema.parse(res.json);
    expect(detail.template.megaPrompt).toBe(envTemplate.megaPrompt);
    expect(detail.template.variables).toEqual(envTemplate.variables);
    expect(detail.versions.map((version) => version.version)).toEqual([envTemplate.version]);
    expect(detail.customization).toBeNull();
    expect(await eventCount(user, ENV, 'view')).toBe(1);
    expect((await call(getTemplate, user, 'no-such-template')).status).toBe(404);
    expect((await call(getTemplate, user, 'Not A Valid Id!')).status).toBe(404);
    expect((await call(getTemplate, null, ENV)).status).toBe(401);
  });
});

describe('customisation values are checked per variable type', () => {
  it('answers 400 with one error per field and writes nothing', async () => {
    const user = await createUser('tpl-validate');
    const res = await put(user, ENV, {
      expectedVersion: 0,
      customInstructions: 'Also mention {{nope}}.',
      variables: {
        nope: 'x',
        framework: 5,
        validator: 'joi',
        publicPrefix: 'A'.repeat(41),
        publicVariables: Array.from({ length: 21 }, (_, i) => `NEXT_PUBLIC_${i}`),
        allowMissingInTests: 'yes',
      },
    });
    expect(res.status, res.text).toBe(400);
    expect(res.json.error.code).toBe('validation_failed');
    const fields = Object.fromEntries((res.json.fields as { field: string; message: string }[]).map((error) => [error.field, error.message]));
    expect(fields).toEqual({
      'variables.nope': 'is not a variable of this template',
      'variables.framework': 'must be one of the options',
      'variables.validator': 'must be one of: zod, valibot, envalid',
      'variables.publicPrefix': 'must be at most 40 characters',
      'variables.publicVariables': 'must have at most 20 items',
      'variables.allowMissingInTests': 'must be true or false',
      customInstructions: '{{nope}} names no variable of this template',
    });

    const more = await put(user, ENV, { expectedVersion: 0, variables: { publicPrefix: 'lower_', serverVariables: ['OK', ''] } });
    expect(more.status).toBe(400);
    expect(more.json.fields).toEqual([
      { field: 'variables.publicPrefix', message: 'must match ^[A-Z][A-Z0-9_]*$' },
      { field: 'variables.serverVariables', message: 'item 2 must be 1 to 100 characters' },
    ]);
    const required = await put(user, ENV, { expectedVersion: 0, variables: { publicPrefix: '' } });
    expect(required.json.fields).toEqual([{ field: 'variables.publicPrefix', message: 'is required' }]);

    for (const [value, message] of [
      [0, 'must be at least 1'],
      [100_001, 'must be at most 100000'],
      [1.5, 'must be a whole number'],
      ['60', 'must be a number'],
    ] as const) {
      const number = await put(user, RATE, { expectedVersion: 0, variables: { userRequestsPerMinute: value } });
      expect(number.status).toBe(400);
      expect(number.json.fields, String(value)).toEqual([{ field: 'variables.userRequestsPerMinute', message }]);
    }
    expect(await customizationRows(user)).toEqual([]);

    // /validate runs the same checks, answers 200 and writes nothing either.
    const validated = await call(postValidate, user, ENV, { method: 'POST', path: '/customization/validate', body: { variables: { validator: 'joi' }, customInstructions: '{{#framework}}x' } });
    expect(validated.status, validated.text).toBe(200);
    expect(validated.json).toEqual({
      valid: false,
      baseVersion: envTemplate.version,
      errors: [
        { field: 'variables.validator', message: 'must be one of: zod, valibot, envalid' },
        { field: 'customInstructions', message: '{{#framework}} is never closed' },
      ],
    });
    const ok = await call(postValidate, user, ENV, { method: 'POST', path: '/customization/validate', body: { variables: { validator: 'valibot' }, customInstructions: 'Use {{validator}}.' } });
    expect(ok.json).toMatchObject({ valid: true, errors: [] });
    expect(await customizationRows(user)).toEqual([]);
  });
});

describe('saving, history, diff and rollback', () => {
  it('keeps every version, restores one exactly, and refuses a stale expectedVersion', async () => {
    const user = await createUser('tpl-history');
    const v1 = await save(user, ENV, { expectedVersion: 0, variables: { validator: 'valibot' }, customInstructions: 'Keep it to {{validator}}.' });
    expect(v1).toMatchObject({ version: 1, baseVersion: envTemplate.version, variables: { validator: 'valibot' }, enabled: true });
    expect(v1.values.framework).toBe('Next.js');
    expect(v1.values.validator).toBe('valibot');
    const v2 = await save(user, ENV, { expectedVersion: 1, variables: { validator: 'zod', publicPrefix: 'VITE_' }, enabled: false });
    const v3 = await save(user, ENV, { expectedVersion: 2, variables: { framework: 'Remix' }, customInstructions: 'Third.' });
    expect([v2.version, v3.version]).toEqual([2, 3]);

    // Someone saved since: 409, and nothing changes.
    const before = await customizationRows(user);
    const stale = await put(user, ENV, { expectedVersion: 2, variables: { framework: 'Node.js service' } });
    expect(stale.status).toBe(409);
    expect(stale.json).toMatchObject({ error: { code: 'conflict' }, currentVersion: 3 });
    const again = await put(user, ENV, { expectedVersion: 0, variables: {} });
    expect(again.status).toBe(409);
    expect(await customizationRows(user)).toEqual(before);

    const history = historySchema.parse((await call(getHistory, user, ENV, { path: '/customization/history' })).json).history;
    expect(history.map((entry) => entry.version)).toEqual([3, 2, 1]);
    expect(history[2]!.snapshot).toEqual({ variables: { validator: 'valibot' }, customInstructions: 'Keep it to {{validator}}.', enabled: true, baseVersion: envTemplate.version });
    expect(history[1]!.snapshot.enabled).toBe(false);

    const rollback = await call(postRollback, user, ENV, { method: 'POST', path: '/customization/rollback', body: { toVersion: 1, expectedVersion: 3 } });
    expect(rollback.status, rollback.text).toBe(200);
    const v4 = customizationSchema.parse(rollback.json);
    expect(v4.version).toBe(4);
    expect({ ...v4, id: v1.id, version: 1, createdAt: v1.createdAt, updatedAt: v1.updatedAt }).toEqual(v1);
    const after = historySchema.parse((await call(getHistory, user, ENV, { path: '/customization/history' })).json).history;
    expect(after.map((entry) => entry.version)).toEqual([4, 3, 2, 1]);
    expect(after[0]!.snapshot).toEqual(after[3]!.snapshot);
    expect(after[0]!.changeSummary).toBe('Rolled back to version 1');

    const staleRollback = await call(postRollback, user, ENV, { method: 'POST', path: '/customization/rollback', body: { toVersion: 2, expectedVersion: 3 } });
    expect(staleRollback.status).toBe(409);
    const missing = await call(postRollback, user, ENV, { method: 'POST', path: '/customization/rollback', body: { toVersion: 9, expectedVersion: 4 } });
    expect(missing.status).toBe(404);
    expect((await customizationRows(user))[0]).toMatchObject({ version: 4 });
    expect(await eventCount(user, ENV, 'customize')).toBe(4);
  });

  it('diffs two versions and the base template: prompt lines, values and a similarity score', async () => {
    const user = await createUser('tpl-diff');
    await save(user, ENV, { expectedVersion: 0, variables: { validator: 'valibot' } });
    await save(user, ENV, { expectedVersion: 1, variables: { validator: 'valibot', framework: 'Remix' }, customInstructions: 'Prefer {{framework}} loaders.' });

    const res = await call(getDiff, user, ENV, { path: '/customization/diff', query: '?from=1&to=2' });
    expect(res.status, res.text).toBe(200);
    const diff = customizationDiffSchema.parse(res.json);
    expect(diff.from).toEqual({ version: 1, baseVersion: envTemplate.version, enabled: true });
    expect(diff.values.changes).toEqual([{ name: 'framework', from: 'Next.js', to: 'Remix' }]);
    expect(diff.values.lines.filter((line) => line.op !== 'equal')).toEqual([
      { op: 'delete', line: 'framework: "Next.js"' },
      { op: 'insert', line: 'framework: "Remix"' },
    ]);
    expect(diff.instructions.lines).toEqual([{ op: 'insert', line: 'Prefer {{framework}} loaders.' }]);
    const inserted = diff.prompt.lines.filter((line) => line.op === 'insert').map((line) => line.line);
    expect(inserted.some((line) => line.includes('written in Remix'))).toBe(true);
    expect(inserted).toContain('Prefer Remix loaders.');
    expect(diff.prompt.similarity).toBeGreaterThan(0.5);
    expect(diff.prompt.similarity).toBeLessThan(1);
    // Applying the prompt diff to the older render gives the newer one.
    const [older, newer] = [
      diff.prompt.lines.filter((line) => line.op !== 'insert').map((line) => line.line).join('\n'),
      diff.prompt.lines.filter((line) => line.op !== 'delete').map((line) => line.line).join('\n'),
    ];
    const values1 = Object.fromEntries(envTemplate.variables.map((variable) => [variable.name, variable.default]));
    expect(older).toBe(renderTemplate(envTemplate.megaPrompt, { ...values1, validator: 'valibot' }));
    expect(newer.startsWith(renderTemplate(envTemplate.megaPrompt, { ...values1, validator: 'valibot', framework: 'Remix' }))).toBe(true);

    const fromBase = customizationDiffSchema.parse((await call(getDiff, user, ENV, { path: '/customization/diff' })).json);
    expect(fromBase.from).toEqual({ version: null, baseVersion: envTemplate.version, enabled: null });
    expect(fromBase.to.version).toBe(2);
    expect(fromBase.values.changes.map((change) => change.name)).toEqual(['framework', 'validator']);
    const same = customizationDiffSchema.parse((await call(getDiff, user, ENV, { path: '/customization/diff', query: '?from=2&to=2' })).json);
    expect(same.prompt.similarity).toBe(1);
    expect(same.prompt.lines.every((line) => line.op === 'equal')).toBe(true);

    expect((await call(getDiff, user, ENV, { path: '/customization/diff', query: '?from=7' })).status).toBe(404);
    expect((await call(getDiff, user, ENV, { path: '/customization/diff', query: '?from=latest' })).status).toBe(400);
  });

  it('previews base and customised side by side, and test-renders sample values, saving nothing', async () => {
    const user = await createUser('tpl-preview');
    expect((await call(postPreview, user, ENV, { method: 'POST', path: '/customization/preview', body: {} })).status).toBe(404);
    const draft = await call(postPreview, user, ENV, { method: 'POST', path: '/customization/preview', body: { variables: { framework: 'Remix' } } });
    expect(draft.status, draft.text).toBe(200);
    const preview = previewSchema.parse(draft.json);
    const defaults = Object.fromEntries(envTemplate.variables.map((variable) => [variable.name, variable.default]));
    expect(preview.base.prompt).toBe(renderTemplate(envTemplate.megaPrompt, defaults));
    expect(preview.customized.prompt).toBe(renderTemplate(envTemplate.megaPrompt, { ...defaults, framework: 'Remix' }));
    expect(preview.customized.version).toBeNull();
    expect(preview.diff.similarity).toBeLessThan(1);
    const bad = await call(postPreview, user, ENV, { method: 'POST', path: '/customization/preview', body: { variables: { framework: 'Rails' } } });
    expect(bad.status).toBe(400);
    expect(bad.json.fields).toEqual([{ field: 'variables.framework', message: 'must be one of: Next.js, Node.js service, Remix' }]);

    await save(user, ENV, { expectedVersion: 0, variables: { validator: 'envalid' } });
    const saved = previewSchema.parse((await call(postPreview, user, ENV, { method: 'POST', path: '/customization/preview', body: {} })).json);
    expect(saved.customized.version).toBe(1);
    expect(saved.customized.prompt).toContain('with envalid');

    const test = await call(postTest, user, ENV, { method: 'POST', path: '/customization/test', body: { variables: { framework: 'Node.js service' } } });
    expect(test.status, test.text).toBe(200);
    expect(test.json.values).toMatchObject({ framework: 'Node.js service', validator: 'envalid' });
    expect(test.json.prompt).toBe(renderTemplate(envTemplate.megaPrompt, { ...defaults, framework: 'Node.js service', validator: 'envalid' }));
    expect((await customizationRows(user))[0]).toMatchObject({ version: 1, variables: { validator: 'envalid' } });
    expect(await eventCount(user, ENV, 'render')).toBe(2);
    expect(await eventCount(user, ENV, 'test')).toBe(1);
  });
});

describe('following upstream: rebase onto a newer version', () => {
  const NEXT = '90.0.0';
  const nextVariables = envTemplate.variables
    .filter((variable) => variable.name !== 'allowMissingInTests')
    .map((variable) => {
      if (variable.name === 'publicPrefix') return { name: 'publicPrefix', label: 'Public prefix', description: 'The bundler prefix.', type: 'enum', options: ['NEXT_PUBLIC_', 'VITE_'], default: 'NEXT_PUBLIC_', required: true };
      if (variable.name === 'validator') return { ...variable, options: ['zod', 'valibot', 'arktype'] };
      return variable;
    })
    .concat([{ name: 'strictMode', label: 'Strict mode', description: 'Refuse unknown variables.', type: 'boolean', default: true, required: false }]);
  const nextPrompt = `${envTemplate.megaPrompt.replace(/\{\{#allowMissingInTests\}\}[\s\S]*?\{\{\/allowMissingInTests\}\}|\{\{\^allowMissingInTests\}\}[\s\S]*?\{\{\/allowMissingInTests\}\}/g, '')}\n{{#strictMode}}Refuse any variable the schema does not declare.{{/strictMode}}`;

  beforeAll(async () => {
    // Published as the server would (an administrator's insert), for a seeded template.
    await sql`insert into public.template_versions (template_id, version, mega_prompt, variables, changelog)
      values (${ENV}, ${NEXT}, ${nextPrompt}, ${sql.json(nextVariables as never)}, 'Test version')`;
  });
  afterAll(async () => {
    await sql`update public.user_template_customizations set base_version = null where template_id = ${ENV} and base_version = ${NEXT}`;
    await sql`delete from public.template_versions where template_id = ${ENV} and version = ${NEXT}`;
  });

  it('shows what changed upstream, plans without writing, and applies with resolutions: kept values, new defaults, conflicts', async () => {
    const user = await createUser('tpl-rebase');
    // Made on the old version (as if before the new one was published).
    await sql`insert into public.user_template_customizations (user_id, template_id, variables, custom_instructions, version, base_version)
      values (${user.id}, ${ENV}, ${sql.json({ validator: 'valibot', serverVariables: ['DATABASE_URL'], publicPrefix: 'PUBLIC_', allowMissingInTests: false })},
        'Mention {{allowMissingInTests}} in the README.', 1, ${envTemplate.version})`;
    const [row] = await sql<{ id: string }[]>`select id from public.user_template_customizations where user_id = ${user.id}`;
    await sql`insert into public.template_customization_history (customization_id, user_id, version, snapshot)
      values (${row!.id}, ${user.id}, 1, ${sql.json({ variables: { validator: 'valibot' }, customInstructions: '', enabled: true, baseVersion: envTemplate.version })})`;

    const listed = (await list(user, '?milestone=01-initialization')).find((template) => template.id === ENV)!;
    expect(listed.latestVersion).toBe(NEXT);
    expect(listed.customization).toEqual({ state: 'enabled', version: 1, baseVersion: envTemplate.version, behindUpstream: true });

    const view = customizationViewSchema.parse((await call(getCustomization, user, ENV, { path: '/customization' })).json);
    expect(view.baseVersion).toBe(envTemplate.version);
    expect(view.latestVersion).toBe(NEXT);
    expect(view.upstream).toMatchObject({
      fromVersion: envTemplate.version,
      toVersion: NEXT,
      added: ['strictMode'],
      removed: ['allowMissingInTests'],
      retyped: [{ name: 'publicPrefix', from: 'string', to: 'enum' }],
      optionsChanged: [{ name: 'validator', added: ['arktype'], removed: ['envalid'] }],
    });
    expect(view.upstream!.prompt.lines.some((line) => line.op === 'insert' && line.line.includes('{{#strictMode}}'))).toBe(true);
    expect(view.upstream!.prompt.lines.some((line) => line.op === 'delete' && line.line.includes('allowMissingInTests'))).toBe(true);

    const before = await customizationRows(user);
    const planned = await call(postRebase, user, ENV, { method: 'POST', path: '/customization/rebase', body: { expectedVersion: 1 } });
    expect(planned.status, planned.text).toBe(200);
    const { applied, plan } = rebaseResultSchema.parse(planned.json);
    expect(applied).toBe(false);
    expect(plan.kept.sort()).toEqual(['serverVariables', 'validator']);
    expect(plan.newDefaults).toEqual(['strictMode']);
    expect(plan.conflicts.map(({ field, reason }) => ({ field, reason }))).toEqual([
      { field: 'variables.publicPrefix', reason: 'invalid' },
      { field: 'variables.allowMissingInTests', reason: 'removed' },
      { field: 'customInstructions', reason: 'invalid' },
    ]);
    expect(await customizationRows(user)).toEqual(before);

    // Resolutions for some conflicts only: 409 with the plan, nothing written.
    const partial = await call(postRebase, user, ENV, {
      method: 'POST',
      path: '/customization/rebase',
      body: { expectedVersion: 1, resolutions: { 'variables.publicPrefix': { action: 'value', value: 'VITE_' } } },
    });
    expect(partial.status).toBe(409);
    expect(partial.json.plan.conflicts).toHaveLength(3);
    // A resolution value the new variable does not accept: 400 naming it.
    const badValue = await call(postRebase, user, ENV, {
      method: 'POST',
      path: '/customization/rebase',
      body: {
        expectedVersion: 1,
        resolutions: { 'variables.publicPrefix': { action: 'value', value: 'PUBLIC_' }, 'variables.allowMissingInTests': { action: 'drop' }, customInstructions: { action: 'drop' } },
      },
    });
    expect(badValue.status).toBe(400);
    expect(badValue.json.fields).toEqual([{ field: 'variables.publicPrefix', message: 'must be one of: NEXT_PUBLIC_, VITE_' }]);
    expect(await customizationRows(user)).toEqual(before);

    const done = await call(postRebase, user, ENV, {
      method: 'POST',
      path: '/customization/rebase',
      body: {
        expectedVersion: 1,
        resolutions: {
          'variables.publicPrefix': { action: 'value', value: 'VITE_' },
          'variables.allowMissingInTests': { action: 'drop' },
          customInstructions: { action: 'value', value: 'Mention {{strictMode}} in the README.' },
        },
      },
    });
    expect(done.status, done.text).toBe(200);
    const result = rebaseResultSchema.parse(done.json);
    expect(result.applied).toBe(true);
    expect(result.customization).toMatchObject({
      version: 2,
      baseVersion: NEXT,
      variables: { validator: 'valibot', serverVariables: ['DATABASE_URL'], publicPrefix: 'VITE_' },
      customInstructions: 'Mention {{strictMode}} in the README.',
    });
    expect(result.customization!.values).toMatchObject({ strictMode: true, framework: 'Next.js' });
    expect(result.customization!.values).not.toHaveProperty('allowMissingInTests');
    const history = historySchema.parse((await call(getHistory, user, ENV, { path: '/customization/history' })).json).history;
    expect(history[0]).toMatchObject({ version: 2, snapshot: { baseVersion: NEXT }, changeSummary: `Rebased from version ${envTemplate.version} onto ${NEXT}` });

    // On the latest now: nothing upstream, and a second rebase is refused.
    const now = customizationViewSchema.parse((await call(getCustomization, user, ENV, { path: '/customization' })).json);
    expect(now.upstream).toBeNull();
    expect((await call(postRebase, user, ENV, { method: 'POST', path: '/customization/rebase', body: { expectedVersion: 2 } })).status).toBe(409);
    expect((await call(postRebase, user, ENV, { method: 'POST', path: '/customization/rebase', body: { expectedVersion: 1, resolutions: {} } })).status).toBe(409);
    // Rolling back to version 1 restores its base too: upstream shows again.
    const rolled = await call(postRollback, user, ENV, { method: 'POST', path: '/customization/rollback', body: { toVersion: 1, expectedVersion: 2 } });
    expect(customizationSchema.parse(rolled.json)).toMatchObject({ version: 3, baseVersion: envTemplate.version, variables: { validator: 'valibot' } });
  });

  it('a customisation without conflicts rebases with an empty resolutions object; a new one starts on the latest', async () => {
    const user = await createUser('tpl-rebase-clean');
    await sql`insert into public.user_template_customizations (user_id, template_id, variables, version, base_version)
      values (${user.id}, ${ENV}, ${sql.json({ framework: 'Remix' })}, 1, ${envTemplate.version})`;
    const plan = rebaseResultSchema.parse((await call(postRebase, user, ENV, { method: 'POST', path: '/customization/rebase', body: { expectedVersion: 1 } })).json).plan;
    expect(plan).toMatchObject({ kept: ['framework'], newDefaults: ['strictMode'], conflicts: [] });
    const applied = await call(postRebase, user, ENV, { method: 'POST', path: '/customization/rebase', body: { expectedVersion: 1, resolutions: {} } });
    expect(applied.status, applied.text).toBe(200);
    expect(applied.json.customization).toMatchObject({ version: 2, baseVersion: NEXT, variables: { framework: 'Remix' } });

    const fresh = await createUser('tpl-rebase-fresh');
    expect(await save(fresh, ENV, { expectedVersion: 0, variables: { strictMode: false } })).toMatchObject({ baseVersion: NEXT, values: { strictMode: false } });
  });
});

describe('ratings and analytics', () => {
  it('rates 1–5 with a comment, replaces and deletes the rating, and counts it', async () => {
    const id = 'security-csrf-protection';
    const user = await createUser('tpl-rate');
    for (const body of [{ rating: 0 }, { rating: 6 }, { rating: 4.5 }, { rating: 3, comment: 'x'.repeat(2001) }, { rating: 3, extra: true }]) {
      const res = await call(putRating, user, id, { method: 'PUT', path: '/rating', body });
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    expect((await call(putRating, user, 'no-such-template', { method: 'PUT', path: '/rating', body: { rating: 3 } })).status).toBe(404);
    const rated = await call(putRating, user, id, { method: 'PUT', path: '/rating', body: { rating: 2, comment: 'Too long.' } });
    expect(rated.status, rated.text).toBe(200);
    expect(rated.json).toMatchObject({ templateId: id, rating: 2, comment: 'Too long.' });
    await call(putRating, user, id, { method: 'PUT', path: '/rating', body: { rating: 4 } });
    const other = await createUser('tpl-rate-2');
    await call(putRating, other, id, { method: 'PUT', path: '/rating', body: { rating: 5 } });

    const analytics = templateAnalyticsSchema.parse((await call(getAnalytics, user, id, { path: '/analytics' })).json);
    expect(analytics.rating).toEqual({ average: 4.5, count: 2, yours: 4 });
    expect((await call(deleteRating, user, id, { method: 'DELETE', path: '/rating' })).status).toBe(204);
    expect((await call(deleteRating, user, id, { method: 'DELETE', path: '/rating' })).status).toBe(404);
    const after = templateAnalyticsSchema.parse((await call(getAnalytics, user, id, { path: '/analytics' })).json);
    expect(after.rating).toEqual({ average: 5, count: 1, yours: null });
  });

  it('counts uses and the outcomes of the runs that recorded the template, never a run a usage event names', async () => {
    const id = 'perf-caching-strategy';
    const [user, other] = [await createUser('tpl-analytics'), await createUser('tpl-analytics-2')];
    // As the server writes it when a run opens (migration 025): the versions the run's prompt used.
    const used = sql.json([{ id, version: '1.0.0', customizationVersion: null }]);
    const run = async (owner: TestUser, values: { status: string; feedback: string | null; tokens: number; latency: number }, templates = used) => {
      const [row] = await sql<{ id: string }[]>`
        insert into public.agent_runs (user_id, task, model, status, feedback, input_tokens, output_tokens, latency_ms, template_versions)
        values (${owner.id}, 'Template task', 'offline', ${values.status}, ${values.feedback}, ${values.tokens}, 0, ${values.latency}, ${templates}) returning id`;
      return row!.id;
    };
    await run(user, { status: 'succeeded', feedback: 'approved', tokens: 1000, latency: 400 });
    await run(user, { status: 'succeeded', feedback: 'rejected', tokens: 3000, latency: 800 });
    await run(other, { status: 'succeeded', feedback: 'approved', tokens: 2000, latency: 600 });
    const event = (owner: TestUser, kind: string, runId?: string) =>
      sql`insert into public.template_usage_analytics (user_id, template_id, event, metadata) values (${owner.id}, ${id}, ${kind}, ${sql.json(runId ? { runId } : {})})`;
    await event(user, 'generate');
    await event(user, 'generate');
    await event(other, 'render');
    await event(user, 'test');
    await event(user, 'view');
    // A run without the template, named in a usage event (which users write themselves), does not count.
    const unrelated = await run(user, { status: 'succeeded', feedback: 'rejected', tokens: 99_999, latency: 99_999 }, sql.json([]));
    await event(user, 'generate', unrelated);
    await sql`insert into public.template_usage_analytics (user_id, template_id, event, metadata) values (${user.id}, ${id}, 'generate', '{"runId":"not-a-uuid"}')`;

    const res = await call(getAnalytics, user, id, { path: '/analytics' });
    expect(res.status, res.text).toBe(200);
    const analytics = templateAnalyticsSchema.parse(res.json);
    // Uses: render, test and generate events (the two unlinked generates too), not the view.
    expect(analytics).toMatchObject({ templateId: id, uses: 6, users: 2, yourUses: 5 });
    expect(analytics.runs).toEqual({ count: 3, succeeded: 3, approved: 2, rejected: 1, revised: 0, successRate: 2 / 3, averageTokens: 2000, averageLatencyMs: 600 });
    const otherView = templateAnalyticsSchema.parse((await call(getAnalytics, other, id, { path: '/analytics' })).json);
    expect(otherView.yourUses).toBe(1);
    expect((await call(getAnalytics, user, 'no-such-template', { path: '/analytics' })).status).toBe(404);
  });
});

describe('cross-tenant: another user reaches none of a customisation, and nobody signed out reaches any route', () => {
  it('B gets 404 for A’s customisation on every route and cannot write it', async () => {
    const [a, b] = [await createUser('tpl-owner'), await createUser('tpl-stranger')];
    await save(a, RATE, { expectedVersion: 0, variables: { userRequestsPerMinute: 120 }, customInstructions: 'Mine.' });
    await save(a, RATE, { expectedVersion: 1, variables: { userRequestsPerMinute: 90 } });
    const before = await customizationRows(a);

    const path = '/customization';
    const refused = [
      await call(getCustomization, b, RATE, { path }),
      await call(getHistory, b, RATE, { path: `${path}/history` }),
      await call(getDiff, b, RATE, { path: `${path}/diff`, query: '?from=1&to=2' }),
      await call(postRollback, b, RATE, { method: 'POST', path: `${path}/rollback`, body: { toVersion: 1, expectedVersion: 2 } }),
      await call(postRebase, b, RATE, { method: 'POST', path: `${path}/rebase`, body: { expectedVersion: 2 } }),
      await call(postPreview, b, RATE, { method: 'POST', path: `${path}/preview`, body: {} }),
      await put(b, RATE, { expectedVersion: 2, variables: { userRequestsPerMinute: 1 } }),
      await put(b, RATE, { expectedVersion: 1, variables: { userRequestsPerMinute: 1 } }),
    ];
    expect(refused.map((res) => res.status)).toEqual(refused.map(() => 404));
    expect(refused.every((res) => res.json.error.code === 'not_found')).toBe(true);
    // B's test render and validation see B's own (empty) state, not A's values.
    const test = await call(postTest, b, RATE, { method: 'POST', path: `${path}/test`, body: {} });
    expect(test.json.values.userRequestsPerMinute).toBe(60);
    const detail = templateDetailSchema.parse((await call(getTemplate, b, RATE)).json);
    expect(detail.customization).toBeNull();
    // B creating their own customisation of the same template leaves A's alone.
    await save(b, RATE, { expectedVersion: 0, variables: { userRequestsPerMinute: 5 } });
    expect(await customizationRows(a)).toEqual(before);
    expect(((await list(b)).find((template) => template.id === RATE)!.customization.version)).toBe(1);
    expect(((await list(a)).find((template) => template.id === RATE)!.customization.version)).toBe(2);
  });

  it('anon gets 401 on every template route', async () => {
    const path = '/customization';
    const answers = [
      await callRoute(listTemplates, '/api/templates'),
      await call(getTemplate, null, RATE),
      await call(getCustomization, null, RATE, { path }),
      await call(putCustomization, null, RATE, { method: 'PUT', path, body: { expectedVersion: 0, variables: {} } }),
      await call(getHistory, null, RATE, { path: `${path}/history` }),
      await call(getDiff, null, RATE, { path: `${path}/diff` }),
      await call(postRollback, null, RATE, { method: 'POST', path: `${path}/rollback`, body: { toVersion: 1, expectedVersion: 1 } }),
      await call(postRebase, null, RATE, { method: 'POST', path: `${path}/rebase`, body: { expectedVersion: 1 } }),
      await call(postPreview, null, RATE, { method: 'POST', path: `${path}/preview`, body: {} }),
      await call(postValidate, null, RATE, { method: 'POST', path: `${path}/validate`, body: {} }),
      await call(postTest, null, RATE, { method: 'POST', path: `${path}/test`, body: {} }),
      await call(putRating, null, RATE, { method: 'PUT', path: '/rating', body: { rating: 5 } }),
      await call(deleteRating, null, RATE, { method: 'DELETE', path: '/rating' }),
      await call(getAnalytics, null, RATE, { path: '/analytics' }),
    ];
    expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 401));
    expect(answers.every((answer) => answer.json.error.code === 'unauthorized' && typeof answer.json.requestId === 'string')).toBe(true);
  });

  it('a template id that is not in the catalog is a 404 everywhere, with nothing written', async () => {
    const user = await createUser('tpl-unknown');
    const id = `nope-${randomUUID().slice(0, 6)}`;
    expect((await put(user, id, { expectedVersion: 0, variables: {} })).status).toBe(404);
    expect((await call(postTest, user, id, { method: 'POST', path: '/customization/test', body: {} })).status).toBe(404);
    expect((await call(postValidate, user, id, { method: 'POST', path: '/customization/validate', body: {} })).status).toBe(404);
    expect(await customizationRows(user)).toEqual([]);
  });
});
