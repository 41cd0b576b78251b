import { generateSigningKey } from '@/lib/auth/embedded/signing-key';

/**
 * The environment serverEnv() needs, for runs of the unit tests without tests/global-setup.ts
 * (vitest.mutation.config.ts). The database URL is never connected to: a unit test that opened
 * a connection would fail here instead of passing only when a database happens to be around.
 */
export async function setup() {
  Object.assign(process.env, {
    NODE_ENV: 'test',
    DATABASE_URL: 'postgres://unit-tests@unit-tests.invalid:5432/none',
    DATABASE_POOL_MAX: '1',
    AUTH_MODE: 'embedded',
    EMBEDDED_AUTH_SIGNING_KEY: await generateSigningKey(),
    SITE_URL: 'http://localhost:3000',
    LOG_LEVEL: 'silent',
  });
  for (const name of ['SENTRY_DSN', 'OTEL_EXPORTER_OTLP_ENDPOINT', 'SUPABASE_URL', 'NEXT_PUBLIC_SUPABASE_URL', 'VERCEL', 'VERCEL_ENV', 'UPSTASH_REDIS_REST_URL', 'UPSTASH_REDIS_REST_TOKEN', 'RATE_LIMIT_SCALE']) {
    delete process.env[name];
  }
}
