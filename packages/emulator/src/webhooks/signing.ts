import { createHmac, randomBytes } from "node:crypto";

/** A new signing secret in Replicate's format: `whsec_` + base64 of 24 random bytes. */
export function createWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString("base64")}`;
}

/**
 * The `webhook-signature` header value for a message, as Standard Webhooks (and Replicate) define
 * it: `v1,` + base64 of HMAC-SHA256 over `"<id>.<timestamp>.<body>"`, keyed with the base64-decoded
 * part of the secret after `whsec_`.
 */
export function signWebhook(
  secret: string,
  id: string,
  timestampSeconds: number,
  body: string,
): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  const signature = createHmac("sha256", key)
    .update(`${id}.${timestampSeconds}.${body}`)
    .digest("base64");
  return `v1,${signature}`;
}
