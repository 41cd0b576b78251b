import { describe, expect, it, vi } from 'vitest';
import { onStopSignal, signalStop } from '@/lib/runs/stop-signals';

describe('stop signals', () => {
  it('stops a run streaming in this process, and only while it streams', () => {
    const stop = vi.fn();
    const unregister = onStopSignal('run-a', stop);
    expect(signalStop('run-b')).toBe(false);
    expect(stop).not.toHaveBeenCalled();
    expect(signalStop('run-a')).toBe(true);
    expect(stop).toHaveBeenCalledTimes(1);
    unregister();
    expect(signalStop('run-a')).toBe(false);
    expect(stop).toHaveBeenCalledTimes(1);
  });

  it('an old registration cannot remove a newer one for the same run', () => {
    const first = vi.fn();
    const second = vi.fn();
    const unregisterFirst = onStopSignal('run-c', first);
    const unregisterSecond = onStopSignal('run-c', second);
    unregisterFirst();
    expect(signalStop('run-c')).toBe(true);
    expect(second).toHaveBeenCalledTimes(1);
    expect(first).not.toHaveBeenCalled();
    unregisterSecond();
  });
});
