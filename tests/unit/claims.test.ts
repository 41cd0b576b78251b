import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { generateSigningKey } from '@/lib/auth/embedded/signing-key';
import { verifiedClaims, verifiedTokenClaims } from '@/lib/auth/claims';
import { resetServerEnvForTests } from '@/lib/env';
import { logger } from '@/lib/observability/logger';

type Client = Parameters<typeof verifiedClaims>[0];
type GetClaims = (token?: string) => Promise<{ data: { claims: Record<string, unknown> } | null; error: Error | null }>;

// A site URL of its own, so the issuer check is seen to follow the environment.
const SITE_URL = 'https://claims.test.example';
const ISSUER = `${SITE_URL}/auth/v1`;
const ENV_NAMES = ['AUTH_MODE', 'DATABASE_URL', 'EMBEDDED_AUTH_SIGNING_KEY', 'SITE_URL', 'VERCEL', 'VERCEL_ENV'] as const;
const savedEnv = Object.fromEntries(ENV_NAMES.map((name) => [name, process.env[name]]));

beforeAll(async () => {
  Object.assign(process.env, {
    AUTH_MODE: 'embedded',
    DATABASE_URL: 'postgres://unit-tests@unit-tests.invalid:5432/none',
    EMBEDDED_AUTH_SIGNING_KEY: await generateSigningKey(),
    SITE_URL: `${SITE_URL}/`,
  });
  delete process.env.VERCEL;
  delete process.env.VERCEL_ENV;
  resetServerEnvForTests();
});

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

afterAll(() => {
  for (const name of ENV_NAMES) {
    if (savedEnv[name] === undefined) delete process.env[name];
    else process.env[name] = savedEnv[name];
  }
  resetServerEnvForTests();
});

const NOW_SECONDS = 1_900_000_000;
const USER_ID = '6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b';

function claimsFor(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { sub: USER_ID, role: 'authenticated', aud: 'authenticated', iss: ISSUER, exp: NOW_SECONDS + 3600, email: 'ada@example.com', ...overrides };
}

/** A stand-in for the supabase client: verifiedClaims only calls auth.getClaims. */
function fakeClient(getClaims: GetClaims) {
  const spy = vi.fn(getClaims);
  return { client: { auth: { getClaims: spy } } as unknown as Client, getClaims: spy };
}

const answering = (claims: Record<string, unknown>) => fakeClient(async () => ({ data: { claims }, error: null }));

let serial = 0;
/** A well-formed token, different on every call: the cache is keyed by the whole token. */
function newToken(): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  serial += 1;
  return `${part({ alg: 'ES256', kid: 'k' })}.${part({ sub: USER_ID })}.sig${serial}`;
}

describe('verifiedClaims', () => {
  it('returns the claims supabase-js verified, extra claims included', async () => {
    const claims = claimsFor({ session_id: 's-1', app_metadata: { provider: 'email' }, user_metadata: {}, is_anonymous: false });
    const { client, getClaims } = answering(claims);
    const token = newToken();
    expect(await verifiedClaims(client, token)).toEqual(claims);
    expect(getClaims).toHaveBeenCalledWith(token);
  });

  it('reads the session cookie when no token is given', async () => {
    const { client, getClaims } = answering(claimsFor());
    expect(await verifiedClaims(client)).toEqual(claimsFor());
    expect(getClaims).toHaveBeenCalledTimes(1);
    expect(getClaims.mock.calls[0]).toEqual([undefined]);
  });

  it('refuses a malformed bearer token without asking supabase-js', async () => {
    const { client, getClaims } = answering(claimsFor());
    for (const token of ['', 'not-a-jwt', 'a.b.c', `${newToken()}.extra`]) expect(await verifiedClaims(client, token)).toBeNull();
    expect(getClaims).not.toHaveBeenCalled();
  });

  it('treats a token supabase-js cannot read as signed out, and logs why', async () => {
    const warn = vi.spyOn(logger, 'warn').mockImplementation(() => undefined);
    const failure = new SyntaxError('Unexpected token in JSON');
    const { client } = fakeClient(async () => {
      throw failure;
    });
    expect(await verifiedClaims(client)).toBeNull();
    expect(warn).toHaveBeenCalledWith({ err: failure }, 'unreadable session token treated as signed out');
  });

  it('returns null when supabase-js reports an error or no claims', async () => {
    const withError = fakeClient(async () => ({ data: { claims: claimsFor() }, error: new Error('invalid signature') }));
    expect(await verifiedClaims(withError.client, newToken())).toBeNull();
    const noData = fakeClient(async () => ({ data: null, error: null }));
    expect(await verifiedClaims(noData.client, newToken())).toBeNull();
    const noClaims = fakeClient(async () => ({ data: {} as { claims: Record<string, unknown> }, error: null }));
    expect(await verifiedClaims(noClaims.client, newToken())).toBeNull();
  });

  it.each([
    ['a sub that is not a UUID', { sub: 'user-1' }],
    ['no sub', { sub: undefined }],
    ['the anon role', { role: 'anon' }],
    ['the service role', { role: 'service_role' }],
    ['no role', { role: undefined }],
    ['another audience', { aud: 'anon' }],
    ['an audience list without authenticated', { aud: ['anon', 'other'] }],
    ['an empty audience list', { aud: [] }],
    ['a numeric audience', { aud: 1 }],
    ['no audience', { aud: undefined }],
    ['another issuer', { iss: 'https://evil.example/auth/v1' }],
    ['an issuer of the right host and another path', { iss: SITE_URL }],
    ['a numeric issuer', { iss: 1 }],
    ['no expiry', { exp: undefined }],
    ['a string expiry', { exp: String(NOW_SECONDS) }],
    ['a numeric email', { email: 1 }],
    ['a numeric session id', { session_id: 1 }],
    ['app_metadata that is not an object', { app_metadata: 'admin' }],
    ['user_metadata that is not an object', { user_metadata: 1 }],
  ])('refuses claims with %s', async (_name, overrides) => {
    const { client } = answering(claimsFor(overrides));
    expect(await verifiedClaims(client, newToken())).toBeNull();
  });

  it.each([
    ['an audience list that includes authenticated', { aud: ['other', 'authenticated'] }],
    ['no issuer', { iss: undefined }],
    ['no email or session id', { email: undefined, session_id: undefined }],
  ])('accepts claims with %s', async (_name, overrides) => {
    const claims = claimsFor(overrides);
    const { client } = answering(claims);
    expect(await verifiedClaims(client, newToken())).toEqual(JSON.parse(JSON.stringify(claims)));
  });
});

describe('verifiedTokenClaims', () => {
  it('verifies a token once and answers repeats from the cache until it expires', async () => {
    vi.useFakeTimers({ now: (NOW_SECONDS + 3600) * 1000 - 1 });
    const { client, getClaims } = answering(claimsFor());
    const token = newToken();
    const first = await verifiedTokenClaims(client, token);
    expect(first).toEqual(claimsFor());
    expect(await verifiedTokenClaims(client, token)).toBe(first);
    expect(getClaims).toHaveBeenCalledTimes(1);

    // At the exp second the cached entry is no longer trusted: the token is verified again.
    vi.setSystemTime((NOW_SECONDS + 3600) * 1000);
    await verifiedTokenClaims(client, token);
    expect(getClaims).toHaveBeenCalledTimes(2);
  });

  it('drops an expired entry, so a token that no longer verifies is refused', async () => {
    vi.useFakeTimers({ now: NOW_SECONDS * 1000 });
    let valid = true;
    const { client, getClaims } = fakeClient(async () =>
      valid ? { data: { claims: claimsFor({ exp: NOW_SECONDS + 60 }) }, error: null } : { data: null, error: new Error('jwt expired') },
    );
    const token = newToken();
    expect(await verifiedTokenClaims(client, token)).not.toBeNull();
    vi.setSystemTime((NOW_SECONDS + 61) * 1000);
    valid = false;
    expect(await verifiedTokenClaims(client, token)).toBeNull();
    expect(await verifiedTokenClaims(client, token)).toBeNull();
    expect(getClaims).toHaveBeenCalledTimes(3);
  });

  it('never caches a refusal', async () => {
    const { client, getClaims } = fakeClient(async () => ({ data: null, error: new Error('invalid signature') }));
    const token = newToken();
    expect(await verifiedTokenClaims(client, token)).toBeNull();
    expect(await verifiedTokenClaims(client, token)).toBeNull();
    expect(getClaims).toHaveBeenCalledTimes(2);
  });

  it('keeps each token to itself', async () => {
    vi.useFakeTimers({ now: NOW_SECONDS * 1000 });
    const ada = answering(claimsFor({ email: 'ada@example.com' }));
    const grace = answering(claimsFor({ email: 'grace@example.com' }));
    const [adaToken, graceToken] = [newToken(), newToken()];
    expect(await verifiedTokenClaims(ada.client, adaToken)).toMatchObject({ email: 'ada@example.com' });
    expect(await verifiedTokenClaims(grace.client, graceToken)).toMatchObject({ email: 'grace@example.com' });
    expect(await verifiedTokenClaims(grace.client, adaToken)).toMatchObject({ email: 'ada@example.com' });
    expect(grace.getClaims).toHaveBeenCalledTimes(1);
  });

  it('holds at most 1000 tokens, evicting the oldest first', async () => {
    vi.useFakeTimers({ now: NOW_SECONDS * 1000 });
    const { client, getClaims } = answering(claimsFor());
    // 1000 new tokens push out whatever earlier tests cached, leaving exactly these, oldest first.
    const tokens = Array.from({ length: 1000 }, () => newToken());
    for (const token of tokens) await verifiedTokenClaims(client, token);
    for (const token of tokens) await verifiedTokenClaims(client, token);
    expect(getClaims).toHaveBeenCalledTimes(1000);

    // One more evicts the oldest only.
    await verifiedTokenClaims(client, newToken());
    expect(getClaims).toHaveBeenCalledTimes(1001);
    await verifiedTokenClaims(client, tokens[1]!);
    await verifiedTokenClaims(client, tokens[999]!);
    expect(getClaims).toHaveBeenCalledTimes(1001);
    await verifiedTokenClaims(client, tokens[0]!);
    expect(getClaims).toHaveBeenCalledTimes(1002);
  });

  it('gives a refused token no place in the cache, so it cannot push a verified one out', async () => {
    vi.useFakeTimers({ now: NOW_SECONDS * 1000 });
    const good = answering(claimsFor());
    const tokens = Array.from({ length: 1000 }, () => newToken());
    for (const token of tokens) await verifiedTokenClaims(good.client, token);
    const refusing = fakeClient(async () => ({ data: null, error: new Error('invalid signature') }));
    expect(await verifiedTokenClaims(refusing.client, newToken())).toBeNull();
    await verifiedTokenClaims(good.client, tokens[0]!);
    expect(good.getClaims).toHaveBeenCalledTimes(1000);
  });

  it('re-files a token verified again after expiry as the newest entry, in place of the old one', async () => {
    vi.useFakeTimers({ now: NOW_SECONDS * 1000 });
    let exp = NOW_SECONDS + 3600;
    const { client, getClaims } = fakeClient(async () => ({ data: { claims: claimsFor({ exp }) }, error: null }));
    const oldest = newToken();
    await verifiedTokenClaims(client, oldest);
    exp = NOW_SECONDS + 60;
    const shortLived = newToken();
    await verifiedTokenClaims(client, shortLived);
    exp = NOW_SECONDS + 3600;
    for (let i = 0; i < 998; i++) await verifiedTokenClaims(client, newToken());
    expect(getClaims).toHaveBeenCalledTimes(1000);

    // The expired entry is replaced, not added beside: the cache stays at 1000 with the oldest kept.
    vi.setSystemTime((NOW_SECONDS + 61) * 1000);
    await verifiedTokenClaims(client, shortLived);
    expect(getClaims).toHaveBeenCalledTimes(1001);
    await verifiedTokenClaims(client, oldest);
    expect(getClaims).toHaveBeenCalledTimes(1001);
    // And it is now the newest: the next new token evicts the oldest, not the re-verified one.
    await verifiedTokenClaims(client, newToken());
    await verifiedTokenClaims(client, shortLived);
    expect(getClaims).toHaveBeenCalledTimes(1002);
  });
});
