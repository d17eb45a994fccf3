// Deno: `import Replicate from "replicate-ts"` resolved from the project's package.json and
// node_modules, run with network access to 127.0.0.1 only (no env, no file permissions).
import * as sdk from "replicate-ts";
import { printResult, runSmoke } from "./scenario.mjs";

const entry = import.meta.resolve("replicate-ts");
const config = JSON.parse(Deno.args[0]);
printResult(await runSmoke({ sdk, expectedRuntime: "deno", entry }, config));
