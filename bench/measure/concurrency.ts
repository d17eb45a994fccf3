import type { ClientAdapter } from "../adapters/types";
import { check } from "./check";

/** Many creates with a fixed number in flight: requests per second through one client. */
export async function measureConcurrency(
  adapter: ClientAdapter,
  creates: number,
  inFlight: number,
  warmup: number,
): Promise<Record<string, number>> {
  for (let index = 0; index < warmup; index++) await adapter.create();
  const ids = new Set<string>();
  let started = 0;
  const worker = async () => {
    while (started < creates) {
      started++;
      const prediction = await adapter.create();
      check(prediction.status === "starting", `create answered status ${prediction.status}`);
      ids.add(prediction.id);
    }
  };
  const begun = performance.now();
  await Promise.all(Array.from({ length: inFlight }, worker));
  const seconds = (performance.now() - begun) / 1000;
  check(ids.size === creates, `${ids.size} distinct predictions created, not ${creates}`);
  return { requestsPerSecond: creates / seconds };
}
