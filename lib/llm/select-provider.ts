import { ApiError } from '@/lib/api/errors';
import type { ServerEnv } from '@/lib/env';
import { createOfflineProvider, offlineProvider } from '@/lib/llm/offline-provider';
import { openAIClient } from '@/lib/llm/openai-client';
import { createOpenAIProvider } from '@/lib/llm/openai-provider';
import type { LlmProvider } from '@/lib/llm/provider';
import { isKnownModel, MODEL_NAMES, OFFLINE_MODEL, PRICES, type ModelName } from '@/lib/llm/prices';
import type { Price } from '@/lib/zod/schemas/runs';

export interface ProviderChoice {
  provider: LlmProvider;
  /** The model the run is stored and priced with: 'offline' whenever the offline provider answers. */
  model: ModelName;
  price: Price;
}

/**
 * Which provider answers and at what price. The model is checked against the price table first,
 * so a model that could not be metered is refused whatever provider is configured. The offline
 * provider answers when no API key is configured, or when asked for explicitly (provider or
 * model 'offline').
 */
export function selectProvider(env: ServerEnv, { model, provider }: { model: string; provider: string | undefined }): ProviderChoice {
  if (!isKnownModel(model)) {
    throw new ApiError(
      'validation_failed',
      `model: "${model.slice(0, 100)}" is not available. Choose one of ${MODEL_NAMES.join(', ')} in the input filter or your profile's preferred models.`,
    );
  }
  if (provider !== undefined && provider !== 'openai' && provider !== 'offline') {
    throw new ApiError(
      'validation_failed',
      `inputFilter.provider: "${provider}" is not available. Use "openai" (the server's OpenAI-compatible endpoint) or "offline".`,
    );
  }
  const client = openAIClient(env);
  if (!client || provider === 'offline' || model === OFFLINE_MODEL) {
    const offline = env.OFFLINE_STREAM_DELAY_MS > 0 ? createOfflineProvider({ delayMs: env.OFFLINE_STREAM_DELAY_MS }) : offlineProvider;
    return { provider: offline, model: OFFLINE_MODEL, price: PRICES[OFFLINE_MODEL] };
  }
  return { provider: createOpenAIProvider(client, { timeoutMs: env.OPENAI_TIMEOUT_MS }), model, price: PRICES[model] };
}
