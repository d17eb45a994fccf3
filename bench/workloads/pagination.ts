import { check } from "../measure/check";
import type { ProcessWorkload } from "../support/types";
import { CLIENTS, figure, REPLICATE_TS, ratio, times } from "./contenders";
import type { Mode } from "./mode";

/** Growth of the live heap, per 100 pages, below which a walk counts as flat. */
const FLAT_MIB_PER_100_PAGES = 0.5;

export function pagination(mode: Mode): ProcessWorkload {
  const pages = mode === "quick" ? 20 : 200;
  const pageSize = 100;
  const quarter = Math.max(1, Math.round(pages / 4));
  return {
    id: "pagination",
    title: "Pagination",
    setup: `${pages} pages x ${pageSize} predictions (about 1 KB each) walked item by item; live heap after GC at the last item of page ${quarter} and of page ${pages}`,
    scenario: { listPages: pages, listPageSize: pageSize },
    contenders: CLIENTS,
    repetitions: mode === "quick" ? 1 : 3,
    metrics: [
      { key: "ms", label: "time", unit: "ms", digits: 0 },
      { key: "lastHeapMiB", label: "live heap at last item", unit: "MiB", digits: 2 },
      {
        key: "growthMiBPer100Pages",
        label: "heap growth per 100 pages",
        unit: "MiB",
        digits: 2,
        ratio: false,
      },
    ],
    job: (contender, origin) => ({
      workload: "pagination",
      client: contender.client,
      origin,
      token: "r8_bench",
      pages,
      pageSize,
    }),
    figures(report, server) {
      const counts = server.counts();
      check(counts.refused === 0, `the server refused ${counts.refused} requests`);
      check(counts.lists === pages, `the server served ${counts.lists} pages, not ${pages}`);
      const { ms, lastHeapMiB, quarterHeapMiB } = report.figures as Record<string, number>;
      return {
        ms: ms!,
        lastHeapMiB: lastHeapMiB!,
        growthMiBPer100Pages: ((lastHeapMiB! - quarterHeapMiB!) / (pages - quarter)) * 100,
      };
    },
    targets(rows) {
      const heap = ratio(rows, REPLICATE_TS.key, "lastHeapMiB");
      const growth = figure(rows, REPLICATE_TS.key, "growthMiBPer100Pages");
      return [
        {
          target: "replicate-ts live heap at the last item within 1.5x of bare fetch",
          met: heap <= 1.5,
          measured: times(heap),
        },
        {
          target: `replicate-ts live heap flat in the number of pages (under ${FLAT_MIB_PER_100_PAGES} MiB per 100 pages)`,
          met: growth < FLAT_MIB_PER_100_PAGES,
          measured: `${growth.toFixed(2)} MiB per 100 pages`,
        },
      ];
    },
    timeoutMs: 300_000,
  };
}
