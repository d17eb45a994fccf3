import { validateRequest } from "../pipeline/validate";
import { ApiProblem, notFound } from "../problem";
import type { EmulatorStore } from "../store/index";
import type { VersionRecord } from "../store/versions";
import { toPredictionWire } from "../wire/prediction";
import { createPrediction, type PredictionRequestBody } from "./create-prediction";
import type { RouteModule } from "./deps";
import { bodyOf, originOf, param } from "./request";
import { json } from "./responses";

const VERSION_ID = /^[0-9a-f]{64}$/;

function invalidVersion(): ApiProblem {
  return new ApiProblem(
    422,
    "The specified version does not exist (or perhaps you don't have permission to use it?)",
    { title: "Invalid version or not permitted" },
  );
}

/**
 * Resolves the `version` of `POST /predictions`: a version id, `owner/name:version_id`, or
 * `owner/name` (the model's latest version, as for official models).
 */
export function resolveVersionReference(store: EmulatorStore, reference: string): VersionRecord {
  const [modelPart, versionPart, ...rest] = reference.split(":");
  if (rest.length > 0 || modelPart === undefined) throw invalidVersion();
  if (versionPart === undefined && VERSION_ID.test(modelPart)) {
    const version = store.versions.get(modelPart);
    if (!version) throw invalidVersion();
    return version;
  }
  const model = store.models.getByRef(modelPart);
  if (!model) throw invalidVersion();
  const version =
    versionPart === undefined
      ? store.versions.latest(model.owner, model.name)
      : store.versions.get(versionPart);
  if (!version || version.model.toLowerCase() !== modelPart.toLowerCase()) throw invalidVersion();
  return version;
}

/** predictions.create, predictions.list, predictions.get, predictions.cancel */
export const predictionRoutes: RouteModule = (app, deps) => {
  app.post("/predictions", validateRequest("predictions.create"), (c) => {
    const body = bodyOf<PredictionRequestBody & { version: string }>(c);
    return createPrediction(c, deps, resolveVersionReference(deps.store, body.version), body);
  });

  app.get("/predictions", validateRequest("predictions.list"), (c) => {
    const { created_after, created_before, source } = c.get("input").query as Record<
      string,
      string | undefined
    >;
    const after = created_after ? Date.parse(created_after) : Number.NEGATIVE_INFINITY;
    const before = created_before ? Date.parse(created_before) : Number.POSITIVE_INFINITY;
    const predictions = deps.store.predictions
      .list()
      .filter(
        (p) => p.createdAt >= after && p.createdAt < before && (!source || p.source === source),
      );
    const origin = originOf(c);
    const page = deps.pages.page(predictions, (p) => [-p.sequence], c.req.url);
    return json({ ...page, results: page.results.map((p) => toPredictionWire(p, origin)) });
  });

  app.get("/predictions/:prediction_id", validateRequest("predictions.get"), (c) => {
    const prediction = deps.store.predictions.get(param(c, "prediction_id"));
    if (!prediction) throw notFound("Prediction not found.");
    return json(toPredictionWire(prediction, originOf(c)));
  });

  app.post("/predictions/:prediction_id/cancel", validateRequest("predictions.cancel"), (c) => {
    const prediction = deps.store.predictions.get(param(c, "prediction_id"));
    if (!prediction) throw notFound("Prediction not found.");
    deps.engine.cancel(prediction);
    return json(toPredictionWire(prediction, originOf(c)));
  });
};
