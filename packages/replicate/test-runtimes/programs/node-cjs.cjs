// Node, CommonJS: `require("replicate-ts")`, as a CommonJS app (or a CJS-only tool) would.
const sdk = require("replicate-ts");

const entry = require.resolve("replicate-ts");
const config = JSON.parse(process.argv[2]);
// The scenario is shared ES module code; the SDK itself was loaded with require() above.
import("./scenario.mjs").then(async ({ printResult, runSmoke }) => {
  printResult(await runSmoke({ sdk, expectedRuntime: "node", entry }, config));
});
