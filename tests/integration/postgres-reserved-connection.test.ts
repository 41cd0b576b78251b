import net from 'node:net';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * patches/postgres+3.4.9.patch, at the driver. Every transaction of ours runs on a reserved
 * connection (lib/db/pipelined-transaction.ts). Unpatched, losing that connection in the middle of
 * the transaction does two things:
 * - the ROLLBACK that follows is written to the closed socket from a timer, which throws outside
 *   any promise (an uncaught exception: the process goes down);
 * - release() puts the dead connection back among the open ones, and the next query waits on it
 *   forever.
 * Patched, the ROLLBACK fails at once with CONNECTION_CLOSED and the pool reconnects.
 */

const target = new URL(process.env.DATABASE_URL!);
let cutNext: RegExp | null = null;
const sockets = new Set<net.Socket>();
const proxy = net.createServer((client) => {
  const upstream = net.connect(Number(target.port || 5432), target.hostname);
  sockets.add(client).add(upstream);
  const drop = () => {
    client.destroy();
    upstream.destroy();
  };
  client.on('data', (chunk) => {
    if (cutNext?.test(chunk.toString('latin1'))) {
      cutNext = null;
      drop();
      return;
    }
    upstream.write(chunk);
  });
  upstream.on('data', (chunk) => client.write(chunk));
  client.on('error', drop).on('close', drop);
  upstream.on('error', drop).on('close', drop);
});
await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
const viaProxy = new URL(target);
viaProxy.hostname = '127.0.0.1';
viaProxy.port = String((proxy.address() as net.AddressInfo).port);
const sql = postgres(viaProxy.toString(), { max: 1, onnotice: () => {} });

afterAll(async () => {
  await sql.end({ timeout: 1 });
  for (const socket of sockets) socket.destroy();
  await new Promise<void>((resolve) => proxy.close(() => resolve()));
});

/** BEGIN, one query, COMMIT on a reserved connection; on failure ROLLBACK, as pipelinedTransaction does. */
async function transaction(marker: string): Promise<string> {
  const connection = await sql.reserve();
  try {
    await connection.unsafe('begin');
    const [row] = await connection.unsafe<{ marker: string }[]>(`select '${marker}' as marker`);
    await connection.unsafe('commit');
    return row!.marker;
  } catch (error) {
    await connection.unsafe('rollback').catch((rollbackError: { code?: string }) => {
      throw Object.assign(new Error('rollback failed'), { rollbackCode: rollbackError.code, cause: error });
    });
    throw error;
  } finally {
    connection.release();
  }
}

describe('a reserved connection lost in the middle of a transaction (patched postgres.js)', () => {
  it('fails that transaction cleanly, throws nothing outside it, and the pool serves the next one', async () => {
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown) => uncaught.push(error);
    process.on('uncaughtException', onUncaught);
    try {
      expect(await transaction('before')).toBe('before');

      cutNext = /cut-here/;
      const failure = await transaction('cut-here').then(
        () => null,
        (error: { rollbackCode?: string; code?: string }) => error,
      );
      // The query failed with the lost connection, and so did its ROLLBACK: at once, not from a timer.
      expect(failure).toMatchObject({ rollbackCode: 'CONNECTION_CLOSED' });
      // A timer write to the closed socket would throw here, a turn or two later.
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(uncaught).toEqual([]);

      // The one connection is reopened for the next transaction instead of waiting on the dead one.
      const next = await Promise.race([
        transaction('after'),
        new Promise<string>((resolve) => setTimeout(() => resolve('hung'), 5000)),
      ]);
      expect(next).toBe('after');
    } finally {
      process.off('uncaughtException', onUncaught);
    }
  });
});
