import type { operations } from "../generated/openapi";

/** The default webhook's signing secret as the API sends it. */
export type WebhookSecretWire =
  operations["webhooks.default.secret.get"]["responses"][200]["content"]["application/json"];

/** The secret Replicate signs webhook requests with (`whsec_...`); verify deliveries with it. */
export class WebhookSecret {
  /** The signing secret, `whsec_` followed by base64. */
  readonly key: string;
  /** The answer exactly as the API sent it. */
  readonly raw: WebhookSecretWire;

  constructor(wire: WebhookSecretWire) {
    this.raw = wire;
    this.key = wire.key ?? "";
  }

  /** The wire JSON: `{ key }`. */
  toJSON(): WebhookSecretWire {
    return this.raw;
  }
}
