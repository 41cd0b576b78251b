/** Latency and errors of one route (or of all requests, as `route: 'all'`). */
export interface RouteStats {
  route: string;
  requests: number;
  errors: number;
  /** Share of 5xx answers, 0–1. */
  errorRate: number;
  p50: number;
  p95: number;
  p99: number;
}

export interface RequestSummary {
  routes: RouteStats[];
  overall: RouteStats;
}
