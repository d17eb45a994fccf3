import type { RequestOptions } from "../core/options";
import { Resource } from "../core/resource";
import { WebhookSecret, type WebhookSecretWire } from "../wrappers/webhook-secret";

/** Webhooks: the secret Replicate signs its webhook requests with. */
export class Webhooks extends Resource {
  /**
   * Gets the signing secret of the default webhook, to verify that deliveries come from
   * Replicate. Fetch it once and keep it: it changes only when you rotate it.
   */
  async defaultSecret(options?: RequestOptions): Promise<WebhookSecret> {
    return new WebhookSecret(
      await this.http.json<WebhookSecretWire>({
        method: "GET",
        path: "/webhooks/default/secret",
        options,
      }),
    );
  }
}
