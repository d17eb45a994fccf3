import { isKnownHardware } from "../models/hardware";
import { validateRequest } from "../pipeline/validate";
import { ApiProblem, invalidField, notFound } from "../problem";
import { currentRelease, type DeploymentRecord } from "../store/deployments";
import type { EmulatorStore } from "../store/index";
import { toDeploymentWire } from "../wire/deployment";
import { createPrediction, type PredictionRequestBody } from "./create-prediction";
import type { RouteModule } from "./deps";
import { bodyOf, param } from "./request";
import { empty, json } from "./responses";

interface DeploymentCreateBody {
  name: string;
  model: string;
  version: string;
  hardware: string;
  min_instances: number;
  max_instances: number;
}

type DeploymentUpdateBody = Partial<
  Pick<DeploymentCreateBody, "version" | "hardware" | "min_instances" | "max_instances">
>;

const DEPLOYMENT_NAME = /^[a-z0-9][a-z0-9_.-]*$/;

function checkVersion(store: EmulatorStore, modelRef: string, versionId: string): void {
  const model = store.models.getByRef(modelRef);
  if (!model) throw invalidField("model", `Model ${modelRef} does not exist`);
  const version = store.versions.get(versionId);
  if (!version || version.model.toLowerCase() !== modelRef.toLowerCase()) {
    throw invalidField("version", `Version ${versionId} is not a version of ${modelRef}`);
  }
}

function checkScaling(min: number, max: number): void {
  if (min > max) throw invalidField("min_instances", "Must be less than or equal to max_instances");
}

/**
 * deployments.list, deployments.create, deployments.get, deployments.update, deployments.delete,
 * deployments.predictions.create
 */
export const deploymentRoutes: RouteModule = (app, deps) => {
  const { store } = deps;
  const account = () => deps.options.account;
  const find = (owner: string, name: string): DeploymentRecord => {
    const deployment = store.deployments.get(owner, name);
    if (!deployment) throw notFound(`Deployment ${owner}/${name} not found.`);
    return deployment;
  };

  app.get("/deployments", validateRequest("deployments.list"), (c) => {
    const page = deps.pages.page(store.deployments.list(), (d) => [-d.sequence], c.req.url);
    return json({ ...page, results: page.results.map((d) => toDeploymentWire(d, account())) });
  });

  app.post("/deployments", validateRequest("deployments.create"), (c) => {
    const body = bodyOf<DeploymentCreateBody>(c);
    if (!DEPLOYMENT_NAME.test(body.name)) {
      throw invalidField(
        "name",
        "May only contain lowercase letters, digits, dashes, underscores and periods",
      );
    }
    checkVersion(store, body.model, body.version);
    if (!isKnownHardware(body.hardware))
      throw invalidField("hardware", `Unknown hardware SKU ${JSON.stringify(body.hardware)}`);
    checkScaling(body.min_instances, body.max_instances);
    const owner = account().username;
    if (store.deployments.get(owner, body.name)) {
      throw new ApiProblem(409, `A deployment named ${owner}/${body.name} already exists.`);
    }
    const deployment = store.deployments.add({
      owner,
      name: body.name,
      sequence: store.nextSequence(),
      releases: [
        {
          number: 1,
          model: body.model,
          version: body.version,
          createdAt: deps.clock.now(),
          configuration: {
            hardware: body.hardware,
            minInstances: body.min_instances,
            maxInstances: body.max_instances,
          },
        },
      ],
    });
    // The spec answers a created deployment with 200, not 201.
    return json(toDeploymentWire(deployment, account()));
  });

  app.get(
    "/deployments/:deployment_owner/:deployment_name",
    validateRequest("deployments.get"),
    (c) =>
      json(
        toDeploymentWire(
          find(param(c, "deployment_owner"), param(c, "deployment_name")),
          account(),
        ),
      ),
  );

  app.patch(
    "/deployments/:deployment_owner/:deployment_name",
    validateRequest("deployments.update"),
    (c) => {
      const deployment = find(param(c, "deployment_owner"), param(c, "deployment_name"));
      const body = bodyOf<DeploymentUpdateBody | undefined>(c) ?? {};
      const current = currentRelease(deployment);
      if (body.version !== undefined) checkVersion(store, current.model, body.version);
      if (body.hardware !== undefined && !isKnownHardware(body.hardware)) {
        throw invalidField("hardware", `Unknown hardware SKU ${JSON.stringify(body.hardware)}`);
      }
      const configuration = {
        hardware: body.hardware ?? current.configuration.hardware,
        minInstances: body.min_instances ?? current.configuration.minInstances,
        maxInstances: body.max_instances ?? current.configuration.maxInstances,
      };
      checkScaling(configuration.minInstances, configuration.maxInstances);
      if (Object.keys(body).length > 0) {
        deployment.releases.push({
          number: current.number + 1,
          model: current.model,
          version: body.version ?? current.version,
          createdAt: deps.clock.now(),
          configuration,
        });
      }
      return json(toDeploymentWire(deployment, account()));
    },
  );

  app.delete(
    "/deployments/:deployment_owner/:deployment_name",
    validateRequest("deployments.delete"),
    (c) => {
      const deployment = find(param(c, "deployment_owner"), param(c, "deployment_name"));
      store.deployments.delete(deployment.owner, deployment.name);
      return empty(204);
    },
  );

  app.post(
    "/deployments/:deployment_owner/:deployment_name/predictions",
    validateRequest("deployments.predictions.create"),
    (c) => {
      const deployment = find(param(c, "deployment_owner"), param(c, "deployment_name"));
      const release = currentRelease(deployment);
      const version = store.versions.get(release.version);
      if (!version) throw new ApiProblem(409, "The deployment's version no longer exists.");
      return createPrediction(
        c,
        deps,
        version,
        bodyOf<PredictionRequestBody>(c),
        `${deployment.owner}/${deployment.name}`,
      );
    },
  );
};
