import { describe, expect, it } from 'vitest';
import { NextRequest } from 'next/server';
import { POST as transcribe } from '@/app/api/voice/transcribe/route';
import { ownerSql } from '@/tests/support/database';
import { fakeOpenAIForThisFile, setEnv } from '@/tests/support/fake-openai';
import { bearer, createUser, type TestUser } from '@/tests/support/users';

/** POST /api/voice/transcribe: premium only, audio files only, at most 25 MB, through the real SDK. */

const sql = ownerSql();
const fake = await fakeOpenAIForThisFile();
const MB = 1024 * 1024;


async function premiumUser(tier = 'pro'): Promise<TestUser> {
  const user = await createUser('voice');
  await sql`update public.user_profiles set subscription_tier = ${tier} where user_id = ${user.id}`;
  return user;
}

function audio(name: string, type: string, bytes = 2048): File {
  return new File([new Uint8Array(bytes).fill(7)], name, { type });
}

async function upload(user: TestUser | null, body: FormData | string, headers: Record<string, string> = {}) {
  const req = new NextRequest('http://localhost:3000/api/voice/transcribe', {
    method: 'POST',
    headers: { ...(user ? bearer(user) : {}), ...headers },
    body,
  });
  const response = await transcribe(req, { params: Promise.resolve({}) });
  return { status: response.status, json: (await response.json()) as Record<string, any> };
}

function form(file: File | string, field = 'audio', durationSeconds: string | null = '5'): FormData {
  const data = new FormData();
  data.append(field, file);
  if (durationSeconds !== null) data.append('durationSeconds', durationSeconds);
  return data;
}

const transcriptions = () => fake.requests.filter((request) => request.path === '/v1/audio/transcriptions');
const envelope = (code: string) => ({ error: { code, message: expect.any(String) }, requestId: expect.any(String) });

describe('POST /api/voice/transcribe', () => {
  it.each([
    ['recording.webm', 'audio/webm;codecs=opus'],
    ['memo.mp3', 'audio/mpeg'],
    ['memo.wav', 'audio/wav'],
    ['memo.m4a', 'audio/mp4'],
    ['memo.M4A', ''],
  ])('a pro user gets the transcript of %s (%s)', async (name, type) => {
    const user = await premiumUser();
    const res = await upload(user, form(audio(name, type)));
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ text: 'Draft a launch email for our beta users.' });
    const [request] = transcriptions();
    expect(request!.body).toMatchObject({ model: 'whisper-1' });
    expect(request!.file?.name).toBe(name);
    expect(request!.headers.authorization).toBe('Bearer sk-test-fake-0123456789abcdefghij');
  });

  it('enterprise is premium too, and OPENAI_TRANSCRIBE_MODEL picks the model', async () => {
    setEnv({ OPENAI_TRANSCRIBE_MODEL: 'gpt-4o-mini-transcribe' });
    const user = await premiumUser('enterprise');
    fake.transcript = 'Summarise churn for March.';
    try {
      const res = await upload(user, form(audio('a.webm', 'audio/webm')));
      expect(res).toEqual({ status: 200, json: { text: 'Summarise churn for March.' } });
      expect(transcriptions()[0]!.body.model).toBe('gpt-4o-mini-transcribe');
    } finally {
      fake.transcript = 'Draft a launch email for our beta users.';
    }
  });

  it('a free user gets 403 premium_required, before the upload is sent anywhere', async () => {
    const user = await createUser('voice-free');
    const res = await upload(user, form(audio('a.webm', 'audio/webm')));
    expect(res.status).toBe(403);
    expect(res.json).toEqual(envelope('premium_required'));
    expect(res.json.error.message).toMatch(/premium feature/);
    expect(transcriptions()).toHaveLength(0);
  });

  it.each([
    { name: 'a text file', file: () => audio('notes.txt', 'text/plain'), message: /^audio: must be a webm, mp3, wav or m4a recording \(got notes\.txt, text\/plain\)/ },
    { name: 'an audio type with the wrong extension', file: () => audio('clip.ogg', 'audio/ogg'), message: /got clip\.ogg, audio\/ogg/ },
    { name: 'a right extension with a wrong type', file: () => audio('memo.mp3', 'image/png'), message: /got memo\.mp3, image\/png/ },
  ])('$name → 415', async ({ file, message }) => {
    const res = await upload(await premiumUser(), form(file()));
    expect(res.status).toBe(415);
    expect(res.json).toEqual(envelope('unsupported_media_type'));
    expect(res.json.error.message).toMatch(message);
    expect(transcriptions()).toHaveLength(0);
  });

  it('a JSON body instead of a multipart upload → 415', async () => {
    const res = await upload(await premiumUser(), JSON.stringify({ audio: 'base64…' }), { 'content-type': 'application/json' });
    expect(res.status).toBe(415);
    expect(res.json.error.message).toMatch(/multipart\/form-data/);
  });

  it('a recording over 25 MB → 413, and nothing is sent on', async () => {
    const res = await upload(await premiumUser(), form(audio('long.webm', 'audio/webm', 25 * MB + 1)));
    expect(res.status).toBe(413);
    expect(res.json).toEqual(envelope('payload_too_large'));
    expect(res.json.error.message).toMatch(/at most 25 MB/);
    expect(transcriptions()).toHaveLength(0);
  });

  it('exactly 25 MB is accepted', async () => {
    const res = await upload(await premiumUser(), form(audio('long.webm', 'audio/webm', 25 * MB)));
    expect(res.status).toBe(200);
    expect(transcriptions()[0]!.bodyBytes).toBeGreaterThan(25 * MB);
  });

  it.each([
    { name: 'no audio field', body: () => form(audio('a.webm', 'audio/webm'), 'file'), message: /^audio: attach the recording/ },
    { name: 'a text field instead of a file', body: () => form('hello'), message: /^audio: attach the recording/ },
    { name: 'an empty file', body: () => form(audio('a.webm', 'audio/webm', 0)), message: /^audio: the recording is empty/ },
  ])('$name → 400', async ({ body, message }) => {
    const res = await upload(await premiumUser(), body());
    expect(res.status).toBe(400);
    expect(res.json.error.message).toMatch(message);
  });

  it('with no API key (offline provider) → 503 saying transcription needs a key', async () => {
    setEnv({ OPENAI_API_KEY: undefined });
    const res = await upload(await premiumUser(), form(audio('a.webm', 'audio/webm')));
    expect(res.status).toBe(503);
    expect(res.json).toEqual(envelope('service_unavailable'));
    expect(res.json.error.message).toMatch(/needs an OpenAI-compatible API key \(OPENAI_API_KEY\)/);
  });

  it('needs a signed-in user', async () => {
    expect((await upload(null, form(audio('a.webm', 'audio/webm')))).status).toBe(401);
  });
});
