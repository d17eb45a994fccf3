import type { operations } from "../generated/openapi";

/** One hardware option as the API sends it. */
export type HardwareWire =
  operations["hardware.list"]["responses"][200]["content"]["application/json"][number];

/** A kind of hardware models and deployments can run on. */
export class ReplicateHardware {
  /** A readable name, e.g. `Nvidia T4 GPU`. */
  readonly name: string;
  /** The id to pass as `hardware` when creating a model or deployment, e.g. `gpu-t4`. */
  readonly sku: string;
  /** The hardware exactly as the API sent it. */
  readonly raw: HardwareWire;

  constructor(wire: HardwareWire) {
    this.raw = wire;
    this.name = wire.name ?? "";
    this.sku = wire.sku ?? "";
  }

  /** The wire JSON, so that `JSON.stringify(hardware)` gives what the API sent. */
  toJSON(): HardwareWire {
    return this.raw;
  }
}
