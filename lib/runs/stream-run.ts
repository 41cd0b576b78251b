import { after } from 'next/server';
import type { UserContext } from '@/lib/api/handler';
import type { Logger } from '@/lib/observability/logger';
import type { CreatedRun } from '@/lib/runs/create-run';
import { executeRun } from '@/lib/runs/execute-run';
import type { RunStreamEvent } from '@/lib/zod/schemas/runs';

/**
 * The response of POST /api/runs: application/x-ndjson, one JSON event a line (see
 * runStreamEventSchema). The run line goes out at once, before the model is called, so a client
 * always learns the run id. When the client goes away (Stop, a closed tab) the body is cancelled
 * and the request aborted: forwarding stops, but the run keeps reading the provider's stream to
 * its end and is stored as cancelled with the exact usage of the final chunk.
 */
export function streamRun({ db, run, signal, log }: { db: UserContext<unknown>['db']; run: CreatedRun; signal: AbortSignal; log: Logger }): Response {
  const encoder = new TextEncoder();
  let cancelled = false;
  const stop = () => {
    cancelled = true;
  };
  signal.addEventListener('abort', stop, { once: true });

  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (event: RunStreamEvent) => {
        if (cancelled) return;
        try {
          controller.enqueue(encoder.encode(`${JSON.stringify(event)}\n`));
        } catch {
          // The stream was closed under us: treat it as the client leaving.
          cancelled = true;
        }
      };
      send({ type: 'run', run: { id: run.id, model: run.model, provider: run.provider.name, status: 'running' } });

      const execution = executeRun(db, run, { onDelta: (text) => send({ type: 'delta', text }), isCancelled: () => cancelled, log })
        .then(
          ({ run: stored, failure }) => send(failure ? { type: 'error', error: failure, run: stored } : { type: 'done', run: stored }),
          (error: unknown) => {
            log.error({ err: error, runId: run.id }, 'run could not be settled');
            send({
              type: 'error',
              error: { code: 'internal_error', message: 'The run could not be stored. Quote the run id if you contact support.' },
              run: null,
            });
          },
        )
        .finally(() => {
          signal.removeEventListener('abort', stop);
          if (!cancelled) controller.close();
        });
      keepAlive(execution);
    },
    cancel() {
      cancelled = true;
    },
  });

  return new Response(body, {
    headers: {
      'content-type': 'application/x-ndjson; charset=utf-8',
      'cache-control': 'no-store',
      // Proxies must pass each line on as it is written, not buffer the answer.
      'x-accel-buffering': 'no',
    },
  });
}

/**
 * On Vercel a function may be frozen once its response has ended; after() keeps it alive until a
 * cancelled run has drained and been stored. Outside a Next.js request (tests calling the handler
 * directly, scripts) there is nothing to keep alive and after() throws.
 */
function keepAlive(work: Promise<unknown>): void {
  try {
    after(work);
  } catch {
    // Not inside a Next.js request scope.
  }
}
