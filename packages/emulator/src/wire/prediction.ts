import { resolveLocalUrls, WEB_ORIGIN } from "../http/urls";
import type { JobRecord } from "../store/jobs";
import { isoTime } from "./time";
import type { PredictionWire, TrainingWire } from "./types";

/** What predictions and trainings report alike; URLs point at `origin`. */
function jobFields(job: JobRecord, origin: string) {
  return {
    id: job.id,
    model: job.model,
    version: job.version,
    input: resolveLocalUrls(job.input, origin) as Record<string, unknown>,
    logs: job.logs,
    error: job.error,
    source: job.source,
    status: job.status,
    created_at: isoTime(job.createdAt),
    ...(job.startedAt !== undefined ? { started_at: isoTime(job.startedAt) } : {}),
    ...(job.completedAt !== undefined ? { completed_at: isoTime(job.completedAt) } : {}),
    ...(Object.keys(job.metrics).length > 0 ? { metrics: { ...job.metrics } } : {}),
  };
}

/**
 * A prediction as the API returns it. URLs point at `origin` (the emulator as the reader reached
 * it); `urls.stream` is only there for models that stream.
 */
export function toPredictionWire(job: JobRecord, origin: string): PredictionWire {
  const base = `${origin}/v1/predictions/${job.id}`;
  return {
    ...jobFields(job, origin),
    output: resolveLocalUrls(job.output, origin),
    data_removed: false,
    ...(job.deadline !== undefined ? { deadline: isoTime(job.deadline) } : {}),
    ...(job.deployment !== undefined ? { deployment: job.deployment } : {}),
    urls: {
      web: `${WEB_ORIGIN}/p/${job.id}`,
      get: base,
      cancel: `${base}/cancel`,
      ...(job.streamToken ? { stream: `${origin}/streams/${job.streamToken}` } : {}),
    },
  };
}

/** A training as the API returns it. */
export function toTrainingWire(job: JobRecord, origin: string): TrainingWire {
  const base = `${origin}/v1/trainings/${job.id}`;
  const output = resolveLocalUrls(job.output, origin) as TrainingWire["output"] | null;
  return {
    ...jobFields(job, origin),
    // The spec types `output` as an object, so a training without one leaves it out.
    ...(output ? { output } : {}),
    urls: { web: `${WEB_ORIGIN}/p/${job.id}`, get: base, cancel: `${base}/cancel` } as NonNullable<
      TrainingWire["urls"]
    >,
  };
}
