import { DEFAULT_THRESHOLDS, type Thresholds } from '@/lib/ops/thresholds';

export interface ReportArgs {
  /** A log file to read; undefined (or `-`) means standard input. */
  file?: string;
  thresholds: Thresholds;
}

export const REPORT_USAGE =
  'Usage: npm run ops:report -- [file|-] [--p95-ms 2000] [--error-rate 1] [--min-requests 1]\n' +
  '  Reads JSON request log lines from the file or standard input; --error-rate is a percentage.';

function numberFlag(name: string, raw: string | undefined, check: (value: number) => boolean): number {
  const value = Number(raw);
  if (raw === undefined || raw.trim() === '' || !Number.isFinite(value) || !check(value)) throw new Error(`${name} needs a valid number`);
  return value;
}

/** The command line of ops:report (`--flag value` or `--flag=value`). Throws with a readable message on anything else. */
export function parseReportArgs(argv: readonly string[]): ReportArgs {
  const thresholds = { ...DEFAULT_THRESHOLDS };
  let file: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => inline ?? argv[++i];
    if (flag === '--p95-ms') thresholds.p95Ms = numberFlag(flag, value(), (n) => n > 0);
    else if (flag === '--error-rate') thresholds.errorRate = numberFlag(flag, value(), (n) => n >= 0 && n <= 100) / 100;
    else if (flag === '--min-requests') thresholds.minRequests = numberFlag(flag, value(), (n) => Number.isInteger(n) && n >= 1);
    else if (flag.startsWith('--')) throw new Error(`unknown option ${flag}`);
    else if (file !== undefined) throw new Error('give one log file at most');
    else file = arg === '-' ? undefined : arg;
  }
  return { file, thresholds };
}
