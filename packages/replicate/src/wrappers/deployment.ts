import type { components } from "../generated/openapi";
import { orUndefined, toDate } from "./convert";

/** A deployment as the API sends it. */
export type DeploymentWire = components["schemas"]["schemas_deployment_response"];

type ReleaseWire = NonNullable<DeploymentWire["current_release"]>;

/** The account that made a release. */
export interface DeploymentReleaseCreator {
  type: "organization" | "user";
  username: string;
  name: string | undefined;
  avatarUrl: string | undefined;
  githubUrl: string | undefined;
}

/** How a release runs: on which hardware, with how many instances. */
export interface DeploymentConfiguration {
  /** The hardware SKU, e.g. `gpu-t4` (see `hardware.list()`). */
  hardware: string | undefined;
  minInstances: number | undefined;
  maxInstances: number | undefined;
}

/** One release of a deployment: a model version and a configuration. */
export interface DeploymentRelease {
  /** The release number, counting from 1; each update makes a new release. */
  number: number | undefined;
  /** `owner/name` of the deployed model. */
  model: string | undefined;
  /** The deployed version id. */
  version: string | undefined;
  createdAt: Date | undefined;
  createdBy: DeploymentReleaseCreator | undefined;
  configuration: DeploymentConfiguration;
}

/** A deployment: a model version on dedicated hardware, under a fixed name. */
export class Deployment {
  /** The user or organization that owns the deployment. */
  readonly owner: string;
  readonly name: string;
  /** The release that serves predictions now. */
  readonly currentRelease: DeploymentRelease | undefined;
  /** The deployment exactly as the API sent it. */
  readonly raw: DeploymentWire;

  constructor(wire: DeploymentWire) {
    this.raw = wire;
    this.owner = wire.owner ?? "";
    this.name = wire.name ?? "";
    this.currentRelease = wire.current_release ? release(wire.current_release) : undefined;
  }

  /** `owner/name`, the reference `predictions.create({ deployment })` accepts. */
  get fullName(): string {
    return `${this.owner}/${this.name}`;
  }

  /** The wire JSON, so that `JSON.stringify(deployment)` gives what the API sent. */
  toJSON(): DeploymentWire {
    return this.raw;
  }
}

function release(wire: ReleaseWire): DeploymentRelease {
  const creator = wire.created_by;
  return {
    number: orUndefined(wire.number),
    model: orUndefined(wire.model),
    version: orUndefined(wire.version),
    createdAt: toDate(wire.created_at),
    createdBy: creator && {
      type: creator.type,
      username: creator.username,
      name: orUndefined(creator.name),
      avatarUrl: orUndefined(creator.avatar_url),
      githubUrl: orUndefined(creator.github_url),
    },
    configuration: {
      hardware: orUndefined(wire.configuration?.hardware),
      minInstances: orUndefined(wire.configuration?.min_instances),
      maxInstances: orUndefined(wire.configuration?.max_instances),
    },
  };
}
