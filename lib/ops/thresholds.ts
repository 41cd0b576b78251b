/** The runbook's alerts: p95 latency above 2 s, or more than 1 % of answers 5xx. */
export interface Thresholds {
  p95Ms: number;
  /** 0–1. */
  errorRate: number;
  /** Routes with fewer requests are shown but not judged on their own (the overall figures always are). */
  minRequests: number;
}

export const DEFAULT_THRESHOLDS: Thresholds = { p95Ms: 2000, errorRate: 0.01, minRequests: 1 };
