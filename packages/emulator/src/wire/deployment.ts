import { currentRelease, type DeploymentRecord } from "../store/deployments";
import { isoTime } from "./time";
import type { AccountWire, DeploymentWire } from "./types";

/** A deployment as the API returns it, with its current release. */
export function toDeploymentWire(
  deployment: DeploymentRecord,
  account: AccountWire,
): DeploymentWire {
  const release = currentRelease(deployment);
  return {
    owner: deployment.owner,
    name: deployment.name,
    current_release: {
      number: release.number,
      model: release.model,
      version: release.version,
      created_at: isoTime(release.createdAt),
      created_by: account,
      configuration: {
        hardware: release.configuration.hardware,
        min_instances: release.configuration.minInstances,
        max_instances: release.configuration.maxInstances,
      },
    },
  };
}
