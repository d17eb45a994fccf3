/**
 * replicate-ts for Node (and Bun and Deno, which provide Node's modules): everything of the main
 * entry, plus `fileFromPath()`, streaming uploads over `node:http` (Node's `fetch` keeps a copy
 * of a streamed request body) and `FileOutput.saveTo()`. The package's `node` export condition
 * makes `import Replicate from "replicate-ts"` load this entry in Node.
 * @packageDocumentation
 */
import { registerPlatformFeatures } from "./internal/platform";
import { nodeStreamingFetch } from "./node/http-transport";
import { saveStreamToPath } from "./node/save-to-path";

registerPlatformFeatures({ streamingFetch: nodeStreamingFetch, saveToPath: saveStreamToPath });

export * from "./index";
export { default } from "./index";
export { type FileFromPathOptions, fileFromPath } from "./node/file-from-path";
export { nodeStreamingFetch } from "./node/http-transport";
