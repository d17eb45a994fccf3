import Replicate, { type Logger } from "replicate-ts";
import { afterEach, describe, expect, it } from "vitest";
import { type LoopbackServer, sendJson, startLoopbackServer } from "./support/loopback-server";
import { predictionWire } from "./support/predictions";

const TOKEN = "r8_secret_token_value_123";

describe("the token goes to the API's origin only", () => {
  const servers: LoopbackServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.map((server) => server.close()));
    servers.length = 0;
  });

  it("requests a next page on another origin without the token", async () => {
    const foreign = await startLoopbackServer((_request, response) =>
      sendJson(response, 200, {
        results: [predictionWire(foreign.origin, { id: "p2" })],
        next: null,
      }),
    );
    const api = await startLoopbackServer((_request, response) =>
      sendJson(response, 200, {
        results: [predictionWire(api.origin)],
        next: `${foreign.origin}/v1/predictions?cursor=evil`,
      }),
    );
    servers.push(foreign, api);
    const replicate = new Replicate({ auth: TOKEN, baseUrl: api.baseUrl });
    const ids: string[] = [];
    for await (const prediction of replicate.predictions.list()) ids.push(prediction.id);
    expect(ids).toEqual(["p1", "p2"]);
    expect(api.requests[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(foreign.requests).toHaveLength(1);
    expect(foreign.requests[0]?.headers.authorization).toBeUndefined();
  });

  it("does not let a per-call header carry the token to a foreign origin", async () => {
    const foreign = await startLoopbackServer((_request, response) =>
      sendJson(response, 200, { results: [], next: null }),
    );
    const api = await startLoopbackServer((_request, response) =>
      sendJson(response, 200, { results: [], next: `${foreign.origin}/v1/predictions?cursor=2` }),
    );
    servers.push(foreign, api);
    const replicate = new Replicate({ auth: TOKEN, baseUrl: api.baseUrl });
    const page = await replicate.predictions.list(
      {},
      { headers: { Authorization: `Bearer ${TOKEN}` } },
    );
    await page.next();
    expect(foreign.requests).toHaveLength(1);
    expect(foreign.requests[0]?.headers.authorization).toBeUndefined();
  });

  it("keeps the token out of error messages and log lines, even when the API echoes it", async () => {
    const api = await startLoopbackServer((_request, response) =>
      sendJson(response, 401, { title: "Unauthenticated", detail: `Invalid token ${TOKEN}` }),
    );
    servers.push(api);
    const lines: string[] = [];
    const record = (message: string, ...details: unknown[]) =>
      lines.push([message, ...details.map((detail) => JSON.stringify(detail))].join(" "));
    const logger: Logger = { debug: record, info: record, warn: record, error: record };
    const replicate = new Replicate({
      auth: TOKEN,
      baseUrl: api.baseUrl,
      logger,
      logLevel: "debug",
    });
    const error = (await replicate.predictions
      .get({ id: "p1" })
      .catch((caught: unknown) => caught)) as Error & {
      detail: string;
      body: unknown;
    };
    expect(error.message).toContain("Invalid token [REDACTED]");
    expect(error.message).not.toContain(TOKEN);
    expect(error.detail).not.toContain(TOKEN);
    expect(JSON.stringify(error.body)).not.toContain(TOKEN);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join("\n")).not.toContain(TOKEN);
  });
});
