import { z } from 'zod';
import { MODEL_NAMES } from '@/lib/llm/prices';

/**
 * Server environment, parsed once. A missing or malformed value fails at start-up (instrumentation
 * calls serverEnv() in register()) instead of quietly switching a check off at the first request.
 */

const optionalUrl = z.url().optional();
const emptyToUndefined = (value: unknown) => (value === '' ? undefined : value);
const vercelEnv = z.preprocess(emptyToUndefined, z.enum(['production', 'preview', 'development']).optional());
const optionalMatching = (pattern: RegExp, shape: string) =>
  z.preprocess(emptyToUndefined, z.string().max(500).regex(pattern, `must look like ${shape}`).optional());

/**
 * Stripe. Billing is on when the key and both prices are set; they go together with the webhook
 * secret (without it subscriptions would change at Stripe and never here), so a partial set fails
 * at start-up rather than leaving billing quietly off.
 */
const billingShape = {
  STRIPE_SECRET_KEY: optionalMatching(/^(sk|rk)_(test|live)_[A-Za-z0-9_]+$/, 'sk_test_… or sk_live_…'),
  STRIPE_WEBHOOK_SECRET: optionalMatching(/^whsec_[A-Za-z0-9_]+$/, 'whsec_…'),
  STRIPE_PRICE_PRO: optionalMatching(/^price_[A-Za-z0-9_]+$/, 'price_…'),
  STRIPE_PRICE_ENTERPRISE: optionalMatching(/^price_[A-Za-z0-9_]+$/, 'price_…'),
  // A Stripe-compatible server for tests and local runs (http://127.0.0.1:12111); unset means api.stripe.com.
  STRIPE_API_URL: z.preprocess(emptyToUndefined, optionalUrl),
};
const BILLING_SETTINGS = ['STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET', 'STRIPE_PRICE_PRO', 'STRIPE_PRICE_ENTERPRISE'] as const;

type BillingFields = { [K in keyof typeof billingShape]?: z.infer<(typeof billingShape)[K]> } & { VERCEL_ENV?: 'production' | 'preview' | 'development' };

function checkBilling(env: BillingFields, ctx: z.RefinementCtx): void {
  const missing = BILLING_SETTINGS.filter((name) => !env[name]);
  if (missing.length > 0 && missing.length < BILLING_SETTINGS.length) {
    ctx.addIssue({
      code: 'custom',
      path: [missing[0]!],
      message: `billing needs ${BILLING_SETTINGS.join(', ')} together; missing ${missing.join(', ')} (unset all four to run without billing)`,
    });
  }
  const live = env.STRIPE_SECRET_KEY !== undefined && /^(sk|rk)_live_/.test(env.STRIPE_SECRET_KEY);
  if (env.STRIPE_API_URL && (env.VERCEL_ENV === 'production' || live)) {
    ctx.addIssue({ code: 'custom', path: ['STRIPE_API_URL'], message: 'STRIPE_API_URL is for tests and local runs; a production deployment or a live key talks to Stripe itself' });
  }
  if (live && (env.VERCEL_ENV === 'preview' || env.VERCEL_ENV === 'development')) {
    ctx.addIssue({ code: 'custom', path: ['STRIPE_SECRET_KEY'], message: 'a live Stripe key is for the production deployment only; previews use test-mode keys' });
  }
}

const billingSchema = z.object({ VERCEL_ENV: vercelEnv, ...billingShape }).superRefine(checkBilling);
export type BillingEnv = z.infer<typeof billingSchema>;

/** The Stripe settings alone, for scripts that run without the app's full environment (billing:reconcile). */
export function parseBillingEnv(source: Record<string, string | undefined>): BillingEnv {
  const result = billingSchema.safeParse(source);
  if (!result.success) {
    throw new Error(`Invalid environment:\n${result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`).join('\n')}`);
  }
  return result.data;
}

const serverSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    VERCEL: z.preprocess(emptyToUndefined, z.string().optional()),
    VERCEL_ENV: vercelEnv,
    VERCEL_URL: z.preprocess(emptyToUndefined, z.string().optional()),
    VERCEL_BRANCH_URL: z.preprocess(emptyToUndefined, z.string().optional()),
    VERCEL_PROJECT_PRODUCTION_URL: z.preprocess(emptyToUndefined, z.string().optional()),
    VERCEL_GIT_COMMIT_SHA: z.preprocess(emptyToUndefined, z.string().optional()),
    APP_ENV: z.preprocess(emptyToUndefined, z.string().max(40).optional()),
    SITE_URL: z.preprocess(emptyToUndefined, optionalUrl),

    DATABASE_URL: z.string().min(1, 'DATABASE_URL is required (npm run dev sets it for the embedded database)'),
    DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(5),

    AUTH_MODE: z.enum(['supabase', 'embedded']).default('supabase'),
    NEXT_PUBLIC_SUPABASE_URL: z.preprocess(emptyToUndefined, optionalUrl),
    NEXT_PUBLIC_SUPABASE_ANON_KEY: z.preprocess(emptyToUndefined, z.string().optional()),
    SUPABASE_URL: z.preprocess(emptyToUndefined, optionalUrl),
    SUPABASE_ANON_KEY: z.preprocess(emptyToUndefined, z.string().optional()),
    // Supabase Auth's admin API (deleting an account); without it, account deletion is refused.
    SUPABASE_SERVICE_ROLE_KEY: z.preprocess(emptyToUndefined, z.string().max(4096).optional()),
    EMBEDDED_AUTH_SIGNING_KEY: z.preprocess(emptyToUndefined, z.string().optional()),
    // Local production builds only (benchmarks, browser tests): lets embedded auth run under NODE_ENV=production.
    ALLOW_EMBEDDED_AUTH_IN_PRODUCTION: z.preprocess(emptyToUndefined, z.enum(['0', '1']).optional()),

    // Upstash Redis for rate limits; without both, an in-process limiter is used.
    UPSTASH_REDIS_REST_URL: z.preprocess(emptyToUndefined, optionalUrl),
    UPSTASH_REDIS_REST_TOKEN: z.preprocess(emptyToUndefined, z.string().max(1000).optional()),
    // Multiplies every rate-limit budget: for local benchmarks and load tests, which must measure
    // the routes rather than the limiter's refusals. Refused above 1 in a production deployment.
    RATE_LIMIT_SCALE: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(1_000_000).default(1)),

    // No key means the offline provider: runs still work, labelled 'offline', at no cost.
    OPENAI_API_KEY: z.preprocess(emptyToUndefined, z.string().max(500).optional()),
    OPENAI_BASE_URL: z.preprocess(emptyToUndefined, optionalUrl),
    // Must have a price (lib/llm/prices.ts), or its runs could not be metered.
    OPENAI_MODEL: z.preprocess(emptyToUndefined, z.enum(MODEL_NAMES).default('gpt-4o-mini')),
    OPENAI_TIMEOUT_MS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(100).max(600_000).default(60_000)),
    OPENAI_TRANSCRIBE_MODEL: z.preprocess(emptyToUndefined, z.string().max(100).default('whisper-1')),
    // The offline provider's pause between the chunks of its answer: 0 answers at once; a few hundred
    // milliseconds make its stream watchable (a demo, or the browser tests of Stop and of leaving mid-answer).
    OFFLINE_STREAM_DELAY_MS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(5000).default(0)),

    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    SENTRY_DSN: z.preprocess(emptyToUndefined, optionalUrl),
    // Share of requests Sentry traces (0–1): the p95 alert in production reads these transactions. 0 sends errors only.
    SENTRY_TRACES_SAMPLE_RATE: z.preprocess(emptyToUndefined, z.coerce.number().min(0).max(1).default(0)),
    // OpenTelemetry traces (one span per agent run, lib/observability/run-span.ts): sent over
    // OTLP/HTTP to this collector (…/v1/traces is appended) when set; nothing is exported otherwise.
    OTEL_EXPORTER_OTLP_ENDPOINT: z.preprocess(emptyToUndefined, z.url({ protocol: /^https?$/, message: 'must be an http:// or https:// URL' }).optional()),
    // The collector's credentials, "name=value,name=value" (a backend's API key goes here).
    OTEL_EXPORTER_OTLP_HEADERS: z.preprocess(emptyToUndefined, z.string().max(4000).optional()),
    OTEL_EXPORTER_OTLP_PROTOCOL: z.preprocess(emptyToUndefined, z.enum(['http/protobuf', 'http/json']).optional()),
    // GitHub's repository webhook (X-Hub-Signature-256). While a secret is rotated, the previous one
    // is accepted too; unset, the webhook refuses every delivery.
    CODE_REPO_WEBHOOK_SECRET: z.preprocess(emptyToUndefined, z.string().min(16, 'use at least 16 random characters').max(500).optional()),
    // Outgoing mail (organization invitations): smtp://user:pass@host:587 or smtps://…; unset, invitation links are shown to the inviter instead.
    SMTP_URL: z.preprocess(emptyToUndefined, z.string().max(1000).regex(/^smtps?:\/\/[^\s]+$/, 'must look like smtp://user:password@host:587 or smtps://…').optional()),
    SMTP_FROM: z.preprocess(emptyToUndefined, z.string().max(320).optional()),
    CODE_REPO_WEBHOOK_SECRET_PREVIOUS: z.preprocess(emptyToUndefined, z.string().min(16, 'use at least 16 random characters').max(500).optional()),
    CRON_SECRET: z.preprocess(emptyToUndefined, z.string().min(16, 'use at least 16 random characters').max(500).optional()),
    ...billingShape,
  })
  .superRefine((env, ctx) => {
    checkBilling(env, ctx);
    if (env.RATE_LIMIT_SCALE !== 1 && env.VERCEL_ENV === 'production') {
      ctx.addIssue({ code: 'custom', path: ['RATE_LIMIT_SCALE'], message: 'RATE_LIMIT_SCALE is for local benchmarks; leave it unset in production' });
    }
    if (env.AUTH_MODE === 'embedded') {
      // The embedded auth server signs its own tokens; it must never run where real users sign in.
      if (env.VERCEL || env.VERCEL_ENV) {
        ctx.addIssue({
          code: 'custom',
          path: ['AUTH_MODE'],
          message: 'AUTH_MODE=embedded cannot be used in a Vercel deployment; configure Supabase Auth',
        });
      } else if (env.NODE_ENV === 'production' && env.ALLOW_EMBEDDED_AUTH_IN_PRODUCTION !== '1') {
        // Any other production server (a container, a VM) is refused too, unless a local
        // production build (benchmarks, browser tests) says so explicitly.
        ctx.addIssue({
          code: 'custom',
          path: ['AUTH_MODE'],
          message:
            'AUTH_MODE=embedded is refused under NODE_ENV=production; configure Supabase Auth (ALLOW_EMBEDDED_AUTH_IN_PRODUCTION=1 is for local production builds only)',
        });
      }
      if (!env.EMBEDDED_AUTH_SIGNING_KEY) {
        ctx.addIssue({
          code: 'custom',
          path: ['EMBEDDED_AUTH_SIGNING_KEY'],
          message: 'AUTH_MODE=embedded needs EMBEDDED_AUTH_SIGNING_KEY (npm run dev generates one)',
        });
      }
    } else {
      if (!(env.SUPABASE_URL ?? env.NEXT_PUBLIC_SUPABASE_URL)) {
        ctx.addIssue({ code: 'custom', path: ['SUPABASE_URL'], message: 'SUPABASE_URL or NEXT_PUBLIC_SUPABASE_URL is required' });
      }
      if (!(env.SUPABASE_ANON_KEY ?? env.NEXT_PUBLIC_SUPABASE_ANON_KEY)) {
        ctx.addIssue({
          code: 'custom',
          path: ['SUPABASE_ANON_KEY'],
          message: 'SUPABASE_ANON_KEY or NEXT_PUBLIC_SUPABASE_ANON_KEY is required',
        });
      }
    }
  });

export type RawServerEnv = z.infer<typeof serverSchema>;

export interface ServerEnv extends RawServerEnv {
  /** Where the app is reached: used for auth redirects and the embedded token issuer. */
  siteUrl: string;
  /** Name shown by /health: production, preview, development or test. */
  environment: string;
  version: string;
  supabaseUrl: string;
  supabaseAnonKey: string;
}

/** Not a secret: supabase-js requires some key, and the embedded auth server ignores it. */
export const EMBEDDED_ANON_KEY = 'embedded-anon-key';

function resolveSiteUrl(env: RawServerEnv): string {
  if (env.SITE_URL) return env.SITE_URL.replace(/\/$/, '');
  // Preview deployments get their own URL, so auth redirects stay on the branch being previewed.
  if (env.VERCEL_ENV === 'production' && env.VERCEL_PROJECT_PRODUCTION_URL) {
    return `https://${env.VERCEL_PROJECT_PRODUCTION_URL}`;
  }
  const vercelHost = env.VERCEL_BRANCH_URL ?? env.VERCEL_URL;
  if (vercelHost) return `https://${vercelHost}`;
  return `http://localhost:${process.env.PORT ?? '3000'}`;
}

export function parseServerEnv(source: Record<string, string | undefined>): ServerEnv {
  const result = serverSchema.safeParse(source);
  if (!result.success) {
    const details = result.error.issues.map((issue) => `  ${issue.path.join('.') || 'env'}: ${issue.message}`).join('\n');
    throw new Error(`Invalid environment:\n${details}`);
  }
  const env = result.data;
  const siteUrl = resolveSiteUrl(env);
  const embedded = env.AUTH_MODE === 'embedded';
  return {
    ...env,
    siteUrl,
    environment: env.APP_ENV ?? env.VERCEL_ENV ?? env.NODE_ENV,
    version: APP_VERSION,
    supabaseUrl: embedded ? siteUrl : (env.SUPABASE_URL ?? env.NEXT_PUBLIC_SUPABASE_URL)!.replace(/\/$/, ''),
    supabaseAnonKey: embedded ? EMBEDDED_ANON_KEY : (env.SUPABASE_ANON_KEY ?? env.NEXT_PUBLIC_SUPABASE_ANON_KEY)!,
  };
}

/** Kept in step with package.json by a unit test. */
export const APP_VERSION = '1.0.0';

let cached: ServerEnv | undefined;

export function serverEnv(): ServerEnv {
  cached ??= parseServerEnv(process.env);
  return cached;
}

/** Tests change the environment between cases; production code never calls this. */
export function resetServerEnvForTests(): void {
  cached = undefined;
}
