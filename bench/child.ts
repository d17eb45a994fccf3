/**
 * A child process of the benchmark: loads one client, runs one workload, prints its figures as
 * one JSON line on stdout. The parent bundles this file (the clients stay external, so they load
 * from node_modules as in a user's project) and runs it with plain `node --expose-gc`.
 */
import type { AdapterContext, ClientAdapter, ClientName } from "./adapters/types";
import { measureConcurrency } from "./measure/concurrency";
import type { ChildReport, Job } from "./measure/jobs";
import { measurePagination } from "./measure/pagination";
import { measureRoundTrips } from "./measure/round-trips";
import { measureRuns } from "./measure/run";
import { measureSse } from "./measure/sse";
import { measureUpload } from "./measure/upload";

/** Only the client being measured is loaded: the others would add to its memory. */
async function loadAdapter(client: ClientName, context: AdapterContext): Promise<ClientAdapter> {
  switch (client) {
    case "replicate-ts":
      return (await import("./adapters/replicate-ts")).createAdapter(context);
    case "replicate":
      return (await import("./adapters/replicate")).createAdapter(context);
    case "fetch":
      return (await import("./adapters/fetch")).createAdapter(context);
  }
}

async function perform(job: Job, adapter: ClientAdapter): Promise<ChildReport> {
  switch (job.workload) {
    case "round-trips":
      return { figures: await measureRoundTrips(adapter, job.calls, job.warmup) };
    case "concurrency":
      return {
        figures: await measureConcurrency(adapter, job.creates, job.inFlight, job.warmup),
      };
    case "run":
      return {
        figures: {},
        runs: await measureRuns(adapter, job.runs, job.staggerMs, job.outputTokens),
      };
    case "sse":
      return {
        figures: await measureSse(adapter, job.style, job.events, job.warmupPasses, job.passes),
      };
    case "pagination":
      return { figures: await measurePagination(adapter, job.pages, job.pageSize) };
    case "upload":
      return { figures: await measureUpload(adapter, job.path, job.bytes) };
  }
}

const job = JSON.parse(process.argv[2] ?? "{}") as Job;
const adapter = await loadAdapter(job.client, {
  origin: job.origin,
  token: job.token,
  ownFetch: job.ownFetch,
});
const report = await perform(job, adapter);
if (job.client === "replicate-ts") report.resolved = import.meta.resolve("replicate-ts");
process.stdout.write(`${JSON.stringify(report)}\n`);
