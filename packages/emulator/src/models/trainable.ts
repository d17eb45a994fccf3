import { deterministicVersionId } from "../ids";
import { cogOpenApiSchema } from "./cog-schema";
import { progressSteps } from "./progress";
import type { ModelBehaviour, ModelDefinition } from "./types";

const PREDICT_SCHEMA = {
  input: {
    required: ["text"],
    properties: { text: { type: "string", description: "Who to greet" } },
  },
  output: { type: "string" },
};

function greeter(greeting: string): ModelBehaviour {
  return function* ({ input }) {
    yield { sleep: 200 };
    return `${greeting} ${String(input.text)}`;
  };
}

/**
 * `replicate-ts/trainable`: greets `text` with "hello". Training it with a `greeting` (over
 * `steps` emulated iterations of 10 ms each) pushes a new version to the destination model that
 * greets with that word instead.
 */
export const trainable: ModelDefinition = {
  owner: "replicate-ts",
  name: "trainable",
  description: "A greeter you can fine-tune: training teaches it a new greeting.",
  readme:
    '# trainable\n\nPredicts `hello <text>`. Train it with `{ greeting: "hola" }` and the new version on your destination model predicts `hola <text>`.\n',
  tags: ["fine-tuning", "text", "trainable"],
  runCount: 150,
  hardware: "gpu-a100-large",
  createdAt: "2025-01-01T00:00:00.000000Z",
  version: {
    id: deterministicVersionId("replicate-ts/trainable:1"),
    cogVersion: "0.13.7",
    createdAt: "2025-01-01T00:00:00.000000Z",
    openapiSchema: cogOpenApiSchema({
      ...PREDICT_SCHEMA,
      trainingInput: {
        required: ["greeting"],
        properties: {
          greeting: { type: "string", description: "The word the trained model greets with" },
          steps: {
            type: "integer",
            default: 20,
            minimum: 1,
            maximum: 10000,
            description: "Training iterations (10 ms of emulated time each)",
          },
          train_data: { type: "string", format: "uri", description: "Training data (ignored)" },
        },
      },
    }),
    behaviour: greeter("hello"),
    *trainer({ input }) {
      const greeting = String(input.greeting);
      const steps = Number(input.steps);
      yield { log: `Training a greeter that says "${greeting}"` };
      yield* progressSteps(steps, steps * 10, 10);
      yield { log: "Training complete; pushing the new version" };
      const weights = new TextEncoder().encode(`${JSON.stringify({ greeting, steps })}\n`);
      return {
        openapiSchema: cogOpenApiSchema(PREDICT_SCHEMA),
        behaviour: greeter(greeting),
        weights: { bytes: weights, filename: "weights.json", contentType: "application/json" },
      };
    },
  },
  exampleInput: { text: "Alice" },
};
