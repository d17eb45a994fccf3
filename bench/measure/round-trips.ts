import type { ClientAdapter } from "../adapters/types";
import { ROUND_TRIP_OUTPUT } from "../support/wire";
import { check } from "./check";

/**
 * Sequential create + get: the client's own cost per API call. CPU is the whole process's
 * (`process.cpuUsage()`, user + system), so it includes what the client makes `fetch` do.
 */
export async function measureRoundTrips(
  adapter: ClientAdapter,
  calls: number,
  warmup: number,
): Promise<Record<string, number>> {
  const roundTrip = async () => {
    const created = await adapter.create();
    check(created.status === "starting", `create answered status ${created.status}`);
    const got = await adapter.get(created.id);
    check(got.id === created.id, `get returned ${got.id}, not ${created.id}`);
    check(got.status === "succeeded", `get answered status ${got.status}`);
    check(got.output === ROUND_TRIP_OUTPUT, `get returned output ${String(got.output)}`);
  };
  for (let index = 0; index < warmup; index++) await roundTrip();
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  for (let index = 0; index < calls; index++) await roundTrip();
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const requests = calls * 2;
  return {
    cpuUsPerCall: (cpu.user + cpu.system) / requests,
    wallUsPerCall: (wallMs * 1000) / requests,
  };
}
