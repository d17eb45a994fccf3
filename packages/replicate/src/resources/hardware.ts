import type { RequestOptions } from "../core/options";
import { Resource } from "../core/resource";
import { type HardwareWire, ReplicateHardware } from "../wrappers/hardware";

/** The hardware models and deployments can run on. */
export class Hardware extends Resource {
  /**
   * Lists the hardware SKUs (`cpu`, `gpu-t4`, ...) to pass as `hardware` when creating a model
   * or a deployment. The list is short, so it comes whole rather than in pages.
   */
  async list(options?: RequestOptions): Promise<ReplicateHardware[]> {
    const wire = await this.http.json<HardwareWire[]>({
      method: "GET",
      path: "/hardware",
      options,
    });
    return (wire ?? []).map((hardware) => new ReplicateHardware(hardware));
  }
}
