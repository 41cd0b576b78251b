import { describe, expect, it } from 'vitest';
import { GET as getProfile, PUT as putProfile } from '@/app/api/profile/route';
import { bearer, createUser, type TestUser } from '@/tests/support/users';
import { callRoute } from '@/tests/support/routes';
import { ownerSql } from '@/tests/support/database';

const sql = ownerSql();

const PROFILE_KEYS = [
  'brandVoice',
  'companyContext',
  'displayName',
  'kpiFocus',
  'onboardingCompletedAt',
  'onboardingStep',
  'preferredModels',
  'riskTolerance',
  'role',
  'stack',
  'timezone',
  'tone',
  'userId',
  'vertical',
].sort();

async function profileRow(userId: string) {
  const [row] = await sql`select * from public.user_profiles where user_id = ${userId}`;
  return row;
}

const put = (user: TestUser, body: string | object, headers: Record<string, string> = {}) =>
  callRoute(putProfile, '/api/profile', { method: 'PUT', body, headers: { ...bearer(user), ...headers } });

describe('GET /api/profile', () => {
  it('returns the new user’s profile with every stack flag off and only the documented fields', async () => {
    const user = await createUser('profile-get');
    const res = await callRoute(getProfile, '/api/profile', { headers: bearer(user) });
    expect(res.status).toBe(200);
    expect(Object.keys(res.json).sort()).toEqual(PROFILE_KEYS);
    expect(res.json).toMatchObject({
      userId: user.id,
      role: null,
      vertical: null,
      stack: { code_repo: false, issue_tracker: false, doc_space: false, ci_cd: false, infra: false, analytics: false },
      kpiFocus: [],
      preferredModels: [],
      timezone: 'UTC',
      onboardingStep: 'role',
      onboardingCompletedAt: null,
    });
  });

  it('reads missing stack flags as false and drops keys it does not know', async () => {
    const user = await createUser('profile-stack');
    await sql`update public.user_profiles set stack = '{"code_repo": true, "legacy_flag": true}'::jsonb where user_id = ${user.id}`;
    const res = await callRoute(getProfile, '/api/profile', { headers: bearer(user) });
    expect(res.json.stack).toEqual({ code_repo: true, issue_tracker: false, doc_space: false, ci_cd: false, infra: false, analytics: false });
  });

  it('needs a signed-in user', async () => {
    const res = await callRoute(getProfile, '/api/profile');
    expect(res.status).toBe(401);
    expect(res.json).toEqual({ error: { code: 'unauthorized', message: expect.any(String) }, requestId: expect.any(String) });
  });
});

describe('PUT /api/profile', () => {
  it('saves the onboarding answers and returns the stored profile', async () => {
    const user = await createUser('profile-put');
    const res = await put(user, {
      displayName: '  Ada  ',
      role: 'founder',
      vertical: 'software',
      tone: 'direct',
      riskTolerance: 'medium',
      kpiFocus: ['mrr', 'churn'],
      brandVoice: 'Plain words, no hype.',
      companyContext: 'B2B scheduling for warehouses.',
      preferredModels: ['gpt-4o-mini'],
      timezone: 'Europe/Paris',
      onboardingStep: 'stack',
    });
    expect(res.status).toBe(200);
    expect(Object.keys(res.json).sort()).toEqual(PROFILE_KEYS);
    expect(res.json).toMatchObject({ displayName: 'Ada', role: 'founder', kpiFocus: ['mrr', 'churn'], onboardingStep: 'stack', onboardingCompletedAt: null });
    expect(await profileRow(user.id)).toMatchObject({
      display_name: 'Ada',
      role: 'founder',
      vertical: 'software',
      tone: 'direct',
      risk_tolerance: 'medium',
      kpi_focus: ['mrr', 'churn'],
      brand_voice: 'Plain words, no hype.',
      company_context: 'B2B scheduling for warehouses.',
      preferred_models: ['gpt-4o-mini'],
      timezone: 'Europe/Paris',
      onboarding_step: 'stack',
    });
    expect((await callRoute(getProfile, '/api/profile', { headers: bearer(user) })).json).toEqual(res.json);
  });

  it('merges stack flags into the stored ones instead of replacing them', async () => {
    const user = await createUser('profile-merge');
    await put(user, { stack: { code_repo: true, ci_cd: true } });
    const res = await put(user, { stack: { ci_cd: false, analytics: true } });
    expect(res.json.stack).toEqual({ code_repo: true, issue_tracker: false, doc_space: false, ci_cd: false, infra: false, analytics: true });
    expect((await profileRow(user.id))!.stack).toEqual({ code_repo: true, ci_cd: false, analytics: true });
  });

  it('clears nullable fields with null and empty lists with []', async () => {
    const user = await createUser('profile-clear');
    await put(user, { role: 'cfo', brandVoice: 'Dry.', kpiFocus: ['burn'] });
    const res = await put(user, { role: null, brandVoice: null, kpiFocus: [] });
    expect(res.json).toMatchObject({ role: null, brandVoice: null, kpiFocus: [] });
  });

  it('stamps onboarding completion once, when the step first becomes done', async () => {
    const user = await createUser('profile-done');
    const done = await put(user, { onboardingStep: 'done' });
    expect(done.json.onboardingStep).toBe('done');
    const completedAt = done.json.onboardingCompletedAt;
    expect(Date.parse(completedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect((await profileRow(user.id))!.onboarding_completed_at.toISOString()).toBe(completedAt);

    await put(user, { onboardingStep: 'voice' });
    const again = await put(user, { onboardingStep: 'done' });
    expect(again.json.onboardingCompletedAt).toBe(completedAt);
  });

  const cases: { name: string; body: string | object; headers?: Record<string, string>; status: number; code: string; message?: RegExp }[] = [
    { name: 'a brand voice of 501 characters', body: { brandVoice: 'x'.repeat(501) }, status: 400, code: 'validation_failed', message: /^brandVoice: Keep the brand voice to at most 500 characters\.$/ },
    { name: 'a model without a price', body: { preferredModels: ['gpt-9-turbo'] }, status: 400, code: 'validation_failed', message: /^preferredModels\.0: Use models from the price list: gpt-4o-mini/ },
    { name: 'a company context of 2001 characters', body: { companyContext: 'x'.repeat(2001) }, status: 400, code: 'validation_failed', message: /^companyContext: / },
    { name: 'an unknown field', body: { role: 'pm', subscriptionTier: 'enterprise' }, status: 400, code: 'validation_failed', message: /unknown field: subscriptionTier/ },
    { name: 'another user’s id in the body', body: { userId: '00000000-0000-4000-8000-000000000000', role: 'pm' }, status: 400, code: 'validation_failed', message: /unknown field: userId/ },
    { name: 'an unknown role', body: { role: 'ceo' }, status: 400, code: 'validation_failed', message: /^role: / },
    { name: 'an unknown stack flag', body: { stack: { kubernetes: true } }, status: 400, code: 'validation_failed', message: /unknown field: stack\.kubernetes/ },
    { name: 'a stack flag that is not a boolean', body: { stack: { code_repo: 'yes' } }, status: 400, code: 'validation_failed', message: /^stack\.code_repo: / },
    { name: 'eleven KPIs', body: { kpiFocus: Array.from({ length: 11 }, (_, i) => `kpi-${i}`) }, status: 400, code: 'validation_failed', message: /^kpiFocus: List at most 10 KPIs\.$/ },
    { name: 'a bad time zone', body: { timezone: 'Mars/Olympus' }, status: 400, code: 'validation_failed', message: /^timezone: / },
    { name: 'an unknown onboarding step', body: { onboardingStep: 'finished' }, status: 400, code: 'validation_failed', message: /^onboardingStep: / },
    { name: 'an empty change', body: {}, status: 400, code: 'validation_failed', message: /at least one field/ },
    { name: 'malformed JSON', body: '{"role": ', status: 400, code: 'invalid_json' },
    { name: 'a body over 16 KiB', body: { companyContext: 'x'.repeat(17 * 1024) }, status: 413, code: 'payload_too_large' },
    { name: 'a form body', body: 'role=pm', headers: { 'content-type': 'application/x-www-form-urlencoded' }, status: 415, code: 'unsupported_media_type' },
  ];

  it.each(cases)('$name → $status $code, nothing written', async ({ body, headers, status, code, message }) => {
    const user = await createUser('profile-error');
    const before = await profileRow(user.id);
    const res = await put(user, body, headers);
    expect(res.status).toBe(status);
    expect(res.json).toEqual({ error: { code, message: expect.any(String) }, requestId: expect.any(String) });
    if (message) expect(res.json.error.message).toMatch(message);
    expect(await profileRow(user.id)).toEqual(before);
  });

  it('needs a signed-in user', async () => {
    const res = await callRoute(putProfile, '/api/profile', { method: 'PUT', body: { role: 'pm' } });
    expect(res.status).toBe(401);
    expect(res.json.error.code).toBe('unauthorized');
  });
});

describe('profiles across users', () => {
  it('lets user B neither read nor change user A’s profile', async () => {
    const a = await createUser('profile-a');
    const b = await createUser('profile-b');
    await put(a, { role: 'founder', brandVoice: 'A’s secret voice', stack: { infra: true } });
    const aBefore = await profileRow(a.id);

    const read = await callRoute(getProfile, '/api/profile', { headers: bearer(b) });
    expect(read.json.userId).toBe(b.id);
    expect(read.text).not.toContain('A’s secret voice');

    const changed = await put(b, { role: 'investor', brandVoice: 'B’s voice', stack: { analytics: true } });
    expect(changed.status).toBe(200);
    expect(changed.json).toMatchObject({ userId: b.id, role: 'investor' });
    expect(await profileRow(a.id)).toEqual(aBefore);
  });
});
