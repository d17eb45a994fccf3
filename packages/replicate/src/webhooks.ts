import { InvalidArgumentError, WebhookVerificationError } from "./core/errors";
import { bytesFromBase64 } from "./internal/base64";
import { Prediction, type PredictionWire } from "./wrappers/prediction";
import { ReplicateTraining, type TrainingWire } from "./wrappers/training";

/** Headers as the `Headers` class, or a plain object such as Node's `request.headers`. */
export type WebhookHeaders = Headers | Record<string, string | string[] | undefined>;

/**
 * A webhook delivery to check: the three `webhook-*` headers (given one by one or as `headers`),
 * the raw body exactly as received, and your signing secret.
 */
export interface WebhookToValidate {
  /** The `webhook-id` header. */
  id?: string | undefined;
  /** The `webhook-timestamp` header: Unix seconds. */
  timestamp?: string | undefined;
  /** The `webhook-signature` header: one or more space-separated `v1,<base64>` signatures. */
  signature?: string | undefined;
  /** The request's headers, read when `id`, `timestamp` or `signature` is not given. */
  headers?: WebhookHeaders | undefined;
  /**
   * The raw body, as text or bytes, exactly as received. A parsed JSON object is refused: the
   * signature covers the bytes, which a parsed object cannot reproduce.
   */
  body: string | Uint8Array | ArrayBuffer;
  /** Your signing secret, `whsec_...` (from `replicate.webhooks.defaultSecret()`). */
  secret: string;
  /** How many seconds the timestamp may differ from now. @default 300 (5 minutes) */
  tolerance?: number | undefined;
}

/** Options of the `Request` forms of {@link validateWebhook} and {@link parseWebhook}. */
export interface WebhookOptions {
  /** How many seconds the timestamp may differ from now. @default 300 (5 minutes) */
  tolerance?: number | undefined;
}

/** The default timestamp tolerance, in seconds, as in the Standard Webhooks reference code. */
export const DEFAULT_WEBHOOK_TOLERANCE_SECONDS = 300;

const SECRET_PREFIX = "whsec_";
const encoder = new TextEncoder();

/**
 * Checks that a webhook was sent by Replicate (Standard Webhooks: an HMAC-SHA256 of
 * `id.timestamp.body`, compared in constant time) and is recent. Resolves `true` or `false`;
 * throws `InvalidArgumentError` for unusable arguments (no secret, a parsed body). Use
 * {@link parseWebhook} to learn why a delivery failed.
 * @example
 * // With a web Request (Next.js, Hono, Workers, Deno, Bun):
 * if (!(await validateWebhook(request, secret))) return new Response("Forbidden", { status: 403 });
 * // With Node/Express (express.raw() keeps the body as bytes):
 * const ok = await validateWebhook({ headers: req.headers, body: req.body, secret });
 */
export async function validateWebhook(webhook: WebhookToValidate): Promise<boolean>;
export async function validateWebhook(
  request: Request,
  secret: string,
  options?: WebhookOptions,
): Promise<boolean>;
export async function validateWebhook(
  webhookOrRequest: WebhookToValidate | Request,
  secret?: string,
  options?: WebhookOptions,
): Promise<boolean> {
  // The Request form reads a clone, so that the caller can still read the body afterwards.
  const webhook =
    webhookOrRequest instanceof Request
      ? await fromRequest(webhookOrRequest, secret, options, { clone: true })
      : webhookOrRequest;
  try {
    await verifyWebhook(webhook);
    return true;
  } catch (error) {
    if (error instanceof WebhookVerificationError) return false;
    throw error;
  }
}

/**
 * Verifies a webhook request and returns what it carries: a `Prediction`, or a
 * `ReplicateTraining` for a training's webhook. Throws `WebhookVerificationError` saying why
 * when it cannot be verified (missing header, stale timestamp, bad signature).
 * @example
 * const prediction = await parseWebhook(request, process.env.REPLICATE_WEBHOOK_SECRET!);
 * if (prediction.isSucceeded) save(prediction.output);
 */
export async function parseWebhook(
  request: Request,
  secret: string,
  options?: WebhookOptions,
): Promise<Prediction | ReplicateTraining> {
  if (!(request instanceof Request)) {
    throw new InvalidArgumentError(
      "parseWebhook() takes a web Request; with Node's http, use validateWebhook({ headers, body, secret }) and then JSON.parse the body.",
    );
  }
  const webhook = await fromRequest(request, secret, options);
  await verifyWebhook(webhook);
  let wire: unknown;
  try {
    // Decoded only once verified: the signature covers the raw bytes, not a decoding of them.
    wire = JSON.parse(new TextDecoder().decode(webhook.body as ArrayBuffer));
  } catch {
    throw new WebhookVerificationError(
      "invalid-body",
      "The webhook's signature is valid but its body is not JSON.",
    );
  }
  if (
    typeof wire !== "object" ||
    wire === null ||
    typeof (wire as { id?: unknown }).id !== "string"
  ) {
    throw new WebhookVerificationError(
      "invalid-body",
      "The webhook's signature is valid but its body is not a prediction or training.",
    );
  }
  return isTrainingWire(wire)
    ? new ReplicateTraining(wire as TrainingWire)
    : new Prediction(wire as PredictionWire);
}

/** Verifies a delivery; throws {@link WebhookVerificationError} saying what is wrong. */
async function verifyWebhook(webhook: WebhookToValidate): Promise<void> {
  if (typeof webhook !== "object" || webhook === null) {
    throw new InvalidArgumentError(
      "validateWebhook() takes { id, timestamp, signature, body, secret } or (request, secret).",
    );
  }
  const key = secretBytes(webhook.secret);
  const body = bodyBytes(webhook.body);
  const tolerance = webhook.tolerance ?? DEFAULT_WEBHOOK_TOLERANCE_SECONDS;
  if (typeof tolerance !== "number" || !(tolerance >= 0)) {
    throw new InvalidArgumentError(
      `tolerance must be a number of seconds, 0 or more (got ${String(tolerance)}).`,
    );
  }
  const id = webhook.id ?? header(webhook.headers, "webhook-id");
  const timestamp = webhook.timestamp ?? header(webhook.headers, "webhook-timestamp");
  const signature = webhook.signature ?? header(webhook.headers, "webhook-signature");
  const missing = [
    id ? undefined : "webhook-id",
    timestamp ? undefined : "webhook-timestamp",
    signature ? undefined : "webhook-signature",
  ].filter(Boolean);
  if (missing.length > 0) {
    throw new WebhookVerificationError(
      "missing-header",
      `The webhook request has no ${missing.join(", ")} header: it was not sent by Replicate, or a proxy removed the header.`,
    );
  }
  checkTimestamp(timestamp!, tolerance);

  const expected = await hmacSha256(key, [encoder.encode(`${id}.${timestamp}.`), body]);
  const candidates = signature!
    .split(" ")
    .filter((entry) => entry.startsWith("v1,"))
    .map((entry) => entry.slice(3));
  let matched = false;
  for (const candidate of candidates) {
    // Every candidate is compared in full, so the time taken says nothing about which matched.
    if (constantTimeEqual(expected, decodeSignature(candidate))) matched = true;
  }
  if (!matched) {
    throw new WebhookVerificationError(
      "invalid-signature",
      candidates.length === 0
        ? "The webhook-signature header has no v1 signature."
        : "The webhook's signature does not match: the secret is wrong, or the body was changed (for instance parsed and re-serialized) before verification.",
    );
  }
}

async function fromRequest(
  request: Request,
  secret: string | undefined,
  options: WebhookOptions | undefined,
  { clone = false } = {},
): Promise<WebhookToValidate> {
  if (request.bodyUsed) {
    throw new InvalidArgumentError(
      "The request's body was already read: verify the webhook before reading it, or pass { headers, body, secret } with the raw body you read.",
    );
  }
  return {
    headers: request.headers,
    // The bytes as received: text() would replace bytes that are not UTF-8, breaking the check.
    body: await (clone ? request.clone() : request).arrayBuffer(),
    secret: secret as string,
    tolerance: options?.tolerance,
  };
}

function secretBytes(secret: unknown): Uint8Array {
  if (typeof secret !== "string" || secret.trim() === "") {
    throw new InvalidArgumentError(
      "A webhook signing secret is required: pass the whsec_... key from replicate.webhooks.defaultSecret().",
    );
  }
  const encoded = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
  try {
    const bytes = bytesFromBase64(encoded);
    if (bytes.byteLength > 0) return bytes;
  } catch {
    // Reported below.
  }
  throw new InvalidArgumentError(
    "The webhook signing secret is not a whsec_ key: it should be whsec_ followed by base64.",
  );
}

function bodyBytes(body: unknown): Uint8Array {
  if (typeof body === "string") return encoder.encode(body);
  if (body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  throw new InvalidArgumentError(
    typeof body === "object" && body !== null
      ? "body must be the raw request body (text or bytes) exactly as received, not a parsed object: the signature covers the original bytes (in Express, use express.raw({ type: 'application/json' }))."
      : "body is required: pass the raw request body (text or bytes) exactly as received.",
  );
}

function header(headers: WebhookHeaders | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === name) return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}

function checkTimestamp(timestamp: string, toleranceSeconds: number): void {
  if (!/^\d+$/.test(timestamp)) {
    throw new WebhookVerificationError(
      "invalid-timestamp",
      `The webhook-timestamp header is not a Unix time in seconds (got ${JSON.stringify(timestamp.slice(0, 40))}).`,
    );
  }
  const skew = Math.floor(Date.now() / 1000) - Number(timestamp);
  if (Math.abs(skew) > toleranceSeconds) {
    throw new WebhookVerificationError(
      "stale-timestamp",
      skew > 0
        ? `The webhook was signed ${skew} seconds ago, more than the ${toleranceSeconds} s tolerance: it may be a replay.`
        : `The webhook's timestamp is ${-skew} seconds in the future, more than the ${toleranceSeconds} s tolerance: check this machine's clock.`,
    );
  }
}

async function hmacSha256(key: Uint8Array, parts: Uint8Array[]): Promise<Uint8Array> {
  const length = parts.reduce((sum, part) => sum + part.byteLength, 0);
  const message = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    message.set(part, offset);
    offset += part.byteLength;
  }
  const cryptoKey = await crypto.subtle.importKey(
    "raw",
    key as Uint8Array<ArrayBuffer>,
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  return new Uint8Array(await crypto.subtle.sign("HMAC", cryptoKey, message));
}

function decodeSignature(candidate: string): Uint8Array {
  try {
    return bytesFromBase64(candidate);
  } catch {
    return new Uint8Array(0);
  }
}

/** Compares two byte strings in time that depends only on their lengths. */
function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  let difference = a.byteLength ^ b.byteLength;
  for (let index = 0; index < a.byteLength; index++) {
    difference |= a[index]! ^ (b[index % (b.byteLength || 1)] ?? 0);
  }
  return difference === 0;
}

/** A training's webhook carries a training: its URLs are under `/trainings/`. */
function isTrainingWire(wire: object): boolean {
  const urls = (wire as { urls?: { get?: unknown } }).urls;
  if (typeof urls?.get === "string" && /\/trainings\/[^/]+\/?$/.test(urls.get)) return true;
  return "destination" in wire;
}
