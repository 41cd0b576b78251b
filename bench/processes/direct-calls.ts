import OpenAI from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';
import { OUTPUT_SCHEMAS } from '@/lib/zod/schemas/runs';

/**
 * The direct side of bench/runs.ts, in a process of its own so that its CPU time is the provider
 * call's alone (the fake provider runs in the benchmark's process). Reads its job as JSON on
 * standard input — { baseURL, apiKey, prompts: { system, user }, count, concurrency, warmUp } —
 * makes the calls exactly as the app's provider does (streamed, usage in the last chunk, the
 * response format built once), and writes { timings, cpuMs } as JSON on standard output: each
 * call's time to first token and total, and the user + system CPU of the timed calls.
 */

interface Job {
  baseURL: string;
  apiKey: string;
  prompts: { system: string; user: string };
  count: number;
  concurrency: number;
  warmUp: number;
}

const chunks: Buffer[] = [];
for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
const job = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Job;

const client = new OpenAI({ apiKey: job.apiKey, baseURL: job.baseURL, maxRetries: 0 });
const responseFormat = zodResponseFormat(OUTPUT_SCHEMAS.content, 'content');

async function call(): Promise<{ firstToken: number; total: number }> {
  const started = performance.now();
  const stream = await client.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [
      { role: 'system', content: job.prompts.system },
      { role: 'user', content: job.prompts.user },
    ],
    stream: true,
    stream_options: { include_usage: true },
    response_format: responseFormat,
    max_completion_tokens: 4096,
  });
  let firstToken = NaN;
  let usage = false;
  for await (const chunk of stream) {
    if (Number.isNaN(firstToken) && chunk.choices[0]?.delta?.content) firstToken = performance.now() - started;
    if (chunk.usage) usage = true;
  }
  if (!usage) throw new Error('the direct call received no usage');
  return { firstToken, total: performance.now() - started };
}

/** `count` calls, `concurrency` at a time. */
async function pool(count: number): Promise<{ firstToken: number; total: number }[]> {
  const timings: { firstToken: number; total: number }[] = [];
  let started = 0;
  await Promise.all(
    Array.from({ length: job.concurrency }, async () => {
      while (started < count) {
        started += 1;
        timings.push(await call());
      }
    }),
  );
  return timings;
}

await pool(job.warmUp);
const cpuBefore = process.cpuUsage();
const timings = await pool(job.count);
const cpu = process.cpuUsage(cpuBefore);
process.stdout.write(JSON.stringify({ timings, cpuMs: (cpu.user + cpu.system) / 1000 }));
