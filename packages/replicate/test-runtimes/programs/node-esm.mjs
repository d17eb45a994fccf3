// Node, ES modules: `import Replicate from "replicate-ts"`, as a Node app would.
import { fileURLToPath } from "node:url";
import * as sdk from "replicate-ts";
import { printResult, runSmoke } from "./scenario.mjs";

const entry = fileURLToPath(import.meta.resolve("replicate-ts"));
const config = JSON.parse(process.argv[2]);
printResult(await runSmoke({ sdk, expectedRuntime: "node", entry }, config));
