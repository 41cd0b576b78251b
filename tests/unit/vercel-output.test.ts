import { describe, expect, it } from 'vitest';
import { checkVercelOutput, type VercelOutput } from '@/scripts/lib/check-vercel-output';

/** A small Build Output in the shape `vercel build` writes for this app. */
function output(): VercelOutput {
  const fn = (maxDuration: number) => ({ runtime: 'nodejs24.x', maxDuration });
  return {
    config: {
      routes: [
        { src: '^(?:/((?:[^/]+?)(?:/(?:[^/]+?))*))/$', status: 308 },
        { src: '^/health(?:/)?$' },
        { src: '^/((?!api/|health).*)$', middlewarePath: '_middleware' },
        { handle: 'filesystem' },
        { src: '^/health(?:/)?(?<rscsuff>\\.rsc|\\.segments/.+\\.segment\\.rsc)?$', dest: '/api/health$rscsuff' },
        { src: '^/billing/webhook(?:/)?(?<rscsuff>\\.rsc)?$', dest: '/api/billing/webhook$rscsuff' },
        { src: '^/webhooks/code-repo(?:/)?$', dest: '/api/webhooks/code-repo?from=runbook' },
      ],
      crons: [{ path: '/api/cron/sweep-runs', schedule: '17 4 * * *' }],
    },
    functions: {
      'api/health': fn(5),
      'api/billing/webhook': fn(30),
      'api/webhooks/code-repo': fn(90),
      'api/cron/sweep-runs': fn(120),
      dashboard: fn(10),
      _middleware: { runtime: 'nodejs24.x' },
      '_not-found': { runtime: 'nodejs24.x' },
      '_global-error.rsc': { runtime: 'nodejs24.x' },
      '_global-error.segments/_tree.segment.rsc': { runtime: 'nodejs24.x' },
    },
  };
}

describe('checkVercelOutput', () => {
  it('passes the output this app should have', () => {
    expect(checkVercelOutput(output())).toEqual([]);
  });

  it.each(['17 4 * * *', '0 0 * * *', ' 59 23 * * * '])('accepts the daily schedule "%s"', (schedule) => {
    const out = output();
    out.config.crons = [{ path: '/api/cron/sweep-runs', schedule }];
    expect(checkVercelOutput(out)).toEqual([]);
  });

  it.each(['*/15 * * * *', '0 * * * *', '0 */6 * * *', '0,30 4 * * *', '0 4-5 * * *', '0 4 * * 1', '0 4 1 * *', '60 4 * * *', '0 24 * * *', '0 4 * *', '@daily'])(
    'refuses the schedule "%s" (more than daily, or not plainly daily)',
    (schedule) => {
      const out = output();
      out.config.crons = [{ path: '/api/cron/sweep-runs', schedule }];
      expect(checkVercelOutput(out)).toEqual([expect.stringContaining(`cron /api/cron/sweep-runs runs on "${schedule}"`)]);
    },
  );

  it('allows two crons and refuses a third', () => {
    const out = output();
    const daily = { path: '/api/cron/sweep-runs', schedule: '17 4 * * *' };
    out.config.crons = [daily, daily];
    expect(checkVercelOutput(out)).toEqual([]);
    out.config.crons = [daily, daily, daily];
    expect(checkVercelOutput(out)).toEqual(['3 crons: the Hobby plan allows at most 2.']);
  });

  it('refuses a cron whose path is no function', () => {
    const out = output();
    out.config.crons = [{ path: '/api/cron/nothing', schedule: '0 3 * * *' }];
    expect(checkVercelOutput(out)).toEqual(['cron /api/cron/nothing is not routed to a function.']);
  });

  it('refuses a function on another runtime, or on none', () => {
    const out = output();
    out.functions['api/health'] = { runtime: 'nodejs22.x', maxDuration: 5 };
    out.functions['_middleware'] = { runtime: 'edge' };
    out.functions['chat'] = { maxDuration: 10 };
    expect(checkVercelOutput(out)).toEqual([
      'function _middleware runs on edge, not nodejs24.x.',
      'function api/health runs on nodejs22.x, not nodejs24.x.',
      'function chat runs on no runtime, not nodejs24.x.',
    ]);
  });

  it('refuses a function without a positive maxDuration, except the framework’s own', () => {
    const out = output();
    out.functions['api/threads'] = { runtime: 'nodejs24.x' };
    out.functions['api/me'] = { runtime: 'nodejs24.x', maxDuration: 0 };
    out.functions['_not-found-like'] = { runtime: 'nodejs24.x' };
    out.functions['dashboard.segments/_tree.segment.rsc'] = { runtime: 'nodejs24.x' };
    expect(checkVercelOutput(out)).toEqual([
      'function _not-found-like has no maxDuration.',
      'function api/me has no maxDuration.',
      'function api/threads has no maxDuration.',
      'function dashboard.segments/_tree.segment.rsc has no maxDuration.',
    ]);
  });

  it('refuses an output with no functions', () => {
    const out = output();
    out.functions = {};
    expect(checkVercelOutput(out)).toContain('no functions in the output.');
  });

  it('refuses a runbook URL that no route leads to a function', () => {
    const out = output();
    out.config.routes = out.config.routes!.filter((route) => !route.dest?.startsWith('/api/billing'));
    expect(checkVercelOutput(out)).toEqual(['/billing/webhook is not routed to a function.']);
  });

  it('refuses a runbook URL rewritten to a function that does not exist', () => {
    const out = output();
    delete out.functions['api/webhooks/code-repo'];
    expect(checkVercelOutput(out)).toEqual(['/webhooks/code-repo is not routed to a function.']);
  });

  it('follows no redirect and no middleware route to a function', () => {
    const out = output();
    out.config.routes = [
      { src: '^/health$', dest: '/api/health', status: 308 },
      { src: '^/health$', dest: '/api/health', middlewarePath: '_middleware' },
      ...out.config.routes!.filter((route) => !route.dest?.startsWith('/api/health')),
    ];
    expect(checkVercelOutput(out)).toEqual(['/health is not routed to a function.']);
  });

  it('accepts a runbook URL served by a function of its own name', () => {
    const out = output();
    out.config.routes = out.config.routes!.filter((route) => !route.dest?.startsWith('/api/health'));
    out.functions['health'] = { runtime: 'nodejs24.x', maxDuration: 5 };
    expect(checkVercelOutput(out)).toEqual([]);
  });
});
