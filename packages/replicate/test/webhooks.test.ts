import { createHmac } from "node:crypto";
import {
  InvalidArgumentError,
  Prediction,
  parseWebhook,
  ReplicateTraining,
  validateWebhook,
  WebhookVerificationError,
} from "replicate-ts";
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { startLoopbackServer } from "./support/loopback-server";
import { predictionWire } from "./support/predictions";

// A secret in Replicate's format; the signatures below are made by the standardwebhooks package,
// not by our code.
const SECRET = `whsec_${Buffer.from("a 32-byte secret for the tests!!").toString("base64")}`;
const OTHER_SECRET = `whsec_${Buffer.from("another secret, thirty-two bytes").toString("base64")}`;

const body = JSON.stringify(
  predictionWire("https://api.replicate.com", { status: "succeeded", output: "hello Alice" }),
);

function signed(
  payload: string,
  { secret = SECRET, at = new Date(), id = "msg_1" } = {},
): { id: string; timestamp: string; signature: string } {
  return {
    id,
    timestamp: String(Math.floor(at.getTime() / 1000)),
    signature: new Webhook(secret).sign(id, at, payload),
  };
}

function webhookRequest(payload: string, headers: Record<string, string>): Request {
  return new Request("https://example.com/webhooks/replicate", {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: payload,
  });
}

function headersOf(signature: ReturnType<typeof signed>): Record<string, string> {
  return {
    "webhook-id": signature.id,
    "webhook-timestamp": signature.timestamp,
    "webhook-signature": signature.signature,
  };
}

describe("validateWebhook", () => {
  it("accepts a delivery signed by the standardwebhooks package, given as fields", async () => {
    await expect(validateWebhook({ ...signed(body), body, secret: SECRET })).resolves.toBe(true);
  });

  it("accepts the body as bytes and headers as Node's lowercase header object", async () => {
    const bytes = new TextEncoder().encode(body);
    const headers = headersOf(signed(body));
    await expect(validateWebhook({ headers, body: bytes, secret: SECRET })).resolves.toBe(true);
    await expect(validateWebhook({ headers, body: bytes.buffer, secret: SECRET })).resolves.toBe(
      true,
    );
  });

  it("accepts a web Request, and leaves its body readable", async () => {
    const request = webhookRequest(body, headersOf(signed(body)));
    await expect(validateWebhook(request, SECRET)).resolves.toBe(true);
    await expect(request.text()).resolves.toBe(body);
  });

  it("accepts a header carrying several signatures when one of them matches", async () => {
    const good = signed(body);
    const other = signed(body, { secret: OTHER_SECRET });
    const signature = `${other.signature} v2,ignored ${good.signature}`;
    await expect(validateWebhook({ ...good, signature, body, secret: SECRET })).resolves.toBe(true);
  });

  it("rejects a wrong secret, a changed body and a signature of another id", async () => {
    const good = signed(body);
    await expect(validateWebhook({ ...good, body, secret: OTHER_SECRET })).resolves.toBe(false);
    await expect(validateWebhook({ ...good, body: `${body} `, secret: SECRET })).resolves.toBe(
      false,
    );
    await expect(validateWebhook({ ...good, id: "msg_2", body, secret: SECRET })).resolves.toBe(
      false,
    );
  });

  it("rejects timestamps outside the tolerance, 5 minutes by default, and honours a custom one", async () => {
    const sixMinutesAgo = new Date(Date.now() - 6 * 60_000);
    const old = signed(body, { at: sixMinutesAgo });
    await expect(validateWebhook({ ...old, body, secret: SECRET })).resolves.toBe(false);
    await expect(validateWebhook({ ...old, body, secret: SECRET, tolerance: 600 })).resolves.toBe(
      true,
    );
    const future = signed(body, { at: new Date(Date.now() + 6 * 60_000) });
    await expect(validateWebhook({ ...future, body, secret: SECRET })).resolves.toBe(false);
    const fourMinutesAgo = signed(body, { at: new Date(Date.now() - 4 * 60_000) });
    await expect(validateWebhook({ ...fourMinutesAgo, body, secret: SECRET })).resolves.toBe(true);
  });

  it("refuses a body given as a parsed object, since the signature covers the raw bytes", async () => {
    const error = await validateWebhook({
      ...signed(body),
      body: JSON.parse(body),
      secret: SECRET,
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as Error).message).toMatch(/raw request body .* not a parsed object/);
  });

  it("refuses a missing or malformed secret", async () => {
    await expect(validateWebhook({ ...signed(body), body, secret: "" })).rejects.toThrow(
      /signing secret is required/,
    );
    await expect(validateWebhook({ ...signed(body), body, secret: "whsec_***" })).rejects.toThrow(
      /not a whsec_ key/,
    );
  });
});

describe("validateWebhook in a node:http server", () => {
  it("verifies a delivery received over HTTP from Node's request headers and raw body", async () => {
    const verdicts: boolean[] = [];
    const server = await startLoopbackServer(async (request, response) => {
      verdicts.push(
        await validateWebhook({ headers: request.headers, body: request.body, secret: SECRET }),
      );
      response.writeHead(204).end();
    });
    try {
      const good = signed(body);
      await fetch(`${server.origin}/hook`, { method: "POST", headers: headersOf(good), body });
      await fetch(`${server.origin}/hook`, {
        method: "POST",
        headers: headersOf(good),
        body: JSON.stringify(JSON.parse(body), null, 2),
      });
      expect(verdicts).toEqual([true, false]);
    } finally {
      await server.close();
    }
  });
});

describe("parseWebhook", () => {
  it("returns the Prediction a verified delivery carries", async () => {
    const prediction = await parseWebhook(webhookRequest(body, headersOf(signed(body))), SECRET);
    expect(prediction).toBeInstanceOf(Prediction);
    expect((prediction as Prediction).output).toBe("hello Alice");
    expect(prediction.isSucceeded).toBe(true);
  });

  it("verifies the raw bytes of the body, even bytes that are not valid UTF-8", async () => {
    // A log line with a stray byte: decoding the body as text first would change what was signed.
    const text = `${body.slice(0, -1)},"logs":"café #"}`;
    const bytes = new TextEncoder().encode(text);
    bytes[bytes.lastIndexOf("#".charCodeAt(0))] = 0xff;
    const id = "msg_bytes";
    const timestamp = String(Math.floor(Date.now() / 1000));
    const key = Buffer.from(SECRET.slice("whsec_".length), "base64");
    const signature = createHmac("sha256", key)
      .update(Buffer.concat([Buffer.from(`${id}.${timestamp}.`), bytes]))
      .digest("base64");
    const request = () =>
      new Request("https://example.com/webhooks/replicate", {
        method: "POST",
        headers: {
          "webhook-id": id,
          "webhook-timestamp": timestamp,
          "webhook-signature": `v1,${signature}`,
        },
        body: bytes,
      });
    await expect(validateWebhook(request(), SECRET)).resolves.toBe(true);
    const prediction = await parseWebhook(request(), SECRET);
    expect(prediction).toBeInstanceOf(Prediction);
    expect(prediction.logs).toBe("café \ufffd");
  });

  it("returns a ReplicateTraining for a training's delivery", async () => {
    const training = JSON.stringify({
      id: "t1",
      model: "owner/model",
      version: "v1",
      input: {},
      status: "succeeded",
      output: { version: "v2", weights: "https://example.com/w.tar" },
      created_at: "2026-01-01T00:00:00Z",
      urls: {
        get: "https://api.replicate.com/v1/trainings/t1",
        cancel: "https://api.replicate.com/v1/trainings/t1/cancel",
      },
    });
    const parsed = await parseWebhook(
      webhookRequest(training, headersOf(signed(training))),
      SECRET,
    );
    expect(parsed).toBeInstanceOf(ReplicateTraining);
    expect((parsed as ReplicateTraining).output?.version).toBe("v2");
  });

  it.each([
    [
      "missing-header",
      (headers: Record<string, string>) => ({ ...headers, "webhook-id": "" }),
      /no webhook-id header/,
    ],
    [
      "stale-timestamp",
      () => headersOf(signed(body, { at: new Date(Date.now() - 3_600_000) })),
      /signed 36\d\d seconds ago/,
    ],
    [
      "invalid-timestamp",
      (headers: Record<string, string>) => ({ ...headers, "webhook-timestamp": "soon" }),
      /not a Unix time/,
    ],
    [
      "invalid-signature",
      (headers: Record<string, string>) => ({ ...headers, "webhook-signature": "v1,AAAA" }),
      /does not match/,
    ],
  ] as const)(
    "throws WebhookVerificationError (%s) saying why",
    async (reason, change, message) => {
      const headers = change(headersOf(signed(body)));
      const error = await parseWebhook(webhookRequest(body, headers), SECRET).catch(
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(WebhookVerificationError);
      expect((error as WebhookVerificationError).reason).toBe(reason);
      expect((error as Error).message).toMatch(message);
    },
  );
});
