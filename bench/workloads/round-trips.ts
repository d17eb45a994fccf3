import { check } from "../measure/check";
import type { ProcessWorkload } from "../support/types";
import { CLIENTS, REPLICATE_TS, ratio, times } from "./contenders";
import type { Mode } from "./mode";

export function roundTrips(mode: Mode): ProcessWorkload {
  const calls = mode === "quick" ? 200 : 2000;
  const warmup = mode === "quick" ? 50 : 300;
  return {
    id: "round-trips",
    title: "Sequential create + get",
    setup: `${calls} create + get pairs one after another (after ${warmup} to warm up); a call is one request`,
    scenario: { predictionMs: 0 },
    contenders: CLIENTS,
    repetitions: mode === "quick" ? 1 : 5,
    metrics: [
      { key: "cpuUsPerCall", label: "client CPU per call", unit: "µs", digits: 0 },
      { key: "wallUsPerCall", label: "wall per call", unit: "µs", digits: 0 },
    ],
    job: (contender, origin) => ({
      workload: "round-trips",
      client: contender.client,
      origin,
      token: "r8_bench",
      calls,
      warmup,
    }),
    figures(report, server) {
      const counts = server.counts();
      check(counts.refused === 0, `the server refused ${counts.refused} requests`);
      check(counts.creates === calls + warmup, `the server saw ${counts.creates} creates`);
      check(counts.gets === calls + warmup, `the server saw ${counts.gets} gets`);
      return report.figures;
    },
    targets: (rows) => {
      const cpu = ratio(rows, REPLICATE_TS.key, "cpuUsPerCall");
      return [
        {
          target: "replicate-ts client CPU per call within 1.2x of bare fetch",
          met: cpu <= 1.2,
          measured: times(cpu),
        },
      ];
    },
    timeoutMs: 300_000,
  };
}
