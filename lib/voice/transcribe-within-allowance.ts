import type OpenAI from 'openai';
import type { Queryable } from '@/lib/db/client';
import type { AudioUpload } from '@/lib/llm/read-audio-upload';
import { transcribeAudio } from '@/lib/llm/transcribe-audio';
import type { Logger } from '@/lib/observability/logger';
import { extendReservation } from '@/lib/usage/extend-reservation';
import { voiceOverrunReason } from '@/lib/usage/limit-reason';
import { reserveMetric } from '@/lib/usage/reserve-metric';
import { settleReservation } from '@/lib/usage/settle-reservation';

interface TranscribeOptions {
  db: <T>(fn: (tx: Queryable) => Promise<T>) => Promise<T>;
  userId: string;
  client: OpenAI;
  upload: AudioUpload;
  model: string;
  timeoutMs: number;
  log: Logger;
}

/**
 * Transcribes a recording against the caller's monthly voice seconds. The declared length is
 * reserved (and committed) before the provider is called, so concurrent uploads cannot overshoot
 * the limit; the reservation is settled with the length the provider measured (the declared one
 * when it reports none). A recording measured longer than declared takes the difference in one
 * more atomic step; if that is refused, the transcript is withheld (429) and the declared seconds
 * stay counted. A failed transcription releases the reservation. Whole seconds, rounded up.
 */
export async function transcribeWithinAllowance({ db, userId, client, upload, model, timeoutMs, log }: TranscribeOptions): Promise<string> {
  const declared = Math.ceil(upload.durationSeconds);
  const { id } = await db((tx) =>
    reserveMetric(tx, { userId, metricType: 'voice_seconds', amount: declared, subject: `Transcription of ${upload.file.name || 'a recording'}` }),
  );
  // Should settling fail too (the database is down), the daily maintenance releases the reservation.
  const settle = (used: number) =>
    db((tx) => settleReservation(tx, { id, used })).catch((error: unknown) => log.warn({ err: error, reservationId: id }, 'could not settle a voice reservation'));

  let transcript;
  try {
    transcript = await transcribeAudio(client, upload.file, { model, timeoutMs });
  } catch (error) {
    await settle(0);
    throw error;
  }
  const measured = transcript.durationSeconds === null ? declared : Math.ceil(transcript.durationSeconds);
  if (measured > declared) {
    try {
      await db(async (tx) => {
        await extendReservation(tx, { id, amount: measured - declared, words: voiceOverrunReason });
        await settleReservation(tx, { id, used: measured });
      });
    } catch (error) {
      await settle(declared);
      throw error;
    }
    return transcript.text;
  }
  await db((tx) => settleReservation(tx, { id, used: measured }));
  return transcript.text;
}
