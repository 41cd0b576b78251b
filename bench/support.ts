/** Small helpers shared by the benchmarks: percentiles and a fixed-width table. */

export interface Summary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
}

export function summarize(samples: number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
  return { count: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99) };
}

export function printTable(rows: { name: string; summary: Summary; extra?: string }[]): void {
  const header = `${'measurement'.padEnd(44)} ${'count'.padStart(8)} ${'p50 ms'.padStart(9)} ${'p95 ms'.padStart(9)} ${'p99 ms'.padStart(9)}`;
  console.log(header);
  console.log('-'.repeat(header.length));
  for (const { name, summary, extra } of rows) {
    console.log(
      `${name.padEnd(44)} ${String(summary.count).padStart(8)} ${summary.p50.toFixed(2).padStart(9)} ${summary.p95.toFixed(2).padStart(9)} ${summary.p99.toFixed(2).padStart(9)}${extra ? `  ${extra}` : ''}`,
    );
  }
}
