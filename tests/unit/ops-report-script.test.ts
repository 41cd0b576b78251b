import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The script as an operator runs it: its exit code is what a cron job or CI step alerts on.
const root = path.resolve(import.meta.dirname, '../..');
const tsx = path.join(root, 'node_modules/.bin/tsx');
const fixture = (name: string) => path.join(root, 'tests/fixtures/ops', name);

function report(args: string[], stdin?: string) {
  const result = spawnSync(tsx, ['scripts/ops-report.ts', ...args], { cwd: root, input: stdin ?? '', encoding: 'utf8', timeout: 30_000 });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

describe('npm run ops:report (scripts/ops-report.ts)', () => {
  it('exits 0 with an OK line on a healthy log, from standard input and from a file alike', () => {
    const viaStdin = report([], readFileSync(fixture('healthy.ndjson'), 'utf8'));
    const viaFile = report([fixture('healthy.ndjson')]);
    for (const run of [viaStdin, viaFile]) {
      expect(run.code, run.err).toBe(0);
      expect(run.out).toMatch(/^GET \/api\/runs\/:id\s+80\s/m);
      // 81: one of them came nested in a log-drain entry.
      expect(run.out).toMatch(/^GET \/api\/me\s+81\s/m);
      expect(run.out.trim().split('\n').at(-1)).toMatch(/^OK: 401 requests on 5 routes/);
    }
    expect(viaFile.out).toBe(viaStdin.out);
  });

  it('exits 1 with an ALERT line when the error rate is over 1 %, via stdin and via a file', () => {
    const viaStdin = report(['-'], readFileSync(fixture('alerting.ndjson'), 'utf8'));
    const viaFile = report([fixture('alerting.ndjson')]);
    for (const run of [viaStdin, viaFile]) {
      expect(run.code).toBe(1);
      expect(run.out).toContain('POST /api/runs: error rate 4.00% > 1.00%');
    }
  });

  it('takes its thresholds from flags: the healthy log alerts at p95 > 500 ms, the alerting one passes at 5 %', () => {
    const strict = report([fixture('healthy.ndjson'), '--p95-ms', '500']);
    expect(strict.code).toBe(1);
    expect(strict.out).toContain('POST /api/runs: p95 853 ms > 500 ms');
    expect(report([fixture('alerting.ndjson'), '--error-rate', '5']).code).toBe(0);
  });

  it('exits 2 on a bad option or a missing file, and 0 on input without request lines', () => {
    expect(report(['--p95-ms', 'soon']).code).toBe(2);
    const missing = report([fixture('does-not-exist.ndjson')]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/Could not read/);
    const empty = report([], 'starting\n{"msg":"other"}\n');
    expect(empty.code).toBe(0);
    expect(empty.out).toContain('no request lines among 2 lines read');
  });
});
