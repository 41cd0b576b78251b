import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { APP_VERSION, parseServerEnv } from '@/lib/env';

const base = { DATABASE_URL: 'postgres://localhost/db', NODE_ENV: 'production' };
// A local production build (browser tests, benchmarks): the only production where embedded auth may run.
const embedded = { ...base, AUTH_MODE: 'embedded', EMBEDDED_AUTH_SIGNING_KEY: '{"kid":"k"}', ALLOW_EMBEDDED_AUTH_IN_PRODUCTION: '1' };

describe('server environment', () => {
  it('refuses embedded auth in any Vercel deployment', () => {
    expect(() => parseServerEnv({ ...embedded, VERCEL: '1', VERCEL_ENV: 'production' })).toThrow(/AUTH_MODE=embedded cannot be used/);
    expect(() => parseServerEnv({ ...embedded, VERCEL_ENV: 'preview' })).toThrow(/cannot be used in a Vercel deployment/);
    expect(parseServerEnv(embedded).AUTH_MODE).toBe('embedded');
    expect(() => parseServerEnv({ ...embedded, ALLOW_EMBEDDED_AUTH_IN_PRODUCTION: undefined })).toThrow(/refused under NODE_ENV=production/);
    expect(() => parseServerEnv({ ...embedded, ALLOW_EMBEDDED_AUTH_IN_PRODUCTION: '0' })).toThrow(/refused under NODE_ENV=production/);
    expect(() => parseServerEnv({ ...embedded, ALLOW_EMBEDDED_AUTH_IN_PRODUCTION: 'yes' })).toThrow(/ALLOW_EMBEDDED_AUTH_IN_PRODUCTION/);
  });

  it('scales rate limits only outside a production deployment', () => {
    expect(parseServerEnv(embedded).RATE_LIMIT_SCALE).toBe(1);
    expect(parseServerEnv({ ...embedded, RATE_LIMIT_SCALE: '1000' }).RATE_LIMIT_SCALE).toBe(1000);
    expect(() => parseServerEnv({ ...base, SUPABASE_URL: 'https://x.supabase.co', SUPABASE_ANON_KEY: 'k', VERCEL_ENV: 'production', RATE_LIMIT_SCALE: '2' })).toThrow(
      /RATE_LIMIT_SCALE/,
    );
  });

  it('needs a signing key for embedded auth and Supabase settings otherwise', () => {
    expect(() => parseServerEnv({ ...base, AUTH_MODE: 'embedded' })).toThrow(/EMBEDDED_AUTH_SIGNING_KEY/);
    expect(() => parseServerEnv(base)).toThrow(/SUPABASE_URL[\s\S]*SUPABASE_ANON_KEY/);
    expect(() => parseServerEnv({ AUTH_MODE: 'embedded', EMBEDDED_AUTH_SIGNING_KEY: 'x' })).toThrow(/DATABASE_URL/);
    const supabase = parseServerEnv({ ...base, NEXT_PUBLIC_SUPABASE_URL: 'https://abc.supabase.co/', NEXT_PUBLIC_SUPABASE_ANON_KEY: 'anon' });
    expect(supabase.supabaseUrl).toBe('https://abc.supabase.co');
    expect(supabase.supabaseAnonKey).toBe('anon');
  });

  it('takes the site URL from the deployment, so preview branches redirect to themselves', () => {
    const supabase = { ...base, SUPABASE_URL: 'https://abc.supabase.co', SUPABASE_ANON_KEY: 'anon' };
    expect(parseServerEnv({ ...supabase, VERCEL: '1', VERCEL_ENV: 'preview', VERCEL_BRANCH_URL: 'app-git-feature.vercel.app', VERCEL_URL: 'app-abc123.vercel.app' }).siteUrl).toBe(
      'https://app-git-feature.vercel.app',
    );
    expect(
      parseServerEnv({ ...supabase, VERCEL: '1', VERCEL_ENV: 'production', VERCEL_PROJECT_PRODUCTION_URL: 'venture.example.com', VERCEL_URL: 'x.vercel.app' }).siteUrl,
    ).toBe('https://venture.example.com');
    expect(parseServerEnv({ ...supabase, SITE_URL: 'https://app.example.com/' }).siteUrl).toBe('https://app.example.com');
  });

  it('reports the package version and environment name', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    expect(APP_VERSION).toBe(pkg.version);
    expect(parseServerEnv({ ...embedded, APP_ENV: 'staging' }).environment).toBe('staging');
    expect(parseServerEnv(embedded).environment).toBe('production');
  });
});
