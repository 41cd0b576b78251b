import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '@/lib/observability/logger';
import { redactText, redactValue } from '@/lib/observability/redact';

const jwt = 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlc2lnbmF0dXJl';

describe('redaction', () => {
  it('scrubs secret-shaped strings inside free text', () => {
    const text = `token ${jwt} key sk_live_abcdefgh12345678 hook whsec_abcdefgh1234 db postgres://app:hunter2@db.example.com/app`;
    const out = redactText(text);
    expect(out).not.toContain(jwt);
    expect(out).not.toContain('sk_live_abcdefgh12345678');
    expect(out).not.toContain('whsec_abcdefgh1234');
    expect(out).not.toContain('hunter2');
    expect(out).toContain('postgres://app:[redacted]@db.example.com/app');
  });

  it('replaces secret-named fields at any depth and keeps the rest', () => {
    const out = redactValue({ user: 'ada', nested: { password: 'p4ss', Authorization: 'Bearer x', list: [{ refresh_token: 'r' }] } });
    expect(out).toEqual({ user: 'ada', nested: { password: '[redacted]', Authorization: '[redacted]', list: [{ refresh_token: '[redacted]' }] } });
  });
});

describe('logger', () => {
  it('writes JSON lines with the request id and without secrets', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    process.env.LOG_LEVEL = 'info';
    const log = createLogger(sink).child({ requestId: 'req-123' });
    log.info({ headers: { cookie: 'sb-session=abc' }, detail: `leaked ${jwt}` }, 'request');
    log.error({ err: new Error(`failed with sk_test_abcdefgh12345678`) }, 'boom');
    process.env.LOG_LEVEL = 'silent';

    expect(lines).toHaveLength(2);
    const first = JSON.parse(lines[0]!);
    expect(first).toMatchObject({ level: 'info', requestId: 'req-123', msg: 'request', service: 'venture-companion' });
    expect(first.headers.cookie).toBe('[redacted]');
    const all = lines.join('\n');
    expect(all).not.toContain(jwt);
    expect(all).not.toContain('sk_test_abcdefgh12345678');
    expect(all).not.toContain('sb-session=abc');
    expect(JSON.parse(lines[1]!).err.message).toContain('[redacted]');
  });
});
