import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { startDatabaseProxy } from '@/tests/support/database-proxy';

/**
 * patches/postgres+3.4.9.patch, at the driver. Every transaction of ours runs on a reserved
 * connection (lib/db/pipelined-transaction.ts). Unpatched, losing that connection in the middle of
 * the transaction does two things:
 * - the ROLLBACK that follows is written to the closed socket from a timer, which throws outside
 *   any promise (an uncaught exception: the process goes down);
 * - release() puts the dead connection back among the open ones, and the next query waits on it
 *   forever.
 * Patched, the ROLLBACK fails at once with CONNECTION_CLOSED and the pool reconnects. A third
 * case: a connection lost while it fetches the array types (the first thing a new connection
 * does) rejected a promise nobody held, an unhandled rejection; patched, the connection is opened
 * again and the waiting query answered. The cuts are made by tests/support/database-proxy.ts, in
 * front of the test database.
 */

const target = new URL(process.env.DATABASE_URL!);
const proxy = await startDatabaseProxy(target);
const viaProxy = new URL(target);
viaProxy.hostname = '127.0.0.1';
viaProxy.port = String(proxy.port);
const sql = postgres(viaProxy.toString(), { max: 1, onnotice: () => {} });

afterAll(async () => {
  await sql.end({ timeout: 1 });
  await proxy.close();
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

      proxy.cutOnce(/cut-here/);
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

describe('a new connection lost while it fetches the array types (patched postgres.js)', () => {
  it('rejects nothing unhandled, opens again and answers the query that was waiting, arrays parsed', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    const fresh = postgres(viaProxy.toString(), { max: 1, onnotice: () => {} });
    try {
      const cutsBefore = proxy.cuts;
      proxy.cutOnce(/typarray/);
      // Reserved, as every transaction of ours is: the connection is opened for the reservation.
      // Unpatched, it waits for ever on the connection that was lost.
      const reserved = await fresh.reserve();
      expect(proxy.cuts).toBe(cutsBefore + 1);
      expect((await reserved`select 1 as one`)[0]).toEqual({ one: 1 });
      reserved.release();
      // The pool opens the connection again and the next query is answered, with arrays parsed.
      const [row] = await fresh<{ xs: number[] }[]>`select array[1, 2]::int[] as xs`;
      expect(row!.xs).toEqual([1, 2]);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
      await fresh.end({ timeout: 1 });
    }
  });
});

describe('reservations across a database outage (patched postgres.js)', () => {
  it('one refused while the database is down leaves the queue: once it is back, the one connection serves every transaction', async () => {
    const pool = postgres(viaProxy.toString(), { max: 1, onnotice: () => {}, connect_timeout: 2 });
    /** A reserved transaction's query, its error code, or "hung" after 5 s. */
    const attempt = () =>
      Promise.race([
        pool.reserve().then(async (connection) => {
          try {
            return (await connection<{ a: number[] }[]>`select array[1]::int[] as a`)[0]!.a;
          } finally {
            connection.release();
          }
        }),
        new Promise<string>((resolve) => setTimeout(() => resolve('hung'), 5000)),
      ]).catch((error: { code?: string }) => error.code ?? 'error');
    try {
      for (let outage = 0; outage < 2; outage++) {
        await proxy.down();
        expect(['ECONNREFUSED', 'CONNECTION_CLOSED']).toContain(await attempt());
        await proxy.up();
        expect(await attempt()).toEqual([1]);
        expect(await attempt()).toEqual([1]);
      }
    } finally {
      await pool.end({ timeout: 1 });
    }
  });
});
