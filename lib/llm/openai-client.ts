import OpenAI from 'openai';
import type { ServerEnv } from '@/lib/env';
import { logger } from '@/lib/observability/logger';

// One client per parsed environment: its keep-alive connections are reused across runs, and a
// test that changes the environment (and resets it) gets a new client.
const clients = new WeakMap<ServerEnv, OpenAI>();

/** The SDK client for the configured OpenAI-compatible server, or null without an API key. */
export function openAIClient(env: ServerEnv): OpenAI | null {
  if (!env.OPENAI_API_KEY) return null;
  let client = clients.get(env);
  if (!client) {
    client = new OpenAI({
      apiKey: env.OPENAI_API_KEY,
      baseURL: env.OPENAI_BASE_URL ?? null,
      // Per attempt, up to the response headers; the whole call has its own deadline (openai-provider.ts).
      timeout: env.OPENAI_TIMEOUT_MS,
      // 429 and 5xx are retried with backoff (honouring retry-after) before a run fails.
      maxRetries: 2,
      logger: logger.child({ component: 'openai' }),
      logLevel: 'warn',
    });
    clients.set(env, client);
  }
  return client;
}
