import * as Sentry from '@sentry/nextjs';

export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  // Fail at start-up, not at the first request, when the environment is incomplete.
  const { serverEnv } = await import('@/lib/env');
  serverEnv();
  const { initSentry } = await import('@/lib/observability/sentry');
  initSentry();
}

// Errors thrown while rendering pages and server components; API routes report their own
// unhandled errors (with the request id) from handleApiError.
export const onRequestError = Sentry.captureRequestError;
