// Cloudflare Workers: a Worker that imports the SDK, bundled by esbuild as wrangler would, run in
// workerd by miniflare. The runner POSTs the smoke configuration; the answer is the result.
import * as sdk from "replicate-ts";
import { runSmoke } from "./scenario.mjs";

export default {
  async fetch(request) {
    const config = await request.json();
    const result = await runSmoke(
      { sdk, expectedRuntime: "workerd", entry: "esbuild bundle" },
      config,
    );
    return Response.json(result);
  },
};
