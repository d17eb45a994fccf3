// Bun: `import Replicate from "replicate-ts"` resolved from node_modules by Bun itself.
import * as sdk from "replicate-ts";
import { printResult, runSmoke } from "./scenario.mjs";

const entry = Bun.fileURLToPath(import.meta.resolve("replicate-ts"));
const config = JSON.parse(Bun.argv[2]);
printResult(await runSmoke({ sdk, expectedRuntime: "bun", entry }, config));
