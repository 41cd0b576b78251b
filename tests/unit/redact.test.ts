import { describe, expect, it } from 'vitest';
import { REDACTED, SECRET_KEYS, isSecretKey, redactText, redactValue } from '@/lib/observability/redact';

// Every token body starts with the edge characters of its character class (A Z a z 0 9, and _ -
// where allowed), so a class that lost any of them would stop the match early and leave the
// secret, or part of it, in the output.
const ALNUM = 'AZaz09bcdefghijklmnopqrstuvw';
const URLSAFE = 'AZaz09_-bcdefghijklmnopqrstuvw';
const jwt = `eyJ${URLSAFE}.${URLSAFE}.${URLSAFE}`;

describe('isSecretKey', () => {
  it.each(SECRET_KEYS)('treats %s as secret, in any case and after a prefix', (key) => {
    expect(isSecretKey(key)).toBe(true);
    expect(isSecretKey(key.toUpperCase())).toBe(true);
    expect(isSecretKey(`x_${key}`)).toBe(true);
    expect(isSecretKey(`x-${key}`)).toBe(true);
    // A name that merely contains a secret word is not a secret field (`myset-cookie` would be one
    // because of its `-cookie` ending, so that check is made on single words only).
    expect(isSecretKey(`${key}s`)).toBe(false);
    if (!/[-_]/.test(key)) expect(isSecretKey(`my${key}`)).toBe(false);
  });

  it('lists the fields that hold secrets', () => {
    // Each name is checked above; this pins the list, so none can be dropped silently.
    expect(SECRET_KEYS).toEqual([
      'password',
      'authorization',
      'cookie',
      'set-cookie',
      'access_token',
      'refresh_token',
      'token',
      'apikey',
      'api_key',
      'secret',
      'client_secret',
      'signing_key',
      'service_role_key',
      'database_url',
      'dsn',
    ]);
  });

  it.each([
    // Separators inside a name are optional and interchangeable.
    ['accesstoken', true],
    ['access-token', true],
    ['sb-access-token', true],
    ['Set_Cookie', true],
    ['setcookie', true],
    ['x-api-key', true],
    ['serviceRoleKey', true],
    ['SUPABASE_SERVICE_ROLE_KEY', true],
    ['EMBEDDED_AUTH_SIGNING_KEY', true],
    ['DATABASE-URL', true],
    ['SENTRY_DSN', true],
    ['user', false],
    ['tokens', false],
    ['tokenizer', false],
    ['passwordHint', false],
    ['url', false],
    ['', false],
    ['x_', false],
  ])('%s → %s', (key, secret) => {
    expect(isSecretKey(key)).toBe(secret);
  });
});

describe('redactText', () => {
  it.each([
    ['a JWT', `bearer ${jwt} end`, `bearer ${REDACTED} end`],
    ['two JWTs', `${jwt} and ${jwt}`, `${REDACTED} and ${REDACTED}`],
    ['a JWT with 8-character parts', 'eyJAZaz09_-.AZaz09_-.AZaz09_-', REDACTED],
    ['a Stripe live secret key', `key sk_live_${ALNUM} end`, `key ${REDACTED} end`],
    ['a Stripe test restricted key', `rk_test_${ALNUM}`, REDACTED],
    ['a Stripe publishable key', `pk_live_${ALNUM},pk_test_${ALNUM}`, `${REDACTED},${REDACTED}`],
    ['a Stripe key of 8 characters', 'sk_test_AZaz09bc', REDACTED],
    ['a webhook secret', `hook whsec_${ALNUM} end`, `hook ${REDACTED} end`],
    ['a webhook secret of 8 characters', 'whsec_AZaz09bc and whsec_AZaz09bc', `${REDACTED} and ${REDACTED}`],
    ['an OpenAI key', `key sk-${URLSAFE} end`, `key ${REDACTED} end`],
    ['an OpenAI project key', `sk-proj-${URLSAFE}`, REDACTED],
    ['an OpenAI key of 16 characters', 'sk-AZaz09_-bcdefghi and sk-AZaz09_-bcdefghi', `${REDACTED} and ${REDACTED}`],
    ['a GitHub personal token', `token ghp_${ALNUM} end`, `token ${REDACTED} end`],
    ['GitHub tokens of every kind', ['ghp', 'gho', 'ghu', 'ghs', 'ghr'].map((kind) => `${kind}_${ALNUM}`).join(' '), Array(5).fill(REDACTED).join(' ')],
    ['a GitHub token of 20 characters', 'ghp_AZaz09bcdefghijklmno', REDACTED],
    ['a connection string password', 'db postgres://app:hunter2@db.example.com/app end', `db postgres://app:${REDACTED}@db.example.com/app end`],
    ['a postgresql:// password', 'postgresql://app:p4:ss/w0rd@db/app', `postgresql://app:${REDACTED}@db/app`],
    ['two connection strings', 'postgres://a:one@h1 postgres://b:two@h2', `postgres://a:${REDACTED}@h1 postgres://b:${REDACTED}@h2`],
    ['an API token', `Bearer vc_${ALNUM}${ALNUM} end`, `Bearer ${REDACTED} end`],
    ['an extension refresh token', `vcr_${ALNUM}${ALNUM}`, REDACTED],
    ['an invitation token in a path', '/api/invitations/AZaz09_-AZaz09_-AZaz09_-AZaz09_-AZaz09_-abc/accept', `/api/invitations/${REDACTED}/accept`],
  ])('scrubs %s', (_name, input, expected) => {
    expect(redactText(input)).toBe(expected);
  });

  it.each([
    ['plain text', 'nothing secret here: sk, ghp, whsec, postgres'],
    ['a JWT part under 8 characters', 'eyJAZaz09_.AZaz09_-.AZaz09_-'],
    ['a JWT with a short signature', 'eyJAZaz09_-.AZaz09_-.AZaz09_'],
    ['a JWT with a short payload', 'eyJAZaz09_-.AZaz09_.AZaz09_-'],
    ['a Stripe key under 8 characters', 'sk_live_AZaz09b'],
    ['a Stripe-like key in another mode', 'sk_prod_AZaz09bcdef'],
    ['a Stripe-like key inside a word', 'task_live_AZaz09bcdef'],
    ['a webhook secret under 8 characters', 'whsec_AZaz09b'],
    ['a webhook-like word', 'xwhsec_AZaz09bcdef'],
    ['an OpenAI-like key under 16 characters', 'sk-AZaz09_-bcdefgh'],
    ['an OpenAI-like key inside a word', 'disk-AZaz09_-bcdefghijkl'],
    ['a GitHub-like token under 20 characters', 'ghp_AZaz09bcdefghijklmn'],
    ['a GitHub-like token of an unknown kind', 'ghx_AZaz09bcdefghijklmnop'],
    ['a GitHub-like token inside a word', 'xghp_AZaz09bcdefghijklmnop'],
    ['a connection string without a password', 'postgres://db.example.com/app'],
    ['a connection string with only a user', 'postgres://app@db.example.com/app'],
    ['a URL of another scheme', 'mysql://app:hunter2@db.example.com/app'],
    ['an API-token-like word under 20 characters', 'vc_AZaz09bcdefghijklm'],
    ['the invitations page itself', '/organizations/acme/invitations/new'],
  ])('leaves %s alone', (_name, input) => {
    expect(redactText(input)).toBe(input);
  });

  it('keeps the user and host of a connection string, whatever surrounds it', () => {
    // The user part stops at the first colon, slash or space; the password at the first @ or space.
    expect(redactText('postgres://user:pw@host/db?x=1')).toBe(`postgres://user:${REDACTED}@host/db?x=1`);
    expect(redactText('see postgres://u:pw @h')).toBe('see postgres://u:pw @h');
    expect(redactText('postgres://u/x:pw@h')).toBe('postgres://u/x:pw@h');
    expect(redactText('postgres:// u:pw@h')).toBe('postgres:// u:pw@h');
  });
});

describe('redactValue', () => {
  it('copies plain values and structure, scrubbing strings everywhere', () => {
    const input = { n: 1, ok: true, none: null, missing: undefined, list: ['a', `k sk_live_${ALNUM}`, 2], nested: { note: jwt } };
    const out = redactValue(input);
    expect(out).toEqual({ n: 1, ok: true, none: null, missing: undefined, list: ['a', `k ${REDACTED}`, 2], nested: { note: REDACTED } });
    expect(out).not.toBe(input);
    expect((out as { nested: unknown }).nested).not.toBe(input.nested);
    expect(redactValue(null)).toBeNull();
    expect(redactValue(7)).toBe(7);
    expect(redactValue(undefined)).toBeUndefined();
    expect(redactValue(jwt)).toBe(REDACTED);
  });

  it('replaces every secret-named field, whatever its value', () => {
    const input = Object.fromEntries(SECRET_KEYS.map((key) => [key, { value: 'x' }]));
    const out = redactValue({ ...input, safe: 'kept' }) as Record<string, unknown>;
    for (const key of SECRET_KEYS) expect(out[key]).toBe(REDACTED);
    expect(out.safe).toBe('kept');
  });

  it('stops copying below eight levels of nesting', () => {
    // depth 0 is the value passed in; depth 9 is the first level replaced.
    const nest = (levels: number, leaf: unknown): unknown => (levels === 0 ? leaf : { a: nest(levels - 1, leaf) });
    expect(redactValue(nest(8, 'leaf'))).toEqual(nest(8, 'leaf'));
    expect(redactValue(nest(9, 'leaf'))).toEqual(nest(9, '[truncated]'));
    expect(redactValue(nest(12, 'leaf'))).toEqual(nest(9, '[truncated]'));
    // Arrays count as a level too.
    const arrays = (levels: number, leaf: unknown): unknown => (levels === 0 ? leaf : [arrays(levels - 1, leaf)]);
    expect(redactValue(arrays(8, 'leaf'))).toEqual(arrays(8, 'leaf'));
    expect(redactValue(arrays(9, 'leaf'))).toEqual(arrays(9, '[truncated]'));
    // A starting depth is honoured.
    expect(redactValue({ a: 'x' }, 8)).toEqual({ a: '[truncated]' });
    expect(redactValue('x', 9)).toBe('[truncated]');
  });

  it('serialises an Error with its name, scrubbed message and stack', () => {
    const error = new TypeError(`failed with sk_test_${ALNUM}`);
    const out = redactValue(error) as Record<string, unknown>;
    expect(Object.keys(out).sort()).toEqual(['message', 'stack', 'type']);
    expect(out.type).toBe('TypeError');
    expect(out.message).toBe(`failed with ${REDACTED}`);
    expect(out.stack).toEqual(expect.stringContaining(`TypeError: failed with ${REDACTED}`));
    expect(out.stack).not.toContain('sk_test_');
  });

  it('leaves the stack out when the Error has none', () => {
    const error = new Error('no stack');
    error.stack = undefined;
    expect(redactValue(error)).toEqual({ type: 'Error', message: 'no stack', stack: undefined });
    error.stack = '';
    expect(redactValue(error)).toEqual({ type: 'Error', message: 'no stack', stack: undefined });
  });

  it('follows the cause chain, scrubbing it and counting it as a level', () => {
    const root = new Error(`db postgres://app:hunter2@db/app`);
    const error = new Error('outer', { cause: { password: 'p4ss', detail: root } });
    const out = redactValue(error) as { cause: { password: string; detail: { message: string; type: string } } };
    expect(out.cause.password).toBe(REDACTED);
    expect(out.cause.detail).toMatchObject({ type: 'Error', message: `db postgres://app:${REDACTED}@db/app` });

    // A non-Error cause is redacted like any value; a cause of undefined is no cause.
    expect(redactValue(new Error('x', { cause: jwt }))).toMatchObject({ cause: REDACTED });
    expect(redactValue(new Error('x', { cause: null }))).toMatchObject({ cause: null });
    expect(Object.keys(redactValue(new Error('x', { cause: undefined })) as object)).not.toContain('cause');

    // At depth 8 the Error is still read, but its cause is one level further down.
    expect(redactValue(new Error('x', { cause: 'c' }), 8)).toMatchObject({ message: 'x', cause: '[truncated]' });
    expect(redactValue(new Error('x', { cause: 'c' }), 7)).toMatchObject({ cause: 'c' });
  });
});
