import { isTrainableSchema, validateModelInput } from "../models/input-validation";
import { validateRequest } from "../pipeline/validate";
import { ApiProblem, invalidField, notFound } from "../problem";
import { newJob, type WebhookEventType } from "../store/jobs";
import { toTrainingWire } from "../wire/prediction";
import type { RouteModule } from "./deps";
import { requireModel, requireVersion } from "./lookups";
import { bodyOf, originOf, param } from "./request";
import { json } from "./responses";

interface TrainingRequestBody {
  destination: string;
  input: Record<string, unknown>;
  webhook?: string;
  webhook_events_filter?: WebhookEventType[];
}

/** trainings.create, trainings.list, trainings.get, trainings.cancel */
export const trainingRoutes: RouteModule = (app, deps) => {
  const { store } = deps;

  app.post(
    "/models/:model_owner/:model_name/versions/:version_id/trainings",
    validateRequest("trainings.create"),
    (c) => {
      const model = requireModel(store, param(c, "model_owner"), param(c, "model_name"));
      const version = requireVersion(store, model, param(c, "version_id"));
      const body = bodyOf<TrainingRequestBody>(c);
      if (!version.trainer || !isTrainableSchema(version.openapiSchema)) {
        throw new ApiProblem(422, `${model.owner}/${model.name}:${version.id} cannot be trained.`, {
          title: "Version is not trainable",
        });
      }
      const destination = store.models.getByRef(body.destination);
      if (!destination) {
        throw invalidField(
          "destination",
          `The destination model ${body.destination} does not exist; create it first with POST /v1/models`,
          { title: "Invalid destination" },
        );
      }
      if (!destination.ownedByAccount) {
        throw new ApiProblem(
          403,
          `You can only push trainings to models you own; ${body.destination} is not yours.`,
        );
      }
      const input = validateModelInput(version.openapiSchema, body.input, "TrainingInput");
      const origin = originOf(c);
      const job = newJob({
        kind: "training",
        sequence: store.nextSequence(),
        model: `${model.owner}/${model.name}`,
        version: version.id,
        input,
        createdAt: deps.clock.now(),
        webhook: body.webhook,
        ...(body.webhook_events_filter ? { webhookEventsFilter: body.webhook_events_filter } : {}),
        origin,
        destination: `${destination.owner}/${destination.name}`,
      });
      // As for predictions: the answer is built before the training is stored and started.
      const created = toTrainingWire(job, origin);
      store.trainings.add(job);
      deps.engine.start(job, version);
      return json(created, 201);
    },
  );

  app.get("/trainings", validateRequest("trainings.list"), (c) => {
    const origin = originOf(c);
    const page = deps.pages.page(store.trainings.list(), (t) => [-t.sequence], c.req.url);
    return json({ ...page, results: page.results.map((t) => toTrainingWire(t, origin)) });
  });

  app.get("/trainings/:training_id", validateRequest("trainings.get"), (c) => {
    const training = store.trainings.get(param(c, "training_id"));
    if (!training) throw notFound("Training not found.");
    return json(toTrainingWire(training, originOf(c)));
  });

  app.post("/trainings/:training_id/cancel", validateRequest("trainings.cancel"), (c) => {
    const training = store.trainings.get(param(c, "training_id"));
    if (!training) throw notFound("Training not found.");
    deps.engine.cancel(training);
    return json(toTrainingWire(training, originOf(c)));
  });
};
