import { modelKey } from "./models";
import { newestFirst, RecordStore } from "./record-store";

/** One release of a deployment: which version it runs, on what. */
export interface DeploymentRelease {
  number: number;
  model: string;
  version: string;
  /** Emulated epoch milliseconds. */
  createdAt: number;
  configuration: { hardware: string; minInstances: number; maxInstances: number };
}

/** A deployment and its releases; the last release is the current one. */
export interface DeploymentRecord {
  readonly owner: string;
  readonly name: string;
  readonly sequence: number;
  releases: DeploymentRelease[];
}

/** The current release of a deployment. */
export function currentRelease(deployment: DeploymentRecord): DeploymentRelease {
  const release = deployment.releases[deployment.releases.length - 1];
  if (!release)
    throw new Error(`Deployment ${deployment.owner}/${deployment.name} has no release.`);
  return release;
}

/** Deployments by `owner/name` (case-insensitive); listed newest first. */
export class DeploymentStore extends RecordStore<DeploymentRecord> {
  constructor() {
    super((deployment) => modelKey(deployment.owner, deployment.name), newestFirst);
  }

  get(owner: string, name: string): DeploymentRecord | undefined {
    return this.findKey(modelKey(owner, name));
  }

  delete(owner: string, name: string): DeploymentRecord | undefined {
    return this.removeKey(modelKey(owner, name));
  }

  /** Whether any deployment's current release runs this version. */
  usesVersion(versionId: string): boolean {
    return this.list().some((d) => currentRelease(d).version === versionId);
  }
}
