import { generateSigningKey } from '@/lib/auth/embedded/signing-key';
import { createThrowawayDatabase, type ThrowawayDatabase } from '@/scripts/lib/throwaway-database';

/**
 * One fresh database for the whole run: PostgreSQL when TEST_DATABASE_URL is set (a new database
 * on that server, dropped at the end), otherwise an in-memory embedded PGlite. Test workers are
 * started after this runs, so they inherit the environment set here.
 */
let database: ThrowawayDatabase | undefined;

export async function setup() {
  database = await createThrowawayDatabase({ serverUrl: process.env.TEST_DATABASE_URL });
  Object.assign(process.env, {
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    DATABASE_POOL_MAX: database.embedded ? '1' : '4',
    AUTH_MODE: 'embedded',
    EMBEDDED_AUTH_SIGNING_KEY: await generateSigningKey(),
    SITE_URL: 'http://localhost:3000',
    LOG_LEVEL: 'silent',
    TEST_DATABASE_EMBEDDED: database.embedded ? '1' : '',
  });
  for (const name of ['SENTRY_DSN', 'OTEL_EXPORTER_OTLP_ENDPOINT', 'SUPABASE_URL', 'NEXT_PUBLIC_SUPABASE_URL', 'VERCEL', 'VERCEL_ENV']) delete process.env[name];
}

export async function teardown() {
  await database?.drop();
}
