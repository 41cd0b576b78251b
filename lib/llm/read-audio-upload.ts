import type { NextRequest } from 'next/server';
import { ApiError } from '@/lib/api/errors';
import { readBodyBytes } from '@/lib/api/parse';
import { MAX_RECORDING_SECONDS } from '@/lib/zod/schemas/runs';

/** OpenAI's transcription limit. */
export const MAX_AUDIO_BYTES = 25 * 1024 * 1024;
// Room for the multipart boundaries and headers around the file.
const MAX_BODY_BYTES = MAX_AUDIO_BYTES + 64 * 1024;

// Per extension, the MIME types browsers and recorders give such a file (parameters such as
// ";codecs=opus" are ignored). An empty or generic type is judged by the extension alone.
const AUDIO_TYPES: Record<string, string[]> = {
  webm: ['audio/webm', 'video/webm'],
  mp3: ['audio/mpeg', 'audio/mp3', 'audio/mpeg3'],
  wav: ['audio/wav', 'audio/x-wav', 'audio/wave', 'audio/vnd.wave'],
  m4a: ['audio/mp4', 'audio/x-m4a', 'audio/m4a', 'audio/aac'],
};
const GENERIC_TYPES = new Set(['', 'application/octet-stream']);
const ACCEPTED = 'webm, mp3, wav or m4a';

const tooLarge = () => new ApiError('payload_too_large', `The recording must be at most 25 MB (${MAX_AUDIO_BYTES} bytes); record a shorter one.`);

async function readLimited(req: NextRequest): Promise<ArrayBuffer> {
  const body = await readBodyBytes(req, MAX_BODY_BYTES, tooLarge);
  return body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer;
}

export interface AudioUpload {
  file: File;
  /** The length the client measured, in seconds: what is reserved before the provider is called. */
  durationSeconds: number;
}

function declaredDuration(value: FormDataEntryValue | null): number {
  if (typeof value !== 'string') {
    throw new ApiError('validation_failed', 'durationSeconds: send the recording\'s length in seconds as a field named "durationSeconds".');
  }
  const text = value.trim();
  const seconds = text === '' ? Number.NaN : Number(text);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new ApiError('validation_failed', 'durationSeconds: must be the recording\'s length in seconds, a number above 0.');
  }
  if (seconds > MAX_RECORDING_SECONDS) {
    throw new ApiError('validation_failed', `durationSeconds: a recording may be at most ${MAX_RECORDING_SECONDS / 60} minutes (${MAX_RECORDING_SECONDS} s); record a shorter one.`);
  }
  return seconds;
}

/**
 * The `audio` file of a multipart/form-data upload and its declared length (`durationSeconds`),
 * checked before anything is reserved or sent on: at most 25 MB (413), a webm, mp3, wav or m4a
 * file by both extension and MIME type (415), and a length above 0 and at most
 * MAX_RECORDING_SECONDS (400).
 */
export async function readAudioUpload(req: NextRequest): Promise<AudioUpload> {
  const contentType = req.headers.get('content-type') ?? '';
  if (!/^multipart\/form-data\b/i.test(contentType)) {
    throw new ApiError('unsupported_media_type', 'Send the recording as multipart/form-data, in a file field named "audio".');
  }
  const body = await readLimited(req);
  let form: FormData;
  try {
    form = await new Response(body, { headers: { 'content-type': contentType } }).formData();
  } catch {
    throw new ApiError('bad_request', 'The multipart body could not be read.');
  }
  const file = form.get('audio');
  if (!(file instanceof File)) throw new ApiError('validation_failed', 'audio: attach the recording as a file field named "audio".');
  if (file.size > MAX_AUDIO_BYTES) throw tooLarge();
  if (file.size === 0) throw new ApiError('validation_failed', 'audio: the recording is empty.');

  const extension = /\.([A-Za-z0-9]{1,10})$/.exec(file.name)?.[1]?.toLowerCase() ?? '';
  const mime = file.type.split(';')[0]!.trim().toLowerCase();
  const types = Object.hasOwn(AUDIO_TYPES, extension) ? AUDIO_TYPES[extension]! : null;
  if (!types || !(types.includes(mime) || GENERIC_TYPES.has(mime))) {
    const got = `${file.name.slice(0, 100) || 'a file without a name'}${mime ? `, ${mime}` : ''}`;
    throw new ApiError('unsupported_media_type', `audio: must be a ${ACCEPTED} recording (got ${got}).`);
  }
  return { file, durationSeconds: declaredDuration(form.get('durationSeconds')) };
}
