import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseServerEnv, resetServerEnvForTests } from '@/lib/env';

const init = vi.fn();
vi.mock('@sentry/nextjs', () => ({ init: (options: unknown) => init(options) }));

const base = { DATABASE_URL: 'postgres://localhost/db', AUTH_MODE: 'embedded', EMBEDDED_AUTH_SIGNING_KEY: 'k' };

afterEach(() => {
  delete process.env.SENTRY_DSN;
  delete process.env.SENTRY_TRACES_SAMPLE_RATE;
  resetServerEnvForTests();
  init.mockClear();
});

describe('Sentry tracing sample rate (the p95 alert in production reads its transactions)', () => {
  it('comes from SENTRY_TRACES_SAMPLE_RATE, 0 by default, and refuses values outside 0–1', () => {
    expect(parseServerEnv(base).SENTRY_TRACES_SAMPLE_RATE).toBe(0);
    expect(parseServerEnv({ ...base, SENTRY_TRACES_SAMPLE_RATE: '' }).SENTRY_TRACES_SAMPLE_RATE).toBe(0);
    expect(parseServerEnv({ ...base, SENTRY_TRACES_SAMPLE_RATE: '0.25' }).SENTRY_TRACES_SAMPLE_RATE).toBe(0.25);
    expect(() => parseServerEnv({ ...base, SENTRY_TRACES_SAMPLE_RATE: '1.5' })).toThrow(/SENTRY_TRACES_SAMPLE_RATE/);
    expect(() => parseServerEnv({ ...base, SENTRY_TRACES_SAMPLE_RATE: 'all' })).toThrow(/SENTRY_TRACES_SAMPLE_RATE/);
  });

  it('is what initSentry gives Sentry', async () => {
    const { initSentry } = await import('@/lib/observability/sentry');
    process.env.SENTRY_DSN = 'https://key@o0.ingest.sentry.io/1';
    process.env.SENTRY_TRACES_SAMPLE_RATE = '0.2';
    resetServerEnvForTests();
    expect(initSentry()).toBe(true);
    expect(init).toHaveBeenCalledWith(expect.objectContaining({ tracesSampleRate: 0.2 }));
  });
});
