import { validateRequest } from "../pipeline/validate";
import { ApiProblem } from "../problem";
import { toVersionWire } from "../wire/model";
import type { RouteModule } from "./deps";
import { requireModel, requireOwnership, requireVersion } from "./lookups";
import { param } from "./request";
import { empty, json } from "./responses";

/** models.versions.list, models.versions.get, models.versions.delete */
export const versionRoutes: RouteModule = (app, deps) => {
  const { store } = deps;

  app.get(
    "/models/:model_owner/:model_name/versions",
    validateRequest("models.versions.list"),
    (c) => {
      const model = requireModel(store, param(c, "model_owner"), param(c, "model_name"));
      const versions = store.versions.forModel(model.owner, model.name);
      const page = deps.pages.page(versions, (v) => [-v.createdAt, -v.sequence], c.req.url);
      return json({ ...page, results: page.results.map(toVersionWire) });
    },
  );

  app.get(
    "/models/:model_owner/:model_name/versions/:version_id",
    validateRequest("models.versions.get"),
    (c) => {
      const model = requireModel(store, param(c, "model_owner"), param(c, "model_name"));
      return json(toVersionWire(requireVersion(store, model, param(c, "version_id"))));
    },
  );

  app.delete(
    "/models/:model_owner/:model_name/versions/:version_id",
    validateRequest("models.versions.delete"),
    (c) => {
      const model = requireModel(store, param(c, "model_owner"), param(c, "model_name"));
      const version = requireVersion(store, model, param(c, "version_id"));
      requireOwnership(model, "delete versions of");
      if (store.deployments.usesVersion(version.id)) {
        throw new ApiProblem(
          409,
          "A deployment uses this version; point the deployment at another version first.",
        );
      }
      if (store.trainings.byVersion(version.id).length > 0) {
        throw new ApiProblem(409, "This version is the base of a training and cannot be deleted.");
      }
      for (const prediction of store.predictions.byVersion(version.id)) {
        deps.engine.cancel(prediction);
        store.predictions.delete(prediction.id);
      }
      store.versions.delete(version.id);
      return empty(202);
    },
  );
};
