import type { ClientAdapter, StreamStyle } from "../adapters/types";
import { median } from "../support/stats";
import { check } from "./check";

/**
 * Output events per second, from the call that creates the prediction to the `done` event:
 * the median of `passes` timed passes after `warmupPasses` untimed ones, so that the figure is
 * the client's steady pace rather than the JIT compiler's warm-up.
 */
export async function measureSse(
  adapter: ClientAdapter,
  style: StreamStyle,
  events: number,
  warmupPasses: number,
  passes: number,
): Promise<Record<string, number>> {
  const expected = expectedCharacters(events);
  const pass = async () => {
    let received = 0;
    let characters = 0;
    const started = performance.now();
    await adapter.stream(style, (data) => {
      received++;
      characters += data.length;
    });
    const seconds = (performance.now() - started) / 1000;
    check(received === events, `${received} output events, not ${events}`);
    check(characters === expected, "the events' data is not what was sent");
    return events / seconds;
  };
  for (let index = 0; index < warmupPasses; index++) await pass();
  const rates: number[] = [];
  for (let index = 0; index < passes; index++) rates.push(await pass());
  return { eventsPerSecond: median(rates) };
}

/** The total length of the data of `events` output events, as `eventStreamBytes` writes them. */
function expectedCharacters(events: number): number {
  let total = 0;
  for (let index = 1; index <= events; index++) total += `token${index % 1000} `.length;
  return total;
}
