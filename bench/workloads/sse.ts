import { check } from "../measure/check";
import type { Contender, ProcessWorkload } from "../support/types";
import { FETCH, OFFICIAL, ratio, times } from "./contenders";
import type { Mode } from "./mode";

const FOR_AWAIT: Contender = {
  key: "replicate-ts",
  client: "replicate-ts",
  style: "for-await",
  label: "replicate-ts, for await (event of stream)",
};
const FOR_EACH: Contender = {
  key: "replicate-ts forEach",
  client: "replicate-ts",
  style: "forEach",
  label: "replicate-ts, stream.forEach(callback)",
};
const BATCHES: Contender = {
  key: "replicate-ts batches",
  client: "replicate-ts",
  style: "batches",
  label: "replicate-ts, for await (events of stream.batches())",
};

export function sse(mode: Mode): ProcessWorkload {
  const events = mode === "quick" ? 5000 : 200_000;
  // The official client parses about 1,600 events/s: 200,000 events take it about two minutes,
  // so it makes one timed pass in one process, without a warm-up pass (its rate does not depend
  // on the number of events, and warming up cannot close a gap of that size).
  const isOfficial = (contender: Contender) => contender.key === OFFICIAL.key;
  const passes = mode === "quick" ? 1 : 5;
  return {
    id: "sse",
    title: "Server-sent events",
    setup: `${events.toLocaleString("en-US")} output events (then done) written in 64 KiB slices; a pass creates the prediction and reads its whole stream; each process makes 1 warm-up pass and ${passes} timed passes (the median counts)`,
    scenario: { streamEvents: events },
    contenders: [
      { ...FETCH, label: "eventsource-parser on bare fetch" },
      FOR_AWAIT,
      FOR_EACH,
      BATCHES,
      OFFICIAL,
    ],
    repetitions: mode === "quick" ? 1 : 5,
    repetitionsOf: (contender) => (isOfficial(contender) ? 1 : 99),
    metrics: [{ key: "eventsPerSecond", label: "events/s", unit: "", digits: 0 }],
    job: (contender, origin) => ({
      workload: "sse",
      client: contender.client,
      origin,
      token: "r8_bench",
      style: contender.style ?? "for-await",
      events,
      warmupPasses: isOfficial(contender) ? 0 : 1,
      passes: isOfficial(contender) ? 1 : passes,
    }),
    figures(report, server, contender) {
      const counts = server.counts();
      const streams = isOfficial(contender) ? 1 : passes + 1;
      check(counts.refused === 0, `the server refused ${counts.refused} requests`);
      check(
        counts.creates === streams && counts.streams === streams,
        `expected ${streams} creates and streams, saw ${counts.creates} and ${counts.streams}`,
      );
      return report.figures;
    },
    targets(rows) {
      return [FOR_AWAIT, FOR_EACH, BATCHES].map((contender) => {
        const value = ratio(rows, contender.key, "eventsPerSecond");
        return {
          target: `${contender.label}: at least 0.9x of eventsource-parser used directly`,
          met: value >= 0.9,
          measured: times(value),
        };
      });
    },
    notes: () =>
      mode === "full"
        ? [
            `${OFFICIAL.label} made one timed pass in one process, without a warm-up pass: at its rate one pass takes minutes.`,
          ]
        : [],
    timeoutMs: 600_000,
  };
}
