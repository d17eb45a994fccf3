import { isKnownHardware } from "../models/hardware";
import { scoreModel, searchTerms } from "../models/search";
import { validateRequest } from "../pipeline/validate";
import { ApiProblem, invalidField } from "../problem";
import type { ModelRecord } from "../store/models";
import { toModelWire, toPredictionWireList } from "../wire/model";
import { createPrediction, type PredictionRequestBody } from "./create-prediction";
import type { RouteModule } from "./deps";
import { requireModel, requireOwnership } from "./lookups";
import { bodyOf, originOf, param } from "./request";
import { empty, json } from "./responses";

interface ModelCreateBody {
  owner: string;
  name: string;
  visibility: "public" | "private";
  hardware: string;
  description?: string;
  github_url?: string;
  paper_url?: string;
  license_url?: string;
  cover_image_url?: string;
}

interface ModelUpdateBody {
  description?: string;
  readme?: string;
  github_url?: string;
  paper_url?: string;
  weights_url?: string;
  license_url?: string;
}

const MODEL_NAME = /^[a-z0-9][a-z0-9_.-]*$/;

/**
 * models.list, models.create, models.search (`QUERY /models`), models.get, models.update,
 * models.delete, models.examples.list, models.readme.get, models.predictions.create
 */
export const modelRoutes: RouteModule = (app, deps) => {
  const { store } = deps;
  const latestCreatedAt = (model: ModelRecord) =>
    store.versions.latest(model.owner, model.name)?.createdAt ?? model.createdAt;

  app.get("/models", validateRequest("models.list"), (c) => {
    const { sort_by, sort_direction } = c.get("input").query as {
      sort_by: string;
      sort_direction: string;
    };
    const sortValue = (m: ModelRecord) =>
      sort_by === "model_created_at" ? m.createdAt : latestCreatedAt(m);
    const sign = sort_direction === "asc" ? 1 : -1;
    // Each model's sort key is computed once, not once per comparison.
    const entries = store.models
      .list()
      .filter((m) => m.visibility === "public" || m.ownedByAccount)
      .map((model) => ({ model, key: [sign * sortValue(model), sign * model.sequence] }))
      .sort((a, b) => (a.key[0] ?? 0) - (b.key[0] ?? 0) || (a.key[1] ?? 0) - (b.key[1] ?? 0));
    const origin = originOf(c);
    const page = deps.pages.page(entries, (entry) => entry.key, c.req.url);
    return json({
      ...page,
      results: page.results.map((entry) => toModelWire(entry.model, store, origin)),
    });
  });

  app.post("/models", validateRequest("models.create"), (c) => {
    const body = bodyOf<ModelCreateBody>(c);
    const account = deps.options.account.username;
    if (body.owner !== account) {
      throw new ApiProblem(
        403,
        `You can only create models owned by your account, ${account}; got owner ${body.owner}.`,
      );
    }
    if (!MODEL_NAME.test(body.name)) {
      throw invalidField(
        "name",
        "Model names may only contain lowercase letters, digits, dashes, underscores and periods",
        { type: "pattern" },
      );
    }
    if (!isKnownHardware(body.hardware)) {
      throw invalidField(
        "hardware",
        `Unknown hardware SKU ${JSON.stringify(body.hardware)}; GET /v1/hardware lists them`,
        { type: "enum" },
      );
    }
    if (store.models.get(body.owner, body.name)) {
      throw new ApiProblem(409, `A model named ${body.owner}/${body.name} already exists.`);
    }
    const model = store.models.add({
      owner: body.owner,
      name: body.name,
      sequence: store.nextSequence(),
      description: body.description ?? null,
      visibility: body.visibility,
      hardware: body.hardware,
      githubUrl: body.github_url ?? null,
      paperUrl: body.paper_url ?? null,
      licenseUrl: body.license_url ?? null,
      weightsUrl: null,
      coverImageUrl: body.cover_image_url ?? null,
      readme: null,
      runCount: 0,
      createdAt: deps.clock.now(),
      isOfficial: false,
      ownedByAccount: true,
      tags: [],
      examples: [],
    });
    return json(toModelWire(model, store, originOf(c)), 201);
  });

  app.on("QUERY", "/models", validateRequest("models.search"), (c) => {
    const terms = searchTerms(String(bodyOf<string>(c) ?? ""));
    const matches = store.models
      .list()
      .filter((m) => m.visibility === "public" || m.ownedByAccount)
      .map((model) => ({ model, score: scoreModel(model, terms) }))
      .filter((entry) => entry.score > 0)
      .sort((a, b) => b.score - a.score || b.model.runCount - a.model.runCount)
      .map((entry, index) => ({ ...entry, index }));
    const origin = originOf(c);
    const page = deps.pages.page(matches, (entry) => [entry.index], c.req.url);
    return json({
      ...page,
      results: page.results.map(({ model }) => {
        // This operation's schema has a non-null description: leave it out rather than send null.
        const { description, ...rest } = toModelWire(model, store, origin);
        return description === null || description === undefined ? rest : { ...rest, description };
      }),
    });
  });

  app.get("/models/:model_owner/:model_name", validateRequest("models.get"), (c) => {
    const model = requireModel(store, param(c, "model_owner"), param(c, "model_name"));
    return json(toModelWire(model, store, originOf(c)));
  });

  app.patch("/models/:model_owner/:model_name", validateRequest("models.update"), (c) => {
    const model = requireModel(store, param(c, "model_owner"), param(c, "model_name"));
    requireOwnership(model, "update");
    const body = bodyOf<ModelUpdateBody | undefined>(c) ?? {};
    if (body.description !== undefined) model.description = body.description;
    if (body.readme !== undefined) model.readme = body.readme;
    if (body.github_url !== undefined) model.githubUrl = body.github_url;
    if (body.paper_url !== undefined) model.paperUrl = body.paper_url;
    if (body.weights_url !== undefined) model.weightsUrl = body.weights_url;
    if (body.license_url !== undefined) model.licenseUrl = body.license_url;
    return json(toModelWire(model, store, originOf(c)));
  });

  app.delete("/models/:model_owner/:model_name", validateRequest("models.delete"), (c) => {
    const model = requireModel(store, param(c, "model_owner"), param(c, "model_name"));
    requireOwnership(model, "delete");
    if (model.visibility !== "private") {
      throw new ApiProblem(409, "Only private models can be deleted; this one is public.");
    }
    if (store.versions.forModel(model.owner, model.name).length > 0) {
      throw new ApiProblem(
        409,
        "This model still has versions; delete them first (DELETE .../versions/{version_id}).",
      );
    }
    store.models.delete(model.owner, model.name);
    return empty(204);
  });

  app.get(
    "/models/:model_owner/:model_name/examples",
    validateRequest("models.examples.list"),
    (c) => {
      const model = requireModel(store, param(c, "model_owner"), param(c, "model_name"));
      const origin = originOf(c);
      const examples = model.examples.map((job, index) => ({ job, index }));
      const page = deps.pages.page(examples, (entry) => [entry.index], c.req.url);
      return json({
        ...page,
        results: toPredictionWireList(
          page.results.map((e) => e.job),
          origin,
        ),
      });
    },
  );

  app.get("/models/:model_owner/:model_name/readme", validateRequest("models.readme.get"), (c) => {
    const model = requireModel(store, param(c, "model_owner"), param(c, "model_name"));
    if (model.readme === null) throw new ApiProblem(404, "This model has no README.");
    return new Response(model.readme, { headers: { "content-type": "text/plain; charset=utf-8" } });
  });

  app.post(
    "/models/:model_owner/:model_name/predictions",
    validateRequest("models.predictions.create"),
    (c) => {
      const model = requireModel(store, param(c, "model_owner"), param(c, "model_name"));
      const version = store.versions.latest(model.owner, model.name);
      if (!version) {
        throw new ApiProblem(422, `${model.owner}/${model.name} has no versions to run yet.`, {
          title: "Model has no versions",
        });
      }
      return createPrediction(c, deps, version, bodyOf<PredictionRequestBody>(c));
    },
  );
};
