import Replicate from "replicate-ts";
import { describe, expect, it } from "vitest";

// Cloudflare Workers throw "Illegal invocation" when their fetch runs with a `this` other than
// the global object (e.g. the options object it was passed in). The runtime smoke suite proves
// the SDK works in workerd; this pins down the cause close to the code.
describe("how the client calls fetch", () => {
  it("calls an injected fetch as a plain function, with no `this`", async () => {
    const receivers: unknown[] = [];
    const options = {
      auth: "r8_test",
      baseUrl: "http://127.0.0.1:9/v1",
      fetch(this: unknown, _input: string | URL | Request, _init?: RequestInit) {
        receivers.push(this);
        return Promise.resolve(Response.json({ type: "user", username: "alice" }));
      },
    };
    const replicate = new Replicate(options);

    await replicate.request({ method: "GET", path: "/account" });

    expect(receivers).toEqual([undefined]);
  });
});
