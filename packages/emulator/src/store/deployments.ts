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

/** Deployments by `owner/name`. */
export class DeploymentStore {
  #deployments = new Map<string, DeploymentRecord>();

  add(deployment: DeploymentRecord): DeploymentRecord {
    this.#deployments.set(`${deployment.owner}/${deployment.name}`.toLowerCase(), deployment);
    return deployment;
  }

  get(owner: string, name: string): DeploymentRecord | undefined {
    return this.#deployments.get(`${owner}/${name}`.toLowerCase());
  }

  delete(owner: string, name: string): boolean {
    return this.#deployments.delete(`${owner}/${name}`.toLowerCase());
  }

  /** Every deployment, newest first. */
  list(): DeploymentRecord[] {
    return [...this.#deployments.values()].sort((a, b) => b.sequence - a.sequence);
  }

  /** Whether any deployment's current release runs this version. */
  usesVersion(versionId: string): boolean {
    return this.list().some((d) => currentRelease(d).version === versionId);
  }

  clear(): void {
    this.#deployments.clear();
  }
}
