import type { JobEngine } from "../engine/engine";
import type { Connection } from "../pipeline/connection";
import type { JobRecord, StreamEvent } from "../store/jobs";

const encoder = new TextEncoder();

/** One event in the text/event-stream format; multi-line data becomes several `data:` lines. */
export function formatEvent(event: StreamEvent): string {
  const data = event.data
    .split(/\r\n|\r|\n/)
    .map((line) => `data: ${line}`)
    .join("\n");
  return `id: ${event.id}\nevent: ${event.event}\n${data}\n\n`;
}

/** Reads `Last-Event-ID`: events up to and including it are not sent again. */
export function parseLastEventId(header: string | undefined): number {
  if (!header) return 0;
  const id = Number.parseInt(header.trim(), 10);
  return Number.isInteger(id) && id > 0 ? id : 0;
}

/**
 * A job's server-sent event stream: `output`, `logs`, `error` and `done` events, each with an
 * `id:`. It replays the events after `lastEventId`, then follows the job live and ends after
 * `done`. Events are produced one per read (a pull stream with no buffer), so when a fault cuts the
 * stream after N events, exactly N have reached the client.
 */
export function eventStream(
  job: JobRecord,
  engine: JobEngine,
  options: { lastEventId: number; dropAfterEvents: number | undefined; connection: Connection },
): ReadableStream<Uint8Array> {
  let next = job.events.findIndex((e) => e.id > options.lastEventId);
  if (next === -1) next = job.events.length;
  let sent = 0;
  let emulatorClosed = false;
  let wake: (() => void) | undefined;
  let unsubscribe: (() => void) | undefined;
  const cleanup = () => {
    unsubscribe?.();
    unsubscribe = undefined;
    wake?.();
  };

  return new ReadableStream<Uint8Array>(
    {
      start() {
        unsubscribe = engine.events.subscribe(job.id, (change) => {
          if (change === "closed") emulatorClosed = true;
          wake?.();
        });
      },
      async pull(controller) {
        if (options.dropAfterEvents !== undefined && sent >= options.dropAfterEvents) {
          cleanup();
          options.connection.cut();
          // Over a socket the stream is left open: closing it would write the final chunk and
          // make the cut look like a clean end. The socket's close cancels it.
          if (options.connection.kind === "in-process") {
            controller.error(new TypeError("terminated: the emulator dropped the stream (fault)"));
          }
          return;
        }
        while (next >= job.events.length) {
          if (emulatorClosed) {
            // The emulator closed or reset: end the connection as a cut, as the fault does.
            cleanup();
            options.connection.drop();
            if (options.connection.kind === "in-process") {
              controller.error(new TypeError("terminated: the emulator was closed"));
            }
            return;
          }
          if (!unsubscribe) return; // canceled by the client
          await new Promise<void>((resolve) => {
            wake = resolve;
          });
          wake = undefined;
        }
        const event = job.events[next];
        if (!event) return;
        next += 1;
        sent += 1;
        controller.enqueue(encoder.encode(formatEvent(event)));
        if (event.event === "done") {
          cleanup();
          controller.close();
        }
      },
      cancel() {
        cleanup();
      },
    },
    { highWaterMark: 0 },
  );
}
