import { InvalidArgumentError } from "../core/errors";
import type { RequestOptions } from "../core/options";
import type { PagePromise } from "../core/page";
import { Resource } from "../core/resource";
import { path, requireSegment } from "../internal/path";
import {
  definedFields,
  integerInRange,
  optionalIntegerInRange,
  optionalText,
  parseModelReference,
  requireParams,
  requireText,
} from "../internal/validate";
import { Deployment, type DeploymentWire } from "../wrappers/deployment";
import { DeploymentPredictions } from "./deployment-predictions";

/** Names a deployment: `{ deploymentOwner: "acme", deploymentName: "image-maker" }`. */
export interface DeploymentReference {
  /** The user or organization that owns the deployment. */
  deploymentOwner: string;
  /** The deployment's name. */
  deploymentName: string;
}

/** Parameters of `deployments.create()`. */
export interface DeploymentCreateParams {
  /** The deployment's name, unique among yours. */
  name: string;
  /** `owner/name` of the model to deploy, e.g. `stability-ai/sdxl`. */
  model: string;
  /** The 64-character id of the version to deploy. */
  version: string;
  /** The hardware SKU, e.g. `gpu-t4` (see `hardware.list()`). */
  hardware: string;
  /** Instances kept running when idle, 0 to 5. */
  minInstances: number;
  /** Instances at most, 0 to 20, and no fewer than `minInstances`. */
  maxInstances: number;
}

/** Parameters of `deployments.update()`: the deployment, and what to change. */
export interface DeploymentUpdateParams extends DeploymentReference {
  /** The 64-character id of the version to deploy instead. */
  version?: string | undefined;
  /** The hardware SKU to run on instead, e.g. `gpu-a40-large`. */
  hardware?: string | undefined;
  /** Instances kept running when idle, 0 to 5. */
  minInstances?: number | undefined;
  /** Instances at most, 0 to 20, and no fewer than `minInstances`. */
  maxInstances?: number | undefined;
}

/** The limits the API puts on scaling. */
const MAX_MIN_INSTANCES = 5;
const MAX_MAX_INSTANCES = 20;
const DEPLOYMENT_SHAPE = "{ deploymentOwner, deploymentName }";

/** Deployments: a model version on dedicated hardware, under a fixed name. */
export class Deployments extends Resource {
  /** Predictions run on a deployment. */
  readonly predictions: DeploymentPredictions = new DeploymentPredictions(this.context);

  /** Lists your deployments; iterate it to walk every page. */
  list(options?: RequestOptions): PagePromise<Deployment> {
    return this.paginate("/deployments", undefined, wrapDeployment, options);
  }

  /** Gets a deployment and its current release. */
  async get(params: DeploymentReference, options?: RequestOptions): Promise<Deployment> {
    const wire = await this.http.json<DeploymentWire>({
      method: "GET",
      path: deploymentPath(params, "deployments.get()"),
      options,
    });
    return new Deployment(wire);
  }

  /**
   * Creates a deployment of a model version.
   * @example
   * const deployment = await replicate.deployments.create({
   *   name: "image-maker", model: "stability-ai/sdxl", version: "da77bc59...",
   *   hardware: "gpu-t4", minInstances: 0, maxInstances: 2,
   * });
   */
  async create(params: DeploymentCreateParams, options?: RequestOptions): Promise<Deployment> {
    const given = requireParams(
      params,
      "deployments.create()",
      "{ name, model, version, hardware, minInstances, maxInstances }",
    );
    parseModelReference(given.model, "model");
    const body = {
      name: requireSegment(given.name, "name"),
      model: given.model,
      version: requireSegment(given.version, "version"),
      hardware: requireText(given.hardware, "hardware"),
      ...scaling(given.minInstances, given.maxInstances, true),
    };
    const wire = await this.http.json<DeploymentWire>({
      method: "POST",
      path: "/deployments",
      body,
      options,
    });
    return new Deployment(wire);
  }

  /**
   * Changes a deployment's version, hardware or scaling; only the fields you pass are sent. Each
   * update makes a new release.
   */
  async update(params: DeploymentUpdateParams, options?: RequestOptions): Promise<Deployment> {
    const deploymentUrl = deploymentPath(params, "deployments.update()");
    const version = optionalText(params.version, "version");
    const body = definedFields({
      version: version === undefined ? undefined : requireSegment(version, "version"),
      hardware:
        params.hardware === undefined ? undefined : requireText(params.hardware, "hardware"),
      ...scaling(params.minInstances, params.maxInstances, false),
    });
    if (Object.keys(body).length === 0) {
      throw new InvalidArgumentError(
        "deployments.update() has nothing to change: pass at least one of version, hardware, minInstances or maxInstances.",
      );
    }
    const wire = await this.http.json<DeploymentWire>({
      method: "PATCH",
      path: deploymentUrl,
      body,
      options,
    });
    return new Deployment(wire);
  }

  /** Deletes a deployment. The API deletes only deployments that have been idle for a while. */
  async delete(params: DeploymentReference, options?: RequestOptions): Promise<void> {
    await this.http.json<undefined>({
      method: "DELETE",
      path: deploymentPath(params, "deployments.delete()"),
      allowEmptyBody: true,
      options,
    });
  }
}

function wrapDeployment(wire: DeploymentWire): Deployment {
  return new Deployment(wire);
}

function deploymentPath(params: DeploymentReference, call: string): string {
  const { deploymentOwner, deploymentName } = requireParams(params, call, DEPLOYMENT_SHAPE);
  return path`/deployments/${requireSegment(deploymentOwner, "deploymentOwner")}/${requireSegment(deploymentName, "deploymentName")}`;
}

/** Checks the instance counts: each within the API's limits, and min no more than max. */
function scaling(
  minInstances: unknown,
  maxInstances: unknown,
  required: boolean,
): { min_instances?: number; max_instances?: number } {
  const check = required ? integerInRange : optionalIntegerInRange;
  const min = check(minInstances, "minInstances", 0, MAX_MIN_INSTANCES);
  const max = check(maxInstances, "maxInstances", 0, MAX_MAX_INSTANCES);
  if (min !== undefined && max !== undefined && min > max) {
    throw new InvalidArgumentError(
      `minInstances (${min}) must not be more than maxInstances (${max}).`,
    );
  }
  return definedFields({ min_instances: min, max_instances: max });
}
