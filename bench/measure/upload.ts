import type { ClientAdapter } from "../adapters/types";
import { check } from "./check";

/** One upload: peak RSS of the whole process (its true peak, not a sample) and MB/s. */
export async function measureUpload(
  adapter: ClientAdapter,
  path: string,
  bytes: number,
): Promise<Record<string, number>> {
  const startRss = process.memoryUsage.rss();
  const started = performance.now();
  const id = await adapter.upload(path);
  const seconds = (performance.now() - started) / 1000;
  check(id === "f1", `the upload answered file id ${id}`);
  return {
    // maxRSS is in KiB.
    peakRssMB: (process.resourceUsage().maxRSS * 1024) / 1e6,
    startRssMB: startRss / 1e6,
    megabytesPerSecond: bytes / 1e6 / seconds,
  };
}
