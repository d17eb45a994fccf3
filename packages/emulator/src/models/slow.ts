import { deterministicVersionId } from "../ids";
import { cogOpenApiSchema } from "./cog-schema";
import { progressSteps } from "./progress";
import type { ModelDefinition } from "./types";

/**
 * `replicate-ts/slow`: runs for `seconds` of emulated time, logging tqdm progress, then answers
 * `"slept for <seconds> seconds"`. For testing waiting, polling, `Prefer: wait`, `Cancel-After`
 * and cancel.
 */
export const slow: ModelDefinition = {
  owner: "replicate-ts",
  name: "slow",
  description: "Takes as long as you ask it to, logging progress as it goes.",
  readme:
    "# slow\n\nSleeps for `seconds` (emulated) and logs tqdm-style progress twenty times along the way.\n",
  tags: ["testing", "utility"],
  runCount: 800,
  hardware: "cpu",
  createdAt: "2025-01-01T00:00:00.000000Z",
  version: {
    id: deterministicVersionId("replicate-ts/slow:1"),
    cogVersion: "0.13.7",
    createdAt: "2025-01-01T00:00:00.000000Z",
    openapiSchema: cogOpenApiSchema({
      input: {
        properties: {
          seconds: {
            type: "number",
            default: 10,
            minimum: 0,
            maximum: 86400,
            description: "How long to run, in seconds",
          },
        },
      },
      output: { type: "string" },
    }),
    *behaviour({ input }) {
      const seconds = Number(input.seconds);
      if (seconds > 0) yield* progressSteps(100, seconds * 1000, 20);
      return `slept for ${seconds} seconds`;
    },
  },
  exampleInput: { seconds: 1 },
};
