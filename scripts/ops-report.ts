import { createReadStream } from 'node:fs';
import { findBreaches } from '@/lib/ops/find-breaches';
import { formatReport } from '@/lib/ops/format-report';
import { parseReportArgs, REPORT_USAGE } from '@/lib/ops/parse-report-args';
import { readRequestRecords } from '@/lib/ops/read-request-records';
import { summariseRequests } from '@/lib/ops/summarise-requests';

// npm run ops:report -- [file|-] [--p95-ms N] [--error-rate PCT] [--min-requests N]
// Per route p50/p95/p99, requests and 5xx rate from the app's JSON request log; exits 1 on an alert.
let args;
try {
  args = parseReportArgs(process.argv.slice(2));
} catch (error) {
  console.error(`${error instanceof Error ? error.message : String(error)}\n${REPORT_USAGE}`);
  process.exit(2);
}

const input = args.file === undefined ? process.stdin : createReadStream(args.file);
let result;
try {
  result = await readRequestRecords(input);
} catch (error) {
  console.error(`Could not read ${args.file ?? 'standard input'}: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
}

const summary = summariseRequests(result.records);
const breaches = findBreaches(summary, args.thresholds);
console.log(formatReport(summary, breaches, args.thresholds));
if (result.records.length === 0) console.log(`(no request lines among ${result.lines} lines read)`);
process.exitCode = breaches.length > 0 ? 1 : 0;
