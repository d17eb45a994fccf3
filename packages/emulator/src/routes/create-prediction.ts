import type { Context } from "hono";
import { capabilityToken } from "../ids";
import { hasIteratorOutput, validateModelInput } from "../models/input-validation";
import type { EmulatorEnv } from "../pipeline/context";
import { newJob, type WebhookEventType } from "../store/jobs";
import type { VersionRecord } from "../store/versions";
import { toPredictionWire } from "../wire/prediction";
import type { RouteDependencies } from "./deps";
import { originOf } from "./request";
import { json } from "./responses";

/** The body shared by the three ways of creating a prediction. */
export interface PredictionRequestBody {
  input: Record<string, unknown>;
  webhook?: string;
  webhook_events_filter?: WebhookEventType[];
  stream?: boolean;
}

/**
 * Creates a prediction of `version` and starts it: validates the input against the version's
 * schema (applying defaults), honours `Cancel-After`, then answers at once (201) or, with
 * `Prefer: wait`, when the prediction finishes (201) or the wait runs out (202).
 */
export async function createPrediction(
  c: Context<EmulatorEnv>,
  deps: RouteDependencies,
  version: VersionRecord,
  body: PredictionRequestBody,
  deployment?: string,
): Promise<Response> {
  const { preferWaitSeconds, cancelAfterMs } = c.get("input");
  const input = validateModelInput(version.openapiSchema, body.input);
  const now = deps.clock.now();
  const origin = originOf(c);
  const job = newJob({
    kind: "prediction",
    sequence: deps.store.nextSequence(),
    model: version.model,
    version: version.id,
    input,
    createdAt: now,
    deadline: cancelAfterMs === undefined ? undefined : now + cancelAfterMs,
    deployment,
    webhook: body.webhook,
    ...(body.webhook_events_filter ? { webhookEventsFilter: body.webhook_events_filter } : {}),
    origin,
    streamToken: hasIteratorOutput(version.openapiSchema) ? capabilityToken() : undefined,
  });
  // Everything that can throw runs before the job is stored, so a refused request leaves nothing.
  const created = toPredictionWire(job, origin);
  deps.store.predictions.add(job);
  deps.engine.start(job, version);

  if (preferWaitSeconds === undefined) return json(created, 201);
  const finished = await deps.engine.waitForTerminal(
    job,
    preferWaitSeconds * 1000,
    c.req.raw.signal,
  );
  return json(toPredictionWire(job, origin), finished ? 201 : 202);
}
