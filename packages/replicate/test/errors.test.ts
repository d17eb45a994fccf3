import Replicate, {
  ApiError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  isReplicateError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ReplicateError,
  UnprocessableEntityError,
} from "replicate-ts";
import { afterEach, describe, expect, it } from "vitest";
import { type LoopbackServer, startLoopbackServer } from "./support/loopback-server";

const TOKEN = "r8_error_token";

describe("API errors", () => {
  let server: LoopbackServer | undefined;
  afterEach(() => server?.close());

  async function failureFor(
    status: number,
    body: string,
    contentType = "application/problem+json",
  ) {
    server = await startLoopbackServer((_request, response) => {
      response.writeHead(status, { "content-type": contentType, "x-request-id": "req-1" });
      response.end(body);
    });
    const replicate = new Replicate({ auth: TOKEN, baseUrl: server.baseUrl, maxRetries: 0 });
    return replicate.predictions.get({ id: "p1" }).catch((error: unknown) => error);
  }

  it.each([
    [400, BadRequestError],
    [401, AuthenticationError],
    [403, PermissionDeniedError],
    [404, NotFoundError],
    [409, ConflictError],
    [422, UnprocessableEntityError],
    [429, RateLimitError],
    [500, InternalServerError],
    [503, InternalServerError],
  ])("maps status %i to its class", async (status, ErrorClass) => {
    const error = await failureFor(
      status,
      JSON.stringify({ title: "Problem", detail: "what went wrong", status }),
    );
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toBeInstanceOf(ReplicateError);
  });

  it("carries statusCode, title, detail, headers, method and url from the problem-details body", async () => {
    const error = (await failureFor(
      422,
      JSON.stringify({
        title: "Input validation failed",
        detail: "input.text: expected string",
        status: 422,
      }),
    )) as ApiError;
    expect(error.statusCode).toBe(422);
    expect(error.title).toBe("Input validation failed");
    expect(error.detail).toBe("input.text: expected string");
    expect(error.headers.get("x-request-id")).toBe("req-1");
    expect(error.method).toBe("GET");
    expect(error.url).toBe(`${server!.baseUrl}/predictions/p1`);
    expect(error.message).toBe(
      "GET /v1/predictions/p1 failed with 422 Input validation failed: input.text: expected string",
    );
  });

  it("gives a clear ApiError for a body that is not JSON, such as a proxy's HTML 502 page", async () => {
    const error = (await failureFor(
      502,
      "<html><body>Bad Gateway</body></html>",
      "text/html",
    )) as ApiError;
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error.statusCode).toBe(502);
    expect(error.detail).toBeUndefined();
    expect(error.body).toContain("Bad Gateway");
    expect(error.message).toBe("GET /v1/predictions/p1 failed with 502 Bad Gateway");
  });

  it("uses a short plain-text body as the detail", async () => {
    const error = (await failureFor(400, "missing field: input", "text/plain")) as ApiError;
    expect(error.detail).toBe("missing field: input");
  });

  it("rejects a success answered with an empty body with a ReplicateError saying so", async () => {
    server = await startLoopbackServer((_request, response) => {
      response.writeHead(200);
      response.end();
    });
    const replicate = new Replicate({ auth: TOKEN, baseUrl: server.baseUrl, maxRetries: 0 });
    const error = await replicate.predictions.get({ id: "x" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ReplicateError);
    expect((error as Error).message).toBe(
      "GET /v1/predictions/x answered 200 with an empty body, where a JSON body was expected.",
    );
  });

  it("resolves a delete answered 204 without a body", async () => {
    server = await startLoopbackServer((_request, response) => {
      response.writeHead(204);
      response.end();
    });
    const replicate = new Replicate({ auth: TOKEN, baseUrl: server.baseUrl, maxRetries: 0 });
    await expect(replicate.files.delete({ fileId: "f1" })).resolves.toBeUndefined();
    await expect(
      replicate.models.delete({ modelOwner: "o", modelName: "m" }),
    ).resolves.toBeUndefined();
    await expect(
      replicate.deployments.delete({ deploymentOwner: "o", deploymentName: "d" }),
    ).resolves.toBeUndefined();
  });

  it("keeps the query string, which may hold a signature, out of the message but not out of url", async () => {
    server = await startLoopbackServer((_request, response) => {
      response.writeHead(403, { "content-type": "application/json" });
      response.end(JSON.stringify({ detail: "expired signature" }));
    });
    const replicate = new Replicate({ auth: TOKEN, baseUrl: server.baseUrl, maxRetries: 0 });
    const url = `${server.baseUrl}/files/f1/download?owner=a&expiry=1&signature=s3cr3t`;
    const error = (await replicate.files
      .download({ url })
      .catch((caught: unknown) => caught)) as ApiError;
    expect(error).toBeInstanceOf(PermissionDeniedError);
    expect(error.message).toBe(
      "GET /v1/files/f1/download failed with 403 Forbidden: expired signature",
    );
    expect(error.message).not.toContain("signature=");
    expect(error.url).toBe(url);
  });

  it("is recognised by isReplicateError across realms (by a registered symbol, not instanceof)", async () => {
    const error = await failureFor(404, "{}");
    expect(isReplicateError(error)).toBe(true);
    expect(isReplicateError(new Error("other"))).toBe(false);
    const { runInNewContext } = await import("node:vm");
    const foreign = runInNewContext(
      "const e = new Error('x'); Object.defineProperty(e, Symbol.for('replicate-ts.error'), { value: true }); e",
    );
    expect(isReplicateError(foreign)).toBe(true);
  });
});
