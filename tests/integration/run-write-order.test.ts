import net from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { NextRequest } from 'next/server';
import { POST as postRun } from '@/app/api/runs/route';
import { fakeOpenAIForThisFile } from '@/tests/support/fake-openai';
import { bearer, createUser } from '@/tests/support/users';

/**
 * What a chat run sends, in the order it leaves the process. The user waits for two things: the
 * first token, which waits on the provider's request, and the end of the answer. So the provider's
 * request goes out before the reservation's statement (open_run), and the answer's last line
 * before the settlement's (finish_run). Every socket write is watched (postgres.js and the SDK's
 * fetch both write through net.Socket), and the response is read line by line as it streams.
 */

const fake = await fakeOpenAIForThisFile();

/** Each write to a socket that is one of the three this test follows, in the order made. */
function watchWrites(): string[] {
  const seen: string[] = [];
  const write = net.Socket.prototype.write;
  vi.spyOn(net.Socket.prototype, 'write').mockImplementation(function (this: net.Socket, ...args: Parameters<net.Socket['write']>) {
    const [chunk] = args;
    const text = typeof chunk === 'string' ? chunk : chunk instanceof Uint8Array ? Buffer.from(chunk).toString('latin1') : '';
    if (text.includes('POST /v1/chat/completions')) seen.push('provider request');
    if (text.includes('private.open_run(')) seen.push('reservation');
    if (text.includes('private.finish_run(')) seen.push('settlement');
    return write.apply(this, args);
  });
  return seen;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('POST /api/runs, the order of what it sends', () => {
  it('the provider request before the reservation, the last delta before the settlement', async () => {
    const user = await createUser('runs-write-order');
    // The answer comes at once, after a pause: its last delta reaches the route with the final event.
    fake.enqueue({ kind: 'stream', chunks: 2, delayBeforeFirstByteMs: 50 });
    const seen = watchWrites();

    const req = new NextRequest('http://localhost:3000/api/runs', {
      method: 'POST',
      headers: { ...bearer(user), 'content-type': 'application/json' },
      body: JSON.stringify({ task: 'Write the announcement of our beta', outputType: 'content' }),
    });
    const response = await postRun(req, { params: Promise.resolve({}) });
    expect(response.status).toBe(200);

    // What had been written when each line of the answer arrived.
    const arrivals: { type: string; writtenBefore: string[] }[] = [];
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffered = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      buffered += value;
      let newline: number;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        const line = JSON.parse(buffered.slice(0, newline)) as { type: string };
        buffered = buffered.slice(newline + 1);
        arrivals.push({ type: line.type, writtenBefore: [...seen] });
      }
    }

    const types = arrivals.map((arrival) => arrival.type);
    expect(types[0]).toBe('run');
    expect(types.at(-1)).toBe('done');
    expect(types.slice(1, -1).every((type) => type === 'delta') && types.length > 2).toBe(true);
    // The request went on the wire ahead of the reservation (the run line waits for the latter).
    expect(arrivals[0]!.writtenBefore).toEqual(['provider request', 'reservation']);
    // Every line of the answer, the last included, was sent while the settlement was still to be written.
    for (const delta of arrivals.slice(1, -1)) expect(delta.writtenBefore).toEqual(['provider request', 'reservation']);
    expect(arrivals.at(-1)!.writtenBefore).toEqual(['provider request', 'reservation', 'settlement']);
  });
});
