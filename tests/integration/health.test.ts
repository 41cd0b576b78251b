import net from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { GET as health } from '@/app/api/health/route';
import { closePool } from '@/lib/db/client';
import { resetServerEnvForTests } from '@/lib/env';
import { callRoute } from '@/tests/support/routes';

afterAll(closePool);

describe('GET /api/health', () => {
  it('answers 200 with the runbook fields and a database check', async () => {
    const res = await callRoute(health, '/api/health');
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      status: 'ok',
      timestamp: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      environment: 'test',
      version: '1.0.0',
      checks: { database: { status: 'ok', latencyMs: expect.any(Number) } },
    });
  });

  it('answers 503 within 2 seconds when the database does not respond', async () => {
    // A server that accepts connections and never answers: the worst case for a health check.
    const sockets: net.Socket[] = [];
    const blackHole = net.createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => blackHole.listen(0, '127.0.0.1', resolve));
    const { port } = blackHole.address() as net.AddressInfo;
    const realUrl = process.env.DATABASE_URL;
    await closePool();
    process.env.DATABASE_URL = `postgres://postgres:secret-password@127.0.0.1:${port}/postgres`;
    resetServerEnvForTests();
    try {
      const started = performance.now();
      const res = await callRoute(health, '/api/health');
      const elapsed = performance.now() - started;
      expect(res.status).toBe(503);
      expect(res.json.status).toBe('error');
      expect(res.json.checks.database.status).toBe('error');
      expect(elapsed).toBeLessThan(2000);
      expect(res.text).not.toContain('secret-password');
    } finally {
      for (const socket of sockets) socket.destroy();
      blackHole.close();
      const pool = globalThis.__vcSql;
      globalThis.__vcSql = undefined;
      void pool?.end({ timeout: 0 });
      process.env.DATABASE_URL = realUrl;
      resetServerEnvForTests();
    }
  });
});
