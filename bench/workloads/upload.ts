import { check } from "../measure/check";
import type { Contender, ProcessWorkload } from "../support/types";
import { FETCH, figure, OFFICIAL, REPLICATE_TS, ratio, times } from "./contenders";
import type { Mode } from "./mode";

/** Multipart framing around the file is at most this many bytes. */
const FRAMING_BYTES = 64 * 1024;

const THROUGH_FETCH: Contender = {
  key: "replicate-ts own fetch",
  client: "replicate-ts",
  ownFetch: true,
  label: "replicate-ts given its own fetch",
};

/**
 * The upload workload for a file of `bytes` already written at `path`. With `throttleMBps`, the
 * server reads at most that many MB/s, like a slow network: memory must stay flat then too.
 */
export function upload(
  mode: Mode,
  path: string,
  bytes: number,
  throttleMBps: number,
): ProcessWorkload {
  return {
    id: "upload",
    title: "File upload",
    setup: `a ${bytes / 2 ** 20} MiB file from disk to POST /v1/files; the server discards it${throttleMBps ? `, reading at most ${throttleMBps} MB/s` : ""}. replicate-ts: files.create({ file: fileFromPath() }), on its node:http transport or, given a fetch of its own, through that; replicate: files.create(await fs.openAsBlob()); fetch: FormData of fs.openAsBlob()`,
    scenario: { uploadThrottleMBps: throttleMBps },
    contenders: [FETCH, REPLICATE_TS, THROUGH_FETCH, OFFICIAL],
    repetitions: mode === "quick" ? 1 : 3,
    metrics: [
      { key: "peakRssMB", label: "peak RSS", unit: "MB", digits: 0 },
      { key: "megabytesPerSecond", label: "throughput", unit: "MB/s", digits: 0 },
    ],
    job: (contender, origin) => ({
      workload: "upload",
      client: contender.client,
      ownFetch: contender.ownFetch,
      origin,
      token: "r8_bench",
      path,
      bytes,
    }),
    figures(report, server) {
      const counts = server.counts();
      check(counts.refused === 0, `the server refused ${counts.refused} requests`);
      check(counts.uploads === 1, `the server saw ${counts.uploads} uploads`);
      check(
        counts.uploadBytes >= bytes && counts.uploadBytes <= bytes + FRAMING_BYTES,
        `the server received ${counts.uploadBytes} bytes for a ${bytes}-byte file`,
      );
      return report.figures;
    },
    targets(rows) {
      const peak = figure(rows, REPLICATE_TS.key, "peakRssMB");
      const speed = ratio(rows, REPLICATE_TS.key, "megabytesPerSecond");
      const mib = bytes / 2 ** 20;
      return [
        {
          target: `replicate-ts peak RSS under 150 MB${mib === 512 ? "" : ` (for ${mib} MiB; the target is for 512 MiB)`}`,
          met: peak < 150,
          measured: `${peak.toFixed(0)} MB`,
        },
        {
          target: "replicate-ts upload throughput at least bare fetch's",
          met: speed >= 1,
          measured: times(speed),
        },
      ];
    },
    timeoutMs: 600_000,
  };
}
