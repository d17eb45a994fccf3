import { deterministicVersionId } from "../ids";
import { cogOpenApiSchema } from "./cog-schema";
import { type ModelDefinition, ModelFailure } from "./types";

/**
 * `replicate-ts/fail`: logs a Python traceback and fails with `message` as the prediction's
 * `error`, after `seconds` of emulated time.
 */
export const fail: ModelDefinition = {
  owner: "replicate-ts",
  name: "fail",
  description: "Always fails, with the error message you give it.",
  readme:
    "# fail\n\nRuns briefly, logs a traceback, and fails with `message` as the prediction's error.\n",
  tags: ["testing", "utility"],
  runCount: 300,
  hardware: "cpu",
  createdAt: "2025-01-01T00:00:00.000000Z",
  version: {
    id: deterministicVersionId("replicate-ts/fail:1"),
    cogVersion: "0.13.7",
    createdAt: "2025-01-01T00:00:00.000000Z",
    openapiSchema: cogOpenApiSchema({
      input: {
        properties: {
          message: {
            type: "string",
            default: "The model failed on purpose.",
            description: "The error to fail with",
          },
          seconds: {
            type: "number",
            default: 0.5,
            minimum: 0,
            maximum: 3600,
            description: "How long to run before failing, in seconds",
          },
        },
      },
      output: { type: "string" },
    }),
    *behaviour({ input }) {
      const message = String(input.message);
      yield { log: "Starting prediction" };
      yield { sleep: Number(input.seconds) * 1000 };
      yield { log: "Traceback (most recent call last):" };
      yield { log: '  File "predict.py", line 12, in predict' };
      yield { log: "    raise RuntimeError(message)" };
      yield { log: `RuntimeError: ${message}` };
      throw new ModelFailure(message);
    },
  },
  exampleInput: { message: "The model failed on purpose.", seconds: 0.1 },
};
