import { otherMethods } from '@/lib/api/methods';
import { ApiError } from '@/lib/api/errors';
import { respond, withUser } from '@/lib/api/handler';
import { serverEnv } from '@/lib/env';
import { openAIClient } from '@/lib/llm/openai-client';
import { readAudioUpload } from '@/lib/llm/read-audio-upload';
import { transcribeAudio } from '@/lib/llm/transcribe-audio';
import { getSubscriptionTier } from '@/lib/usage/get-subscription-tier';
import { transcriptionSchema } from '@/lib/zod/schemas/runs';

export const dynamic = 'force-dynamic';
// A 25 MB recording takes a while to upload and to transcribe.
export const maxDuration = 90;

/** Premium: an uploaded recording (multipart field "audio") → its transcript, for the task box. */
export const POST = withUser(async ({ req, db, userId }) => {
  // Checked before the upload is read, so a free account never sends 25 MB for nothing.
  if ((await db((tx) => getSubscriptionTier(tx, { userId }))) === 'free') {
    throw new ApiError('premium_required', 'Voice input is a premium feature: upgrade to Pro or Enterprise to dictate tasks.');
  }
  const env = serverEnv();
  const client = openAIClient(env);
  if (!client) {
    throw new ApiError(
      'service_unavailable',
      'Voice transcription needs an OpenAI-compatible API key (OPENAI_API_KEY). This server runs the offline provider, which cannot transcribe audio; type the task instead.',
    );
  }
  const audio = await readAudioUpload(req);
  const text = await transcribeAudio(client, audio, { model: env.OPENAI_TRANSCRIBE_MODEL, timeoutMs: env.OPENAI_TIMEOUT_MS });
  return respond(transcriptionSchema, { text });
}, { rateLimit: 'runs' });

export const { GET, PUT, PATCH, DELETE } = otherMethods({ POST });
