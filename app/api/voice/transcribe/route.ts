import { otherMethods } from '@/lib/api/methods';
import { ApiError } from '@/lib/api/errors';
import { respond, withUser } from '@/lib/api/handler';
import { serverEnv } from '@/lib/env';
import { openAIClient } from '@/lib/llm/openai-client';
import { readAudioUpload } from '@/lib/llm/read-audio-upload';
import { getMetricLimit } from '@/lib/usage/get-metric-limit';
import { VOICE_PREMIUM_REASON } from '@/lib/usage/limit-reason';
import { transcribeWithinAllowance } from '@/lib/voice/transcribe-within-allowance';
import { transcriptionSchema } from '@/lib/zod/schemas/runs';

export const dynamic = 'force-dynamic';
// A 25 MB recording takes a while to upload and to transcribe.
export const maxDuration = 90;

/**
 * Premium: an uploaded recording (multipart field "audio", its length in "durationSeconds") → its
 * transcript, for the task box, metered in seconds against the plan's monthly voice allowance.
 */
export const POST = withUser(async ({ req, db, userId, log }) => {
  // Checked before the upload is read, so an account without voice never sends 25 MB for nothing.
  if ((await db((tx) => getMetricLimit(tx, { userId, metricType: 'voice_seconds' }))) === 0) {
    throw new ApiError('premium_required', VOICE_PREMIUM_REASON);
  }
  const env = serverEnv();
  const client = openAIClient(env);
  if (!client) {
    throw new ApiError(
      'service_unavailable',
      'Voice transcription needs an OpenAI-compatible API key (OPENAI_API_KEY). This server runs the offline provider, which cannot transcribe audio; type the task instead.',
    );
  }
  const upload = await readAudioUpload(req);
  const text = await transcribeWithinAllowance({ db, userId, client, upload, model: env.OPENAI_TRANSCRIBE_MODEL, timeoutMs: env.OPENAI_TIMEOUT_MS, log });
  return respond(transcriptionSchema, { text });
}, { rateLimit: 'runs' });

export const { GET, PUT, PATCH, DELETE } = otherMethods({ POST });
