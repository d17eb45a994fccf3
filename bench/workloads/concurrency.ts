import { check } from "../measure/check";
import type { ProcessWorkload } from "../support/types";
import { CLIENTS } from "./contenders";
import type { Mode } from "./mode";

export function concurrency(mode: Mode): ProcessWorkload {
  const creates = mode === "quick" ? 1000 : 10_000;
  const inFlight = 64;
  const warmup = mode === "quick" ? 50 : 200;
  return {
    id: "concurrency",
    title: "Concurrent creates",
    setup: `${creates.toLocaleString("en-US")} creates with ${inFlight} in flight (after ${warmup} sequential ones)`,
    scenario: { predictionMs: 0 },
    contenders: CLIENTS,
    repetitions: mode === "quick" ? 1 : 5,
    metrics: [{ key: "requestsPerSecond", label: "requests/s", unit: "", digits: 0 }],
    job: (contender, origin) => ({
      workload: "concurrency",
      client: contender.client,
      origin,
      token: "r8_bench",
      creates,
      inFlight,
      warmup,
    }),
    figures(report, server) {
      const counts = server.counts();
      check(counts.refused === 0, `the server refused ${counts.refused} requests`);
      check(counts.creates === creates + warmup, `the server saw ${counts.creates} creates`);
      return report.figures;
    },
    targets: () => [],
    timeoutMs: 300_000,
  };
}
