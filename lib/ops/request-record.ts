/** One request as the app logs it: the 'request' line lib/api/handler.ts writes for every API answer. */
export interface RequestRecord {
  method: string;
  path: string;
  status: number;
  durationMs: number;
}
