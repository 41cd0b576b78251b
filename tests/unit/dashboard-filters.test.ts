import { describe, expect, it } from 'vitest';
import { dashboardHref, moveRangeEnd, parseDashboardFilters } from '@/lib/runs/dashboard-filters';

const TODAY = '2026-12-01';

describe('dashboard filters in the address', () => {
  it('with none, shows the last 30 days and nothing else', () => {
    expect(parseDashboardFilters({}, TODAY)).toEqual({ query: {}, range: { from: '2026-11-02', to: TODAY, days: 30 }, problems: [] });
  });

  it('reads every filter, ignoring keys it does not know', () => {
    expect(parseDashboardFilters({ from: '2026-11-01', to: '2026-11-07', status: 'failed', outputType: 'code', tab: 'z' }, TODAY)).toEqual({
      query: { from: '2026-11-01', to: '2026-11-07', status: 'failed', outputType: 'code' },
      range: { from: '2026-11-01', to: '2026-11-07', days: 7 },
      problems: [],
    });
    expect(parseDashboardFilters({ days: '7' }, TODAY)).toMatchObject({ query: { days: 7 }, range: { from: '2026-11-25', to: TODAY, days: 7 } });
  });

  it('takes the first of repeated keys', () => {
    expect(parseDashboardFilters({ status: ['running', 'failed'] }, TODAY).query).toEqual({ status: 'running' });
  });

  it('leaves out what it cannot use and says why, keeping the rest', () => {
    const parsed = parseDashboardFilters({ status: 'done', outputType: 'poem', days: '0', from: '2026-11-20' }, TODAY);
    expect(parsed.query).toEqual({ from: '2026-11-20' });
    expect(parsed.range).toEqual({ from: '2026-11-20', to: TODAY, days: 12 });
    expect(parsed.problems).toEqual([
      'status "done" is not one of queued, running, succeeded, failed, cancelled',
      'outputType "poem" is not one of content, agent_scaffold, workflow, code, insight',
      'days: must be at least 1',
    ]);
  });

  it('falls back to the last 30 days for a range the API would refuse', () => {
    const backwards = parseDashboardFilters({ from: '2026-11-10', to: '2026-11-01', status: 'failed' }, TODAY);
    expect(backwards.query).toEqual({ status: 'failed' });
    expect(backwards.range).toEqual({ from: '2026-11-02', to: TODAY, days: 30 });
    expect(backwards.problems).toEqual(['from: must be on or before to (2026-11-01)']);
    expect(parseDashboardFilters({ from: '2020-01-01', to: '2026-01-01' }, TODAY).problems).toEqual([
      'to: the range may span at most 366 days; 2020-01-01 to 2026-01-01 spans 2,193',
    ]);
    expect(parseDashboardFilters({ days: '7', to: '2026-11-01' }, TODAY).problems).toEqual(['days: give either days or from/to, not both']);
  });

  it('writes the address in one order, leaving out what is not set', () => {
    expect(dashboardHref({})).toBe('/dashboard');
    expect(dashboardHref({ status: 'failed', to: '2026-11-07', from: '2026-11-01', outputType: undefined })).toBe(
      '/dashboard?from=2026-11-01&to=2026-11-07&status=failed',
    );
    expect(dashboardHref({ outputType: 'agent_scaffold', days: 90 })).toBe('/dashboard?days=90&outputType=agent_scaffold');
  });

  it('reads back what it writes', () => {
    const query = { from: '2026-10-01', to: '2026-10-31', status: 'succeeded', outputType: 'insight' } as const;
    const params = Object.fromEntries(new URL(dashboardHref(query), 'http://x').searchParams);
    expect(parseDashboardFilters(params, TODAY).query).toEqual(query);
  });

  it('moving one end of the range past the other drags it along, keeping the length', () => {
    const week = { from: '2026-11-25', to: '2026-12-01', days: 7 };
    expect(moveRangeEnd(week, 'from', '2026-11-20')).toEqual({ from: '2026-11-20', to: '2026-12-01' });
    expect(moveRangeEnd(week, 'to', '2026-11-28')).toEqual({ from: '2026-11-25', to: '2026-11-28' });
    expect(moveRangeEnd(week, 'to', '2026-10-22')).toEqual({ from: '2026-10-16', to: '2026-10-22' });
    expect(moveRangeEnd(week, 'from', '2026-12-10')).toEqual({ from: '2026-12-10', to: '2026-12-16' });
    expect(moveRangeEnd(week, 'to', '2026-11-25')).toEqual({ from: '2026-11-25', to: '2026-11-25' });
  });

  it('moving one end too far away brings the other within 366 days', () => {
    const week = { from: '2026-11-25', to: '2026-12-01', days: 7 };
    expect(moveRangeEnd(week, 'from', '2024-01-01')).toEqual({ from: '2024-01-01', to: '2024-12-31' });
    expect(moveRangeEnd(week, 'to', '2028-01-01')).toEqual({ from: '2027-01-01', to: '2028-01-01' });
    expect(moveRangeEnd(week, 'from', '2025-12-01')).toEqual({ from: '2025-12-01', to: '2026-12-01' });
  });
});
