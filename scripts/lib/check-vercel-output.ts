/**
 * What a deployment of this app must look like to Vercel, checked on the Build Output API files
 * that `vercel build` writes (.vercel/output): the crons the Hobby plan accepts, every function on
 * Node 24 with a time limit, and the runbook's URLs served by functions.
 */

export interface VercelRoute {
  src?: string;
  dest?: string;
  status?: number;
  handle?: string;
  middlewarePath?: string;
}

export interface VercelFunction {
  runtime?: string;
  maxDuration?: number;
}

export interface VercelOutput {
  /** config.json: routes in order and the crons. */
  config: { routes?: VercelRoute[]; crons?: { path: string; schedule: string }[] };
  /** Each function by its path under functions/ without `.func` (`api/health`), from its .vc-config.json. */
  functions: Record<string, VercelFunction>;
}

/** Hobby allows two cron jobs, each run at most once a day. */
export const MAX_CRONS = 2;
export const FUNCTION_RUNTIME = 'nodejs24.x';
/** The runbook's URLs (ARCHITECTURE.md decision 12), rewritten to route handlers. */
export const RUNBOOK_PATHS = ['/health', '/billing/webhook', '/webhooks/code-repo'];
/**
 * Functions Next.js makes itself, with no source file that route segment config or vercel.json
 * `functions` can reach (the request middleware, the built-in not-found and global-error pages):
 * they run on the project's default duration. Their runtime is still checked. (`.rsc` and
 * `.segments/…` are the same page's React Server Component payloads.)
 */
export const FRAMEWORK_FUNCTIONS = /^(_middleware|_not-found|_global-error)(\.rsc|\.segments\/[^/]+)?$/;

const CRON_FIELDS = 5;

/** A cron expression that runs at most once a day: fixed minute and hour, every day. */
function isAtMostDaily(schedule: string): boolean {
  const fields = schedule.trim().split(/\s+/);
  if (fields.length !== CRON_FIELDS) return false;
  const [minute, hour, ...days] = fields as [string, string, ...string[]];
  const fixed = (field: string, max: number) => /^\d{1,2}$/.test(field) && Number(field) <= max;
  return fixed(minute, 59) && fixed(hour, 23) && days.every((field) => field === '*');
}

/** The function a request path ends at: itself, or the destination of the first route rewriting it. */
function functionFor(output: VercelOutput, pathname: string, hops = 0): string | null {
  const name = pathname.replace(/^\/+/, '');
  if (name in output.functions && !FRAMEWORK_FUNCTIONS.test(name)) return name;
  if (hops > 3) return null;
  for (const route of output.config.routes ?? []) {
    if (!route.src || !route.dest || route.middlewarePath || (route.status !== undefined && route.status >= 300)) continue;
    const match = new RegExp(route.src).exec(pathname);
    if (!match) continue;
    const dest = route.dest
      .replace(/\$(\d+)/g, (_, index: string) => match[Number(index)] ?? '')
      .replace(/\$([A-Za-z_]\w*)/g, (_, group: string) => match.groups?.[group] ?? '');
    const target = dest.split('?')[0]!;
    if (target === pathname) continue;
    const found = functionFor(output, target, hops + 1);
    if (found) return found;
  }
  return null;
}

/** Every way the output breaks what Vercel must see, one sentence each; empty when it is right. */
export function checkVercelOutput(output: VercelOutput): string[] {
  const problems: string[] = [];
  const crons = output.config.crons ?? [];
  if (crons.length > MAX_CRONS) problems.push(`${crons.length} crons: the Hobby plan allows at most ${MAX_CRONS}.`);
  for (const cron of crons) {
    if (!isAtMostDaily(cron.schedule)) problems.push(`cron ${cron.path} runs on "${cron.schedule}": the Hobby plan allows at most once a day (fixed minute and hour, day fields *).`);
    if (!functionFor(output, cron.path)) problems.push(`cron ${cron.path} is not routed to a function.`);
  }

  const names = Object.keys(output.functions).sort();
  if (names.length === 0) problems.push('no functions in the output.');
  for (const name of names) {
    const fn = output.functions[name]!;
    if (fn.runtime !== FUNCTION_RUNTIME) problems.push(`function ${name} runs on ${fn.runtime ?? 'no runtime'}, not ${FUNCTION_RUNTIME}.`);
    const limited = typeof fn.maxDuration === 'number' && Number.isFinite(fn.maxDuration) && fn.maxDuration > 0;
    if (!limited && !FRAMEWORK_FUNCTIONS.test(name)) problems.push(`function ${name} has no maxDuration.`);
  }

  for (const pathname of RUNBOOK_PATHS) {
    if (!functionFor(output, pathname)) problems.push(`${pathname} is not routed to a function.`);
  }
  return problems;
}
