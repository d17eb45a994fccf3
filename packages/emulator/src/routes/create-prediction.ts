import type { Context } from "hono";
import { cancelAfterMs, preferWaitSeconds } from "../http/headers";
import { capabilityToken, randomId } from "../ids";
import { hasIteratorOutput, validateModelInput } from "../models/input-validation";
import type { EmulatorEnv } from "../pipeline/context";
import type { JobRecord, WebhookEventType } from "../store/jobs";
import type { VersionRecord } from "../store/versions";
import { toPredictionWire } from "../wire/prediction";
import type { RouteDependencies } from "./deps";
import { checkWebhookUrl, json, originOf } from "./helpers";

/** The body shared by the three ways of creating a prediction. */
export interface PredictionRequestBody {
  input: Record<string, unknown>;
  webhook?: string;
  webhook_events_filter?: WebhookEventType[];
  stream?: boolean;
}

const ALL_EVENTS: WebhookEventType[] = ["start", "output", "logs", "completed"];

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
  const input = validateModelInput(version.openapiSchema, body.input);
  checkWebhookUrl(body.webhook);
  const cancelAfter = cancelAfterMs(c.req.header("cancel-after"));
  const waitSeconds = preferWaitSeconds(c.req.header("prefer"));
  const now = deps.clock.now();
  const origin = originOf(c);

  const job: JobRecord = {
    kind: "prediction",
    id: randomId(),
    sequence: deps.store.nextSequence(),
    model: version.model,
    version: version.id,
    input,
    output: null,
    logs: "",
    error: null,
    status: "starting",
    createdAt: now,
    startedAt: undefined,
    completedAt: undefined,
    deadline: cancelAfter === undefined ? undefined : now + cancelAfter,
    deployment,
    source: "api",
    metrics: {},
    webhook: body.webhook,
    webhookEventsFilter: body.webhook_events_filter ?? ALL_EVENTS,
    origin,
    streamToken: hasIteratorOutput(version.openapiSchema) ? capabilityToken() : undefined,
    events: [],
    destination: undefined,
    isExample: false,
  };
  // Everything that can throw runs before the job is stored, so a refused request leaves nothing.
  const created = toPredictionWire(job, origin);
  deps.store.predictions.add(job);
  deps.engine.start(job, version);

  if (waitSeconds === undefined) return json(created, 201);
  const finished = await deps.engine.waitForTerminal(job, waitSeconds * 1000, c.req.raw.signal);
  return json(toPredictionWire(job, origin), finished ? 201 : 202);
}
