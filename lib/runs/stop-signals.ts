/**
 * Runs streaming in this process, by id, with what stops each one. A Stop that lands on the
 * process streaming its run (a single server, `npm run dev`, or the same warm function) takes
 * effect at once; one that lands elsewhere is found by the stream's poll of the database
 * (stream-run.ts). Either way the request is recorded in the database first.
 */
const live = new Map<string, () => void>();

/** Registers a run's stop; the answer unregisters it (call it when the run ends). */
export function onStopSignal(runId: string, stop: () => void): () => void {
  live.set(runId, stop);
  return () => {
    if (live.get(runId) === stop) live.delete(runId);
  };
}

/** Stops the run if this process is streaming it; answers whether it was. */
export function signalStop(runId: string): boolean {
  const stop = live.get(runId);
  stop?.();
  return stop !== undefined;
}
