import type { ClientAdapter } from "../adapters/types";
import { listItemId } from "../support/wire";
import { check } from "./check";

const MIB = 1024 * 1024;

/**
 * Walks every item of every page. At the last item of a quarter of the pages and of the last
 * page, it collects garbage and reads the live heap: what the client still keeps reachable. The
 * time excludes those collections.
 */
export async function measurePagination(
  adapter: ClientAdapter,
  pages: number,
  pageSize: number,
): Promise<Record<string, number>> {
  const collect = globalThis.gc;
  check(typeof collect === "function", "run the child with --expose-gc");
  const liveHeap = () => {
    const started = performance.now();
    collect();
    collect();
    const heap = process.memoryUsage().heapUsed;
    gcMs += performance.now() - started;
    return heap;
  };
  let gcMs = 0;
  const total = pages * pageSize;
  const quarterItem = Math.max(1, Math.round(pages / 4)) * pageSize;
  const startHeap = liveHeap();
  gcMs = 0;
  let seen = 0;
  let quarterHeap = 0;
  let lastHeap = 0;
  const started = performance.now();
  await adapter.listAll((id) => {
    check(id === listItemId(seen), `item ${seen} is ${id}, not ${listItemId(seen)}`);
    seen++;
    if (seen === quarterItem) quarterHeap = liveHeap();
    if (seen === total) lastHeap = liveHeap();
  });
  const ms = performance.now() - started - gcMs;
  check(seen === total, `${seen} items, not ${total}`);
  return {
    ms,
    lastHeapMiB: lastHeap / MIB,
    quarterHeapMiB: quarterHeap / MIB,
    startHeapMiB: startHeap / MIB,
  };
}
