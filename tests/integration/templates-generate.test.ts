import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as getRunRoute } from '@/app/api/runs/[id]/route';
import { POST as postRun } from '@/app/api/runs/route';
import { GET as getThreadRoute } from '@/app/api/threads/[id]/route';
import { POST as generateRoute } from '@/app/api/templates/generate/route';
import type { Queryable } from '@/lib/db/client';
import { withUserTransaction } from '@/lib/db/user-transaction';
import { resetServerEnvForTests } from '@/lib/env';
import { resetRateLimitsForTests } from '@/lib/rate-limit/limiter';
import { catalogIndex } from '@/lib/templates/catalog-index';
import { generatePrompt } from '@/lib/templates/generate-prompt';
import { runStreamEventSchema, type Run } from '@/lib/zod/schemas/runs';
import { ownerSql } from '@/tests/support/database';
import { fakeOpenAIForThisFile } from '@/tests/support/fake-openai';
import { callRoute } from '@/tests/support/routes';
import { bearer, createUser, type TestUser } from '@/tests/support/users';

/**
 * Combined prompts from the template catalog (issue 11, item 8): POST /api/templates/generate and
 * runs with templateIds, against the seeded template_versions and the caller's customisations.
 */

const sql = ownerSql();
const fake = await fakeOpenAIForThisFile();
const catalog = catalogIndex();
const ALL_IDS = [...catalog.keys()];
const MONTH = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), 1)).toISOString().slice(0, 10);
const RESETS_AT = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() + 1, 1)).toISOString();

beforeAll(() => {
  process.env.RATE_LIMIT_SCALE = '100';
  resetServerEnvForTests();
  resetRateLimitsForTests();
});
afterAll(() => {
  delete process.env.RATE_LIMIT_SCALE;
  resetServerEnvForTests();
});

const generate = (user: TestUser, body: object) => callRoute(generateRoute, '/api/templates/generate', { method: 'POST', body, headers: bearer(user) });

async function startRun(user: TestUser, body: object) {
  const res = await callRoute(postRun, '/api/runs', { method: 'POST', body: { outputType: 'content', ...body }, headers: bearer(user) });
  const events = res.headers.get('content-type')?.startsWith('application/x-ndjson')
    ? res.text.split('\n').filter(Boolean).map((line) => runStreamEventSchema.parse(JSON.parse(line)))
    : [];
  const last = events.at(-1);
  const run = last && (last.type === 'done' || last.type === 'error') ? last.run : null;
  return { ...res, run: run as Run | null };
}

async function customize(user: TestUser, templateId: string, fields: { variables: object; customInstructions?: string; enabled?: boolean; version?: number }) {
  const [row] = await sql<{ id: string }[]>`
    insert into public.user_template_customizations (user_id, template_id, variables, custom_instructions, enabled, version)
    values (${user.id}, ${templateId}, ${sql.json(fields.variables as never)}, ${fields.customInstructions ?? ''}, ${fields.enabled ?? true}, ${fields.version ?? 1})
    returning id`;
  return row!.id;
}

async function counter(user: TestUser, metric: string): Promise<number | null> {
  const [row] = await sql<{ count: string }[]>`
    select count::text from public.usage_metrics where user_id = ${user.id} and metric_type = ${metric} and period_start = ${MONTH}`;
  return row ? Number(row.count) : null;
}

async function setCounter(user: TestUser, metric: string, count: number) {
  await sql`
    insert into public.usage_metrics (user_id, metric_type, period_start, count) values (${user.id}, ${metric}, ${MONTH}, ${count})
    on conflict (user_id, metric_type, period_start) do update set count = excluded.count`;
}

const reservations = (user: TestUser) =>
  sql<{ metric: string; state: string; reserved_amount: string; settled_amount: string | null; subject: string }[]>`
    select metric, state, reserved_amount::text, settled_amount::text, subject from public.usage_reservations where user_id = ${user.id} order by created_at`;

const analytics = (user: TestUser) =>
  sql<{ template_id: string; event: string; metadata: Record<string, unknown> }[]>`
    select template_id, event, metadata from public.template_usage_analytics where user_id = ${user.id} order by id`;

const version = (id: string) => catalog.get(id)!.template.version;
const logging = catalog.get('init-logging')!.template;

describe('POST /api/templates/generate', () => {
  it('renders every catalogued template from its published version with its defaults', async () => {
    const user = await createUser('generate-all');
    await sql`update public.user_profiles set subscription_tier = 'enterprise' where user_id = ${user.id}`;
    for (let from = 0; from < ALL_IDS.length; from += 10) {
      const chosen = ALL_IDS.slice(from, from + 10);
      const res = await generate(user, { task: 'Set up the project', templateIds: chosen });
      expect(res.status, res.text).toBe(200);
      expect(res.json.templates.map((t: { id: string }) => t.id).sort()).toEqual([...chosen].sort());
      expect(res.json.templates).toEqual(res.json.templates.map((t: { id: string }) => ({ id: t.id, version: version(t.id), customizationVersion: null })));
      expect(res.json.prompt).not.toMatch(/\{\{|\}\}/);
      for (const id of chosen) expect(res.json.prompt).toContain(`(${id}, version ${version(id)})`);
    }
  });

  it('orders by dependency, says which dependencies were left out, and counts one templates use', async () => {
    const user = await createUser('generate-order');
    const res = await generate(user, { task: 'Add structured logging', templateIds: ['deploy-monitoring', 'init-logging', 'init-project-structure'] });
    expect(res.status).toBe(200);
    expect(Object.keys(res.json).sort()).toEqual(['missingDependencies', 'prompt', 'templates']);
    expect(res.json.templates.map((t: { id: string }) => t.id)).toEqual(['init-project-structure', 'init-logging', 'deploy-monitoring']);
    expect(res.json.missingDependencies).toContain('init-env-config');
    expect(res.json.missingDependencies).not.toContain('init-project-structure');
    const prompt: string = res.json.prompt;
    expect(prompt.startsWith('# Task\n\n```text\nAdd structured logging\n```\n\n# Templates\n\nFollow these 3 engineering templates')).toBe(true);
    expect(prompt.indexOf('## 1. ')).toBeLessThan(prompt.indexOf('(init-logging, version'));
    expect(prompt.indexOf('(init-project-structure, version')).toBeLessThan(prompt.indexOf('(init-logging, version'));
    expect(prompt.indexOf('(init-logging, version')).toBeLessThan(prompt.indexOf('(deploy-monitoring, version'));

    expect(await counter(user, 'templates')).toBe(1);
    expect(await reservations(user)).toEqual([
      { metric: 'templates', state: 'settled', reserved_amount: '1', settled_amount: '1', subject: 'A combined prompt from 3 templates' },
    ]);
    const uses = (await analytics(user)).map((row) => [row.template_id, row.event, row.metadata]);
    expect(uses.sort()).toEqual(
      [
        ['deploy-monitoring', 'generate', { version: version('deploy-monitoring'), customizationVersion: null }],
        ['init-logging', 'generate', { version: version('init-logging'), customizationVersion: null }],
        ['init-project-structure', 'generate', { version: version('init-project-structure'), customizationVersion: null }],
      ],
    );
  });

  it('applies the caller’s enabled customisation; a disabled one, or none, gives the defaults', async () => {
    const user = await createUser('generate-custom');
    await customize(user, 'init-logging', {
      variables: { library: 'winston', destination: 'Grafana Loki', redactFields: ['ssn'] },
      customInstructions: 'Mention our on-call rota.',
      version: 3,
    });
    await customize(user, 'init-env-config', { variables: {}, customInstructions: 'Never print a secret.', enabled: false, version: 7 });
    const res = await generate(user, { task: 'Logging', templateIds: ['init-logging', 'init-env-config'] });
    expect(res.status).toBe(200);
    expect(res.json.templates).toEqual([
      { id: 'init-env-config', version: version('init-env-config'), customizationVersion: null },
      { id: 'init-logging', version: logging.version, customizationVersion: 3 },
    ]);
    expect(res.json.prompt).toContain('Wrap winston in one small module');
    expect(res.json.prompt).toContain('logs go to Grafana Loki');
    expect(res.json.prompt).toContain('censor these keys at any depth: ssn.');
    expect(res.json.prompt).toContain('```text\nMention our on-call rota.\n```');
    expect(res.json.prompt).not.toContain('Never print a secret.');

    const defaults = await generate(await createUser('generate-defaults'), { task: 'Logging', templateIds: ['init-logging', 'init-env-config'] });
    expect(defaults.json.prompt).toContain('Wrap pino in one small module');
    expect(defaults.json.prompt).not.toContain('winston');
  });

  it('never applies another user’s customisation, even one shared with the caller', async () => {
    const [alice, bob] = [await createUser('generate-alice'), await createUser('generate-bob')];
    const bobs = await customize(bob, 'init-logging', {
      variables: { library: 'winston', redactFields: ['bob-private-field'] },
      customInstructions: 'BOB-ONLY-INSTRUCTION',
    });
    await sql`
      insert into public.shared_template_customizations (customization_id, owner_id, visibility, shared_with_user_id, shared_with_email)
      values (${bobs}, ${bob.id}, 'users', ${alice.id}, ${alice.email})`;
    // Alice can read it (that is what sharing is for), but it is not hers.
    const visible = await withUserTransaction({ sub: alice.id, role: 'authenticated' }, (tx) => tx`select id from public.user_template_customizations where id = ${bobs}`);
    expect(visible).toHaveLength(1);

    const res = await generate(alice, { task: 'Logging', templateIds: ['init-logging'] });
    expect(res.status).toBe(200);
    expect(res.json.templates[0].customizationVersion).toBeNull();
    for (const leak of ['winston', 'bob-private-field', 'BOB-ONLY-INSTRUCTION']) expect(res.json.prompt).not.toContain(leak);

    const run = await startRun(alice, { task: 'Logging plan', templateIds: ['init-logging'] });
    expect(run.status).toBe(200);
    const [stored] = await sql<{ user_prompt: string }[]>`select user_prompt from public.agent_runs where id = ${run.run!.id}`;
    for (const leak of ['winston', 'bob-private-field', 'BOB-ONLY-INSTRUCTION']) expect(stored!.user_prompt).not.toContain(leak);
    // Bob's own prompt does have them.
    const own = await generate(bob, { task: 'Logging', templateIds: ['init-logging'] });
    for (const mine of ['Wrap winston', 'bob-private-field', 'BOB-ONLY-INSTRUCTION']) expect(own.json.prompt).toContain(mine);
  });

  it('uses the newest published version (by semver, not by text)', async () => {
    const user = await createUser('generate-version');
    const outcome = await sql
      .begin(async (tx) => {
        for (const [v, text] of [['1.9.0', 'NINE'], ['1.10.0', 'TEN']] as const) {
          await tx`insert into public.template_versions (template_id, version, mega_prompt, variables) values ('init-logging', ${v}, ${`Version ${text}.`}, '[]')`;
        }
        const result = await generatePrompt(tx as unknown as Queryable, { userId: user.id, task: null, templateIds: ['init-logging'] });
        throw Object.assign(new Error('rollback'), { result });
      })
      .catch((error: { result?: unknown }) => error.result);
    expect(outcome).toMatchObject({ templates: [{ id: 'init-logging', version: '1.10.0', customizationVersion: null }] });
    expect((outcome as { prompt: string }).prompt).toContain('Version TEN.');
  });

  it('unknown ids → 400 naming them, nothing counted', async () => {
    const user = await createUser('generate-unknown');
    const res = await generate(user, { task: 'x', templateIds: ['init-logging', 'no-such-template', 'also-missing'] });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({
      error: { code: 'validation_failed', message: 'templateIds: no template "no-such-template", "also-missing" in the catalog' },
      requestId: expect.any(String),
    });
    expect(await counter(user, 'templates')).toBeNull();
    expect(await reservations(user)).toEqual([]);
    expect(await analytics(user)).toEqual([]);
  });

  it.each([
    [{ task: 'x', templateIds: [] }, /^templateIds: choose at least one template/],
    [{ task: 'x', templateIds: ALL_IDS.slice(0, 11) }, /^templateIds: must be at most 10 templates/],
    [{ task: 'x', templateIds: ['init-logging', 'init-logging'] }, /^templateIds: name each template once/],
    [{ task: 'x', templateIds: ['Init Logging'] }, /^templateIds\.0: must be a template id/],
    [{ task: '  ', templateIds: ['init-logging'] }, /^task: describe the task/],
    [{ templateIds: ['init-logging'] }, /^task: /],
  ])('refuses a bad body (%j) with 400, nothing counted', async (body, message) => {
    const user = await createUser('generate-bad');
    const res = await generate(user, body);
    expect(res.status).toBe(400);
    expect(res.json.error.message).toMatch(message);
    expect(await counter(user, 'templates')).toBeNull();
  });

  it('at the limit: 429 with the usual body, nothing written', async () => {
    const user = await createUser('generate-limit');
    await setCounter(user, 'templates', 10);
    const res = await generate(user, { task: 'Logging', templateIds: ['init-logging'] });
    expect(res.status).toBe(429);
    expect(res.json).toEqual({
      error: { code: 'limit_exceeded', message: `You have used all 10 templates of this month. The limit resets on ${RESETS_AT.slice(0, 10)}.` },
      current: 10,
      limit: 10,
      remaining: 0,
      metricType: 'templates',
      resetsAt: RESETS_AT,
      requestId: expect.any(String),
    });
    expect(await counter(user, 'templates')).toBe(10);
    expect(await reservations(user)).toEqual([]);
    expect(await analytics(user)).toEqual([]);
  });

  it('signed out → 401; GET → 405', async () => {
    const res = await callRoute(generateRoute, '/api/templates/generate', { method: 'POST', body: { task: 'x', templateIds: ['init-logging'] } });
    expect(res.status).toBe(401);
    const { GET } = await import('@/app/api/templates/generate/route');
    expect((await callRoute(GET, '/api/templates/generate')).status).toBe(405);
  });
});

describe('POST /api/runs with templateIds', () => {
  it('puts the rendered templates after the task in the user prompt, counts them in the reservation, and stores the versions', async () => {
    const user = await createUser('runs-templates');
    await customize(user, 'init-logging', { variables: { library: 'winston' }, version: 2 });
    const plain = await startRun(user, { task: 'Plan our logging' });
    const res = await startRun(user, { task: 'Plan our logging', templateIds: ['init-logging', 'init-project-structure'] });
    expect(res.status, res.text).toBe(200);
    const expected = [
      { id: 'init-project-structure', version: version('init-project-structure'), customizationVersion: null },
      { id: 'init-logging', version: logging.version, customizationVersion: 2 },
    ];
    expect(res.run!.templates).toEqual(expected);
    expect(plain.run!.templates).toEqual([]);

    const [stored] = await sql<{ user_prompt: string; system_prompt: string; template_versions: unknown; reserved_tokens: string }[]>`
      select user_prompt, system_prompt, template_versions, reserved_tokens::text from public.agent_runs where id = ${res.run!.id}`;
    const [plainRow] = await sql<{ reserved_tokens: string }[]>`select reserved_tokens::text from public.agent_runs where id = ${plain.run!.id}`;
    expect(stored!.template_versions).toEqual(expected);
    expect(stored!.user_prompt.startsWith('The task, as the user wrote it:\n\n```text\nPlan our logging\n```\n\n## Attached templates\n\nThe user attached 2 engineering templates')).toBe(true);
    expect(stored!.user_prompt).toContain('Wrap winston in one small module');
    expect(stored!.user_prompt.endsWith('Complete this task for the user, following the system instructions and the attached templates.')).toBe(true);
    expect(stored!.system_prompt).not.toContain('Attached templates');
    // The templates' tokens are reserved with the prompt: thousands more than the same task without them.
    expect(Number(stored!.reserved_tokens) - Number(plainRow!.reserved_tokens)).toBeGreaterThan(1000);
    // The model was sent exactly that prompt.
    const sent = fake.requests.filter((request) => request.path === '/v1/chat/completions').at(-1)!;
    expect(JSON.stringify(sent.body.messages)).toContain('Wrap winston in one small module');

    const got = await callRoute(getRunRoute, `/api/runs/${res.run!.id}`, { headers: bearer(user), params: { id: res.run!.id } });
    expect(got.status).toBe(200);
    expect(got.json.templates).toEqual(expected);

    // One runs use each, and one templates use for the run that had them.
    expect([await counter(user, 'runs'), await counter(user, 'templates')]).toEqual([2, 1]);
    expect((await reservations(user)).map((row) => [row.metric, row.state, row.subject])).toEqual([['templates', 'settled', 'A run with 2 templates']]);
    expect((await analytics(user)).map((row) => row.metadata.runId)).toEqual([res.run!.id, res.run!.id]);
  });

  it('templates apply to the run they came with: a follow-up without them has none', async () => {
    const user = await createUser('runs-templates-thread');
    const first = await startRun(user, { task: 'Plan our logging', templateIds: ['init-logging'] });
    const followUp = await startRun(user, { task: 'Shorter, please', threadId: first.run!.threadId });
    expect(followUp.status).toBe(200);
    expect(followUp.run!.templates).toEqual([]);
    const [row] = await sql<{ user_prompt: string }[]>`select user_prompt from public.agent_runs where id = ${followUp.run!.id}`;
    expect(row!.user_prompt).not.toContain('Attached templates');
    const thread = await callRoute(getThreadRoute, `/api/threads/${first.run!.threadId}`, { headers: bearer(user), params: { id: first.run!.threadId! } });
    expect(thread.json.runs.map((run: Run) => run.templates.length)).toEqual([1, 0]);
    expect(await counter(user, 'templates')).toBe(1);
  });

  it('over the templates limit: 429, and nothing is written — no run, no conversation, no counter moved', async () => {
    const user = await createUser('runs-templates-limit');
    await setCounter(user, 'templates', 10);
    const res = await startRun(user, { task: 'Plan our logging', templateIds: ['init-logging'] });
    expect(res.status).toBe(429);
    expect(res.json).toMatchObject({ error: { code: 'limit_exceeded' }, metricType: 'templates', current: 10, limit: 10, remaining: 0 });
    expect(await sql`select 1 from public.agent_runs where user_id = ${user.id}`).toHaveLength(0);
    expect(await sql`select 1 from public.threads where user_id = ${user.id}`).toHaveLength(0);
    expect([await counter(user, 'runs'), await counter(user, 'tokens'), await counter(user, 'templates')]).toEqual([null, null, 10]);
    expect(await reservations(user)).toEqual([]);
    expect(await analytics(user)).toEqual([]);
  });

  it('over the runs limit with templates: the runs refusal, and the templates use is not taken', async () => {
    const user = await createUser('runs-templates-runs-limit');
    await setCounter(user, 'runs', 100);
    const res = await startRun(user, { task: 'Plan our logging', templateIds: ['init-logging'] });
    expect(res.status).toBe(429);
    expect(res.json.metricType).toBe('runs');
    expect(await counter(user, 'templates')).toBeNull();
  });

  it('unknown template ids → 400 naming them, and no run', async () => {
    const user = await createUser('runs-templates-unknown');
    const res = await startRun(user, { task: 'Plan our logging', templateIds: ['nope-nope'] });
    expect(res.status).toBe(400);
    expect(res.json.error.message).toBe('templateIds: no template "nope-nope" in the catalog');
    expect(await sql`select 1 from public.agent_runs where user_id = ${user.id}`).toHaveLength(0);
    expect(await counter(user, 'runs')).toBeNull();
  });
});

describe('agent_runs.template_versions', () => {
  it('a user cannot write it on their own run, and the database refuses a bad shape', async () => {
    const user = await createUser('runs-templates-column');
    const res = await startRun(user, { task: 'Plan our logging' });
    const runId = res.run!.id;
    await expect(
      withUserTransaction({ sub: user.id, role: 'authenticated' }, (tx) => tx`update public.agent_runs set template_versions = '[]' where id = ${runId}`),
    ).rejects.toMatchObject({ code: '42501' });
    // Cancelling (the one column a user may update) still passes the shape check.
    await withUserTransaction({ sub: user.id, role: 'authenticated' }, (tx) => tx`update public.agent_runs set cancel_requested_at = now() where id = ${runId}`);
    for (const bad of [
      '{}',
      '[1]',
      '[{"id": "init-logging", "version": "1.0.0"}]',
      '[{"id": "init-logging", "version": "1.0.0", "customizationVersion": "2"}]',
      '[{"id": "", "version": "1.0.0", "customizationVersion": null}]',
      '[{"id": "a", "version": "1", "customizationVersion": null, "extra": true}]',
      JSON.stringify(Array.from({ length: 11 }, () => ({ id: 'a', version: '1', customizationVersion: null }))),
    ]) {
      await expect(sql`update public.agent_runs set template_versions = ${bad}::jsonb where id = ${runId}`, bad).rejects.toMatchObject({ code: '23514' });
    }
    await sql`update public.agent_runs set template_versions = '[{"id": "a", "version": "1", "customizationVersion": 3}]' where id = ${runId}`;
  });

  it('attach_run_templates is the server’s only', async () => {
    const user = await createUser('runs-templates-definer');
    await expect(
      withUserTransaction({ sub: user.id, role: 'authenticated' }, (tx) =>
        tx`select * from private.attach_run_templates(gen_random_uuid(), ${user.id}, '[{"id":"a","version":"1","customizationVersion":null}]', 'x')`,
      ),
    ).rejects.toMatchObject({ code: '42501' });
  });
});
