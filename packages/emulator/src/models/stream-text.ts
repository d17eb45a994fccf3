import { deterministicVersionId, hashString, seededRandom } from "../ids";
import { cogOpenApiSchema } from "./cog-schema";
import { type ModelDefinition, ModelFailure } from "./types";

const VOCABULARY = [
  "the",
  "model",
  "streams",
  "tokens",
  "one",
  "at",
  "a",
  "time",
  "while",
  "your",
  "client",
  "reads",
  "them",
  "as",
  "server-sent",
  "events",
  "and",
  "nothing",
  "leaves",
  "this",
  "machine",
  "quietly",
  "emulated",
  "output",
  "arrives",
  "in",
  "order",
  "every",
  "run",
  "is",
  "deterministic",
];

/** The tokens `replicate-ts/stream-text` produces for a prompt: deterministic, `maxTokens` long. */
export function streamTextTokens(prompt: string, maxTokens: number): string[] {
  const words = `You said: ${prompt.trim()}.`.split(/\s+/).filter(Boolean);
  const random = seededRandom(hashString(prompt));
  while (words.length < maxTokens)
    words.push(VOCABULARY[Math.floor(random() * VOCABULARY.length)] ?? "and");
  return words.slice(0, maxTokens).map((word, index) => (index === 0 ? word : ` ${word}`));
}

/**
 * `replicate-ts/stream-text`: a language model that streams its answer token by token. Its output
 * is an iterator of strings (`x-cog-array-type: iterator`, shown concatenated), so its predictions
 * have a `urls.stream` server-sent event stream.
 */
export const streamText: ModelDefinition = {
  owner: "replicate-ts",
  name: "stream-text",
  description: "A deterministic language model that streams its answer token by token.",
  readme:
    "# stream-text\n\nEchoes the prompt, then continues with deterministic words, one token every 50 ms of emulated time. Use it to test streaming.\n",
  tags: ["text-generation", "language-model", "streaming"],
  runCount: 1200,
  hardware: "gpu-l40s",
  createdAt: "2025-01-01T00:00:00.000000Z",
  version: {
    id: deterministicVersionId("replicate-ts/stream-text:1"),
    cogVersion: "0.13.7",
    createdAt: "2025-01-01T00:00:00.000000Z",
    openapiSchema: cogOpenApiSchema({
      input: {
        required: ["prompt"],
        properties: {
          prompt: { type: "string", description: "Text to answer" },
          max_tokens: {
            type: "integer",
            default: 16,
            minimum: 1,
            maximum: 512,
            description: "How many tokens to generate",
          },
          fail_after: {
            type: "integer",
            minimum: 0,
            description: "Fail with an error after this many tokens (to test error events)",
          },
        },
      },
      output: {
        type: "array",
        items: { type: "string" },
        "x-cog-array-type": "iterator",
        "x-cog-array-display": "concatenate",
      },
    }),
    *behaviour({ input }) {
      const prompt = String(input.prompt);
      const tokens = streamTextTokens(prompt, Number(input.max_tokens));
      yield { log: `Prompt: ${prompt}` };
      yield { sleep: 100 };
      const failAfter = typeof input.fail_after === "number" ? input.fail_after : undefined;
      for (const [index, token] of tokens.entries()) {
        if (index === failAfter) throw new ModelFailure(`Generation failed after ${index} tokens.`);
        yield { output: token };
        yield { sleep: 50 };
      }
      const seconds = (100 + tokens.length * 50) / 1000;
      yield { log: `Generated ${tokens.length} tokens in ${seconds.toFixed(2)}s` };
      yield {
        metrics: {
          input_token_count: prompt.split(/\s+/).filter(Boolean).length,
          output_token_count: tokens.length,
          time_to_first_token: 0.1,
          tokens_per_second: Number((tokens.length / seconds).toFixed(3)),
        },
      };
      return tokens;
    },
  },
  exampleInput: { prompt: "Tell me a story", max_tokens: 16 },
};
