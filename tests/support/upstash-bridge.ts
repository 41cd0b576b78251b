import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Redis } from 'ioredis';

/**
 * Upstash's REST protocol on 127.0.0.1 in front of a real Redis, so @upstash/redis and
 * @upstash/ratelimit run unchanged in tests: `POST /` with one command as a JSON array and
 * `POST /pipeline` with an array of them (the SDK auto-pipelines, so most traffic comes there),
 * `Authorization: Bearer <token>` or 401, string results base64-encoded when the request sends
 * `Upstash-Encoding: base64` (the SDK always does), and errors as `{ error }`. Every command is
 * recorded with the error Redis gave, if any.
 */

export interface BridgeCall {
  command: string;
  error?: string;
}

export interface UpstashBridge {
  url: string;
  token: string;
  calls: BridgeCall[];
  /** Answers are held this long after the command has run, to make clients time out. */
  delayMs: number;
  close(): Promise<void>;
}

type Argument = string | number;

// Upstash's Lua scripts start with `#!lua flags=allow-key-locking`, a flag Redis itself refuses.
const UPSTASH_ONLY_SCRIPT_FLAGS = new Set(['allow-key-locking']);

const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');

function toRedisScript(script: string): string {
  return script.replace(/^#!lua flags=([^\n]*)/, (_line, flags: string) => {
    const kept = flags
      .split(',')
      .map((flag) => flag.trim())
      .filter((flag) => flag && !UPSTASH_ONLY_SCRIPT_FLAGS.has(flag));
    return kept.length > 0 ? `#!lua flags=${kept.join(',')}` : '#!lua';
  });
}

function encode(value: unknown, base64: boolean): unknown {
  if (Buffer.isBuffer(value)) return value.toString(base64 ? 'base64' : 'utf8');
  if (Array.isArray(value)) return value.map((item) => encode(item, base64));
  return value;
}

function isCommand(value: unknown): value is [string, ...Argument[]] {
  return (
    Array.isArray(value) &&
    typeof value[0] === 'string' &&
    value.every((part) => typeof part === 'string' || typeof part === 'number')
  );
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

export async function startUpstashBridge(redis: Redis, token: string): Promise<UpstashBridge> {
  const calls: BridgeCall[] = [];
  // Stripping the flag changes a script's SHA1, so EVALSHA with the SDK's hash is translated to
  // the one Redis stored. A hash not seen yet goes through unchanged and gets Redis's NOSCRIPT,
  // as it would from Upstash, which sends the SDK to EVAL.
  const redisShaFor = new Map<string, string>();

  function adaptScript(script: string): string {
    const adapted = toRedisScript(script);
    if (adapted !== script) redisShaFor.set(sha1(script), sha1(adapted));
    return adapted;
  }

  function toRedisArguments(name: string, args: Argument[]): Argument[] {
    const [first, ...rest] = args;
    if (name === 'EVAL' && typeof first === 'string') return [adaptScript(first), ...rest];
    if (name === 'EVALSHA' && typeof first === 'string') return [redisShaFor.get(first) ?? first, ...rest];
    return args;
  }

  async function run([command, ...args]: [string, ...Argument[]], base64: boolean): Promise<{ result: unknown } | { error: string }> {
    const name = command.toUpperCase();
    try {
      const result = await redis.callBuffer(name, ...toRedisArguments(name, args));
      calls.push({ command: name });
      return { result: encode(result, base64) };
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      calls.push({ command: name, error });
      return { error };
    }
  }

  function send(res: ServerResponse, status: number, body: unknown): void {
    if (res.destroyed) return;
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.headers.authorization !== `Bearer ${token}`) return send(res, 401, { error: 'Unauthorized' });
    if (req.method !== 'POST') return send(res, 405, { error: 'Method not allowed' });
    const base64 = req.headers['upstash-encoding'] === 'base64';
    const body = await readJson(req).catch(() => undefined);
    const path = new URL(req.url ?? '/', 'http://bridge').pathname;

    let status: number;
    let answer: unknown;
    if (path === '/' && isCommand(body)) {
      const outcome = await run(body, base64);
      status = 'error' in outcome ? 400 : 200;
      answer = outcome;
    } else if (path === '/pipeline' && Array.isArray(body) && body.length > 0 && body.every(isCommand)) {
      const outcomes = [];
      // Upstash runs a pipeline's commands in order, and one failing does not stop the rest.
      for (const command of body) outcomes.push(await run(command, base64));
      status = 200;
      answer = outcomes;
    } else {
      return send(res, 400, { error: `ERR unsupported request to ${path}` });
    }

    if (bridge.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, bridge.delayMs).unref());
    send(res, status, answer);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => send(res, 500, { error: err instanceof Error ? err.message : String(err) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const bridge: UpstashBridge = {
    url: `http://127.0.0.1:${port}`,
    token,
    calls,
    delayMs: 0,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // Pooled keep-alive sockets and held answers would otherwise keep the server open.
        server.closeAllConnections();
      }),
  };
  return bridge;
}
