import { createInterface } from 'node:readline';
import { parseRequestLine } from '@/lib/ops/parse-request-line';
import type { RequestRecord } from '@/lib/ops/request-record';

/** Every request record in a stream of log lines, read line by line (a drain's output can be large). */
export async function readRequestRecords(input: NodeJS.ReadableStream): Promise<{ records: RequestRecord[]; lines: number }> {
  const records: RequestRecord[] = [];
  let lines = 0;
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    lines++;
    for (const record of parseRequestLine(line)) records.push(record);
  }
  return { records, lines };
}
