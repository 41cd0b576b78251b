import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '@/lib/observability/logger';
import { findBreaches } from '@/lib/ops/find-breaches';
import { formatReport } from '@/lib/ops/format-report';
import { normaliseRoute } from '@/lib/ops/normalise-route';
import { parseReportArgs } from '@/lib/ops/parse-report-args';
import { parseRequestLine } from '@/lib/ops/parse-request-line';
import { percentile } from '@/lib/ops/percentile';
import { readRequestRecords } from '@/lib/ops/read-request-records';
import { summariseRequests } from '@/lib/ops/summarise-requests';
import { DEFAULT_THRESHOLDS } from '@/lib/ops/thresholds';
import { seededRandom } from '@/tests/support/seeded-random';

// A line as the app writes it: the handler's 'request' line through the real logger.
function appLine(fields: { method: string; path: string; status: number; durationMs: number }): string {
  const chunks: string[] = [];
  const log = createLogger({ write: (chunk: string) => void chunks.push(chunk) } as never);
  log.level = 'info';
  log.child({ requestId: 'req-1' })[fields.status >= 500 ? 'error' : 'info'](fields, 'request');
  return chunks.join('').trim();
}

// Exact nearest-rank percentile computed the plain way: sort, then the value at rank ceil(p·n).
function expectedPercentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  let rank = 1;
  while (rank / sorted.length < p / 100) rank++;
  return sorted[rank - 1]!;
}

describe('parseRequestLine', () => {
  it("reads the app's own request line", () => {
    expect(parseRequestLine(appLine({ method: 'GET', path: '/api/me', status: 200, durationMs: 7 }))).toEqual([
      { method: 'GET', path: '/api/me', status: 200, durationMs: 7 },
    ]);
  });

  it('reads the line nested in a log drain entry, alone or in an array', () => {
    const inner = appLine({ method: 'POST', path: '/api/runs', status: 503, durationMs: 40 });
    const entry = { id: 'x', source: 'lambda', message: inner, path: '/api/runs', statusCode: 503 };
    expect(parseRequestLine(JSON.stringify(entry))).toEqual([{ method: 'POST', path: '/api/runs', status: 503, durationMs: 40 }]);
    expect(parseRequestLine(JSON.stringify([entry, { ...entry, message: 'plain text' }, entry]))).toHaveLength(2);
  });

  it('ignores other lines: text, other log messages, malformed JSON and incomplete request lines', () => {
    for (const line of [
      '',
      'Listening on 3000',
      '{"msg":"unhandled error","level":"error"}',
      '{"msg":"request","method":"GET","path":"/x","status":"200","durationMs":1}',
      '{"msg":"request","method":"GET","path":"/x","status":200}',
      '{"msg":"request","method":"GET","path":"/x","status":200,"durationMs":-1}',
      '{"msg":"request",',
      '{"source":"edge","path":"/api/me","statusCode":200}',
    ]) {
      expect(parseRequestLine(line), line).toEqual([]);
    }
  });
});

describe('normaliseRoute', () => {
  it('replaces uuids, numbers and long hex tokens with :id and drops the query', () => {
    expect(normaliseRoute('/api/runs/1B4E28BA-2FA1-11D2-883F-0016D3CCA427/feedback')).toBe('/api/runs/:id/feedback');
    expect(normaliseRoute('/api/templates/42?x=1')).toBe('/api/templates/:id');
    expect(normaliseRoute(`/api/invitations/${'ab'.repeat(32)}/accept`)).toBe('/api/invitations/:id/accept');
    expect(normaliseRoute('/api/organizations/acme')).toBe('/api/organizations/acme');
    expect(normaliseRoute('/api/me/')).toBe('/api/me');
    expect(normaliseRoute('/')).toBe('/');
  });
});

describe('percentile', () => {
  it('is the nearest rank', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 95)).toBe(95);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile([5], 99)).toBe(5);
    expect(percentile([1, 2, 3], 50)).toBe(2);
    expect(percentile([], 50)).toBeNaN();
  });
});

describe('summariseRequests on generated logs', () => {
  it('matches percentiles, counts and error rates computed independently, per route and overall', async () => {
    const random = seededRandom(13);
    const routes = [
      { method: 'GET', path: () => '/api/me', key: 'GET /api/me' },
      { method: 'POST', path: () => '/api/runs', key: 'POST /api/runs' },
      { method: 'GET', path: () => `/api/runs/${crypto.randomUUID()}`, key: 'GET /api/runs/:id' },
      { method: 'PATCH', path: () => `/api/templates/${Math.floor(random() * 1000)}`, key: 'PATCH /api/templates/:id' },
    ];
    const expected = new Map<string, { durations: number[]; errors: number }>();
    const all: number[] = [];
    let allErrors = 0;
    const lines: string[] = [];
    for (let i = 0; i < 1500; i++) {
      const route = routes[Math.floor(random() * routes.length)]!;
      const durationMs = Math.round(random() * random() * 3000);
      const status = random() < 0.03 ? 500 : random() < 0.1 ? 404 : 200;
      lines.push(appLine({ method: route.method, path: route.path(), status, durationMs }));
      if (i % 7 === 0) lines.push('{"level":"warn","msg":"rate limiter fell back"}', 'not json');
      const bucket = expected.get(route.key) ?? { durations: [], errors: 0 };
      bucket.durations.push(durationMs);
      if (status >= 500) bucket.errors++;
      expected.set(route.key, bucket);
      all.push(durationMs);
      if (status >= 500) allErrors++;
    }
    const { records } = await readRequestRecords(Readable.from(lines.join('\n')));
    const summary = summariseRequests(records);

    expect(summary.routes.map((route) => route.route).sort()).toEqual([...expected.keys()].sort());
    for (const stats of summary.routes) {
      const bucket = expected.get(stats.route)!;
      expect(stats.requests).toBe(bucket.durations.length);
      expect(stats.errors).toBe(bucket.errors);
      expect(stats.errorRate).toBeCloseTo(bucket.errors / bucket.durations.length, 12);
      expect(stats.p50).toBe(expectedPercentile(bucket.durations, 50));
      expect(stats.p95).toBe(expectedPercentile(bucket.durations, 95));
      expect(stats.p99).toBe(expectedPercentile(bucket.durations, 99));
    }
    expect(summary.overall).toMatchObject({
      requests: 1500,
      errors: allErrors,
      p50: expectedPercentile(all, 50),
      p95: expectedPercentile(all, 95),
      p99: expectedPercentile(all, 99),
    });
    // Busiest first.
    const counts = summary.routes.map((route) => route.requests);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
  });
});

describe('findBreaches', () => {
  const records = (count: number, durationMs: number, status = 200, path = '/api/me') =>
    Array.from({ length: count }, () => ({ method: 'GET', path, status, durationMs }));

  it('is quiet at the thresholds and alerts just over them', () => {
    // 100 requests, 1 error: exactly 1 % is not over 1 %.
    const atLimit = summariseRequests([...records(93, 100), ...records(6, 2000), ...records(1, 100, 500)]);
    expect(atLimit.overall.p95).toBe(2000);
    expect(findBreaches(atLimit, DEFAULT_THRESHOLDS)).toEqual([]);

    const slow = summariseRequests([...records(94, 100), ...records(6, 2001)]);
    expect(findBreaches(slow, DEFAULT_THRESHOLDS).map((b) => `${b.route} ${b.kind}`)).toEqual(['all p95', 'GET /api/me p95']);

    const failing = summariseRequests([...records(98, 100), ...records(2, 100, 502)]);
    expect(findBreaches(failing, DEFAULT_THRESHOLDS).map((b) => `${b.route} ${b.kind}`)).toEqual(['all error-rate', 'GET /api/me error-rate']);
  });

  it('counts only 5xx as errors', () => {
    const summary = summariseRequests([...records(50, 10, 404), ...records(50, 10, 429)]);
    expect(summary.overall.errorRate).toBe(0);
    expect(findBreaches(summary, DEFAULT_THRESHOLDS)).toEqual([]);
  });

  it('judges a quiet route on its own only from minRequests, the overall figures always', () => {
    const summary = summariseRequests([...records(500, 10), ...records(2, 10, 500, '/api/rare')]);
    const thresholds = { ...DEFAULT_THRESHOLDS, minRequests: 10 };
    expect(findBreaches(summary, thresholds).map((b) => b.route)).toEqual([]);
    expect(findBreaches(summary, DEFAULT_THRESHOLDS).map((b) => b.route)).toEqual(['GET /api/rare']);
    expect(findBreaches(summary, { ...thresholds, errorRate: 0.001 }).map((b) => b.route)).toEqual(['all']);
  });
});

describe('formatReport', () => {
  it('prints a row per route and one OK or ALERT summary line', () => {
    const summary = summariseRequests([
      { method: 'GET', path: '/api/me', status: 200, durationMs: 5 },
      { method: 'POST', path: '/api/runs', status: 500, durationMs: 2500 },
    ]);
    const breaches = findBreaches(summary, DEFAULT_THRESHOLDS);
    const text = formatReport(summary, breaches, DEFAULT_THRESHOLDS);
    expect(text).toMatch(/^GET \/api\/me\s+1\s+5\s+5\s+5\s+0\.00%$/m);
    expect(text).toMatch(/^POST \/api\/runs\s+1\s+2500\s+2500\s+2500\s+100\.00%$/m);
    const last = text.split('\n').at(-1)!;
    expect(last).toMatch(/^ALERT: 2 requests on 2 routes, p95 2500 ms, error rate 50\.00%/);
    expect(last).toContain('POST /api/runs: p95 2500 ms > 2000 ms');
    expect(formatReport(summary, [], DEFAULT_THRESHOLDS).split('\n').at(-1)).toMatch(/^OK: /);
  });
});

describe('parseReportArgs', () => {
  it('takes a file, stdin by default or "-", and overrides the thresholds', () => {
    expect(parseReportArgs([])).toEqual({ file: undefined, thresholds: DEFAULT_THRESHOLDS });
    expect(parseReportArgs(['-']).file).toBeUndefined();
    expect(parseReportArgs(['log.ndjson', '--p95-ms', '500', '--error-rate=0.5', '--min-requests', '20'])).toEqual({
      file: 'log.ndjson',
      thresholds: { p95Ms: 500, errorRate: 0.005, minRequests: 20 },
    });
  });

  it('refuses unknown flags, bad numbers and two files', () => {
    expect(() => parseReportArgs(['--p95'])).toThrow(/unknown option/);
    expect(() => parseReportArgs(['--p95-ms'])).toThrow(/valid number/);
    expect(() => parseReportArgs(['--p95-ms', 'abc'])).toThrow(/valid number/);
    expect(() => parseReportArgs(['--error-rate', '101'])).toThrow(/valid number/);
    expect(() => parseReportArgs(['--min-requests', '1.5'])).toThrow(/valid number/);
    expect(() => parseReportArgs(['a', 'b'])).toThrow(/one log file/);
  });
});
