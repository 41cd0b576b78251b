import { after } from 'next/server';
import type { UserContext } from '@/lib/api/handler';
import type { Logger } from '@/lib/observability/logger';
import { withRunSpan } from '@/lib/observability/run-span';
import { isCancelRequested } from '@/lib/runs/cancel-run';
import { onStopSignal } from '@/lib/runs/stop-signals';
import type { CreatedRun } from '@/lib/runs/create-run';
import { executeRun } from '@/lib/runs/execute-run';
import type { RunStreamEvent } from '@/lib/zod/schemas/runs';

// How often a running run checks whether its owner pressed Stop on another instance (a Stop that
// reaches this process is signalled at once, stop-signals.ts).
const CANCEL_POLL_MS = 300;

/**
 * The response of POST /api/runs: application/x-ndjson, one JSON event a line (see
 * runStreamEventSchema). The run line goes out at once, before the model is called, so a client
 * always learns the run id.
 *
 * Only Stop cancels a run (POST /api/runs/:id/cancel, which this stream polls for): the model's
 * stream is then read to its end for the usage it reports last, and the run is stored as cancelled
 * with those exact tokens. A client that goes away (a closed tab, a reload, a dropped connection)
 * only stops the forwarding: the run finishes, is judged and stored as usual, and is there when
 * the user comes back.
 */
export function streamRun({ db, run, signal, log }: { db: UserContext<unknown>['db']; run: CreatedRun; signal: AbortSignal; log: Logger }): Response {
  const encoder = new TextEncoder();
  let clientGone = false;
  let stopRequested = false;
  const leave = () => {
    clientGone = true;
  };
  signal.addEventListener('abort', leave, { once: true });

  const stop = () => {
    stopRequested = true;
  };
  const unregister = onStopSignal(run.id, stop);
  // A Stop sent to another instance is found in the database; one check at a time.
  let checking = false;
  const poll = setInterval(() => {
    if (checking || stopRequested) return;
    checking = true;
    db((_tx, _commitWith, commitInline) => isCancelRequested(commitInline, { userId: run.userId, runId: run.id }))
      .then(
        (requested) => {
          if (requested) stop();
        },
        (error: unknown) => log.warn({ err: error, runId: run.id }, 'could not check for a stop request'),
      )
      .finally(() => {
        checking = false;
      });
  }, CANCEL_POLL_MS);

  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (event: RunStreamEvent) => {
        if (clientGone) return;
        try {
          controller.enqueue(encoder.encode(`${JSON.stringify(event)}\n`));
        } catch {
          // The stream was closed under us: the client has left.
          clientGone = true;
        }
      };
      send({
        type: 'run',
        run: {
          id: run.id,
          model: run.model,
          provider: run.provider.name,
          status: 'running',
          outputType: run.outputType,
          threadId: run.threadId,
          threadContext: run.threadContext,
        },
      });

      // Deltas that arrive in one turn of the event loop (the provider's packet held several) go
      // out as one line: one write down the response instead of one each. Nothing waits: the line
      // is written as soon as the turn's other work is done.
      let pending = '';
      let flushing = false;
      const flushDeltas = () => {
        flushing = false;
        if (pending === '') return;
        const text = pending;
        pending = '';
        send({ type: 'delta', text });
      };
      const onDelta = (text: string) => {
        pending += text;
        if (!flushing) {
          flushing = true;
          setImmediate(flushDeltas);
        }
      };

      const execution = withRunSpan(run, () => executeRun(db, run, { onDelta, onAnswerEnd: flushDeltas, isCancelled: () => stopRequested, log }))
        .then(
          // A run that returned has sent its deltas already, when the answer ended (onAnswerEnd).
          ({ run: stored, failure }) => {
            send(failure ? { type: 'error', error: failure, run: stored } : { type: 'done', run: stored });
          },
          (error: unknown) => {
            flushDeltas();
            log.error({ err: error, runId: run.id }, 'run could not be settled');
            send({
              type: 'error',
              error: { code: 'internal_error', message: 'The run could not be stored. Quote the run id if you contact support.' },
              run: null,
            });
          },
        )
        .finally(() => {
          clearInterval(poll);
          unregister();
          signal.removeEventListener('abort', leave);
          if (!clientGone) controller.close();
        });
      keepAlive(execution);
    },
    cancel() {
      clientGone = true;
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
 * run whose client left has finished and been stored. Outside a Next.js request (tests calling the handler
 * directly, scripts) there is nothing to keep alive and after() throws.
 */
function keepAlive(work: Promise<unknown>): void {
  try {
    after(work);
  } catch {
    // Not inside a Next.js request scope.
  }
}
