import { startFakeOpenAI } from '@/tests/support/fake-openai';

/**
 * The provider side of bench/runs.ts, in a process of its own, so that neither the route's client
 * nor the direct calls share an event loop with it (either would then queue behind the other's
 * work, and the comparison would be unfair to whichever did). Answers every chat completion with
 * a stream: BENCH_FIRST_TOKEN_DELAY_MS before the first byte, then 5 chunks. Prints its base URL
 * on the first line of standard output and stops when standard input closes.
 */

const fake = await startFakeOpenAI();
fake.setDefault({ kind: 'stream', delayBeforeFirstByteMs: Number(process.env.BENCH_FIRST_TOKEN_DELAY_MS ?? 50), chunks: 5 });
// The requests it records are not needed here; keep memory flat over thousands of calls.
setInterval(() => fake.requests.splice(0), 1000).unref();
process.stdout.write(`${fake.url}\n`);
process.stdin.resume();
process.stdin.on('end', () => {
  void fake.close().finally(() => process.exit(0));
});
